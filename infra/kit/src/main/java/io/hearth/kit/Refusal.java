package io.hearth.kit;

import java.util.List;
import java.util.Objects;

/**
 * A request the rules refuse, with a stable code the client can branch on and a detail for people. Plain Java:
 * the rules throw it without knowing about HTTP; the web kit answers it as problem+json, choosing the status from
 * its {@link Kind}.
 */
public class Refusal extends RuntimeException {

    /** What sort of refusal it is; the one place that turns a kind into an HTTP status is the web kit. */
    public enum Kind {
        /** The request cannot be read as one: its framing or headers are broken, before any field is looked at. */
        MALFORMED,
        /** The request itself is wrong: a field, a value, a step that does not fit. */
        INVALID,
        /** The caller is not known, or proved nothing. */
        UNAUTHENTICATED,
        /** The caller is known and may not do this. */
        FORBIDDEN,
        /** Nothing is there, or nothing the caller may see. */
        NOT_FOUND,
        /** It was there and is no longer (a used or expired link). */
        GONE,
        /** The state of things does not allow it now. */
        CONFLICT,
        /** What was sent is not of a type taken here (a file that is not what it claims to be). */
        UNSUPPORTED_MEDIA,
        /** What was sent is larger than taken here (a body, a file). */
        TOO_LARGE,
        /** Too many attempts: wait {@link #retryAfterSeconds()}. */
        RATE_LIMITED,
        /** Something we depend on cannot serve now. */
        UNAVAILABLE
    }

    /** One field that failed validation; {@code field} is a JSON path such as {@code adminEmail}. */
    public record FieldError(String field, String message) {
    }

    private final Kind kind;
    private final ProblemCode code;
    private final List<FieldError> errors;
    private final long retryAfterSeconds;

    public Refusal(Kind kind, ProblemCode code, String detail) {
        this(kind, code, detail, List.of(), 0);
    }

    public Refusal(Kind kind, ProblemCode code, String detail, List<FieldError> errors) {
        this(kind, code, detail, errors, 0);
    }

    private Refusal(Kind kind, ProblemCode code, String detail, List<FieldError> errors, long retryAfterSeconds) {
        super(detail);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.code = Objects.requireNonNull(code, "code");
        this.errors = List.copyOf(errors);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static Refusal notFound(String detail) {
        return new Refusal(Kind.NOT_FOUND, CommonCode.RESOURCE_NOT_FOUND, detail);
    }

    public static Refusal conflict(String detail) {
        return new Refusal(Kind.CONFLICT, CommonCode.RESOURCE_CONFLICT, detail);
    }

    public static Refusal invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    public static Refusal invalid(List<FieldError> errors) {
        return new Refusal(Kind.INVALID, CommonCode.VALIDATION_ERROR, "The request has invalid fields", errors);
    }

    /** MALFORMED, with the general VALIDATION_ERROR code. */
    public static Refusal malformed(String detail) {
        return new Refusal(Kind.MALFORMED, CommonCode.VALIDATION_ERROR, detail);
    }

    /** MALFORMED for one field whose value has the wrong form (text where a number belongs, a date that does not parse). */
    public static Refusal malformed(String field, String message) {
        return new Refusal(Kind.MALFORMED, CommonCode.VALIDATION_ERROR, "'" + field + "' " + message, List.of(new FieldError(field, message)));
    }

    /** TOO_LARGE: the body or a file in it is larger than taken here (413 PAYLOAD_TOO_LARGE). */
    public static Refusal tooLarge(String detail) {
        return new Refusal(Kind.TOO_LARGE, CommonCode.PAYLOAD_TOO_LARGE, detail);
    }

    public static Refusal unauthorized(String detail) {
        return new Refusal(Kind.UNAUTHENTICATED, CommonCode.AUTHENTICATION_ERROR, detail);
    }

    public static Refusal forbidden(String detail) {
        return new Refusal(Kind.FORBIDDEN, CommonCode.AUTHORIZATION_ERROR, detail);
    }

    /** RATE_LIMITED; the client is told to wait this many seconds (at least one). */
    public static Refusal rateLimited(String detail, long retryAfterSeconds) {
        return new Refusal(Kind.RATE_LIMITED, CommonCode.RATE_LIMITED, detail, List.of(), Math.max(1, retryAfterSeconds));
    }

    /** UNAVAILABLE: something we depend on is down; the client is told to try again after this many seconds. */
    public static Refusal unavailable(String detail, long retryAfterSeconds) {
        return new Refusal(Kind.UNAVAILABLE, CommonCode.SERVICE_UNAVAILABLE, detail, List.of(), Math.max(1, retryAfterSeconds));
    }

    /** UNAVAILABLE with a code of its own, for a client that acts on why. */
    public static Refusal unavailable(ProblemCode code, String detail, long retryAfterSeconds) {
        return new Refusal(Kind.UNAVAILABLE, code, detail, List.of(), Math.max(1, retryAfterSeconds));
    }

    public Kind kind() {
        return kind;
    }

    public ProblemCode code() {
        return code;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** How long a {@link Kind#RATE_LIMITED} or {@link Kind#UNAVAILABLE} caller should wait; 0 when not said. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
