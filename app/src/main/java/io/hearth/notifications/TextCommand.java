package io.hearth.notifications;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a man can ask by texting one word to the organisation's number, as carriers require: the whole text is the
 * word, in any case, with spaces around it at most ("stop please" is a message, not a stop).
 */
public enum TextCommand {
    /** No more texts: STOP, UNSUBSCRIBE, END, QUIT or CANCEL. */
    STOP,
    /** Texts again: START. */
    START,
    /** Who is texting and how to stop: HELP. */
    HELP;

    private static final Set<String> STOP_WORDS = Set.of("STOP", "UNSUBSCRIBE", "END", "QUIT", "CANCEL");

    /** The command a text is, if it is one. */
    public static Optional<TextCommand> of(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String word = text.strip().toUpperCase(Locale.ROOT);
        if (STOP_WORDS.contains(word)) {
            return Optional.of(STOP);
        }
        if (word.equals("START")) {
            return Optional.of(START);
        }
        if (word.equals("HELP")) {
            return Optional.of(HELP);
        }
        return Optional.empty();
    }
}
