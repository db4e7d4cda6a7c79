package io.hearth.kit.web.input;

import io.hearth.kit.Refusal;

/**
 * What every piece of text that enters a Hearth service must be: storable. PostgreSQL refuses a NUL character in
 * text, and a lone UTF-16 surrogate cannot be encoded as UTF-8; either would fail deep inside a write as a 500. They
 * are refused at the edge instead, naming the field, before any rule or store sees them.
 */
public final class TextRule {

    static final String MESSAGE = "must not contain NUL characters or broken Unicode (an unpaired surrogate)";

    private TextRule() {
    }

    /** The text unchanged, or a 422 naming {@code field}. */
    public static String require(String field, String text) {
        if (text != null && !isStorable(text)) {
            throw Refusal.invalid(field, MESSAGE);
        }
        return text;
    }

    public static boolean isStorable(CharSequence text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return false;
            }
            if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
