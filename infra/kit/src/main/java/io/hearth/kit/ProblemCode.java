package io.hearth.kit;

/**
 * A stable error code clients branch on (written in problem+json's {@code code}). Titles are for people and may
 * change; codes do not. Each service lists its own in an enum that implements this.
 */
public interface ProblemCode {

    /** The code itself, e.g. {@code CIRCLE_FULL}. */
    String name();

    String title();

    /** The type URI of the problem document. */
    default String type() {
        return "https://hearth.example/problems/" + name().toLowerCase().replace('_', '-');
    }
}
