package io.hearth.kit.outbox;

/** An event that cannot be understood: logged and skipped, since retrying it cannot help. */
public final class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
