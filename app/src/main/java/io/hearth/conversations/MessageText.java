package io.hearth.conversations;

import io.hearth.kit.Refusal;

import java.nio.charset.StandardCharsets;

/** The rules for a message's text: not blank, no NUL, at most 8 KB of UTF-8. */
public final class MessageText {

    public static final int MAX_BYTES = 8192;

    private MessageText() {
    }

    /** The text as stored (surrounding white space removed), or a refusal naming the field. */
    public static String check(String field, String text) {
        if (text == null || text.isBlank()) {
            throw Refusal.invalid(field, "must not be blank");
        }
        if (text.indexOf('\0') >= 0) {
            throw Refusal.invalid(field, "must not contain NUL characters");
        }
        String stripped = text.strip();
        int bytes = stripped.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            throw Refusal.invalid(field, "is " + bytes + " bytes; at most " + MAX_BYTES + " bytes of UTF-8");
        }
        return stripped;
    }
}
