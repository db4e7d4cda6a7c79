package io.hearth.web;

/** Search text for SQL LIKE: its wildcards escaped, so "50%" finds "50%" and not everything after "50". */
public final class LikePatterns {

    private LikePatterns() {
    }

    /** The text, trimmed and escaped, or null when there is nothing to search for. */
    public static String escaped(String text) {
        return text == null || text.isBlank() ? null : text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
