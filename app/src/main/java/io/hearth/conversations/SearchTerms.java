package io.hearth.conversations;

import io.hearth.kit.Refusal;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A search as people type it: words match as prefixes ({@code retr} finds "retreat"), words in double quotes match as
 * a phrase, all must match. Read into a PostgreSQL {@code tsquery} over the {@code simple} configuration (no stemming,
 * so it works alike in every language), and used again to mark where a found text matches.
 */
public record SearchTerms(List<List<String>> groups) {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final int MAX_WORDS = 16;

    /** Where a text matches: [start, end) in UTF-16 characters, as JavaScript counts them. */
    @Schema(name = "Highlight")
    @Serdeable
    public record Highlight(int start, int end) {
    }

    public static SearchTerms parse(String query) {
        if (query == null || query.isBlank()) {
            throw Refusal.invalid("q", "is required");
        }
        List<List<String>> groups = new ArrayList<>();
        String[] parts = query.split("\"", -1);
        for (int i = 0; i < parts.length; i++) {
            List<String> words = words(parts[i]);
            if (i % 2 == 1 && parts.length > i + 1) {
                if (!words.isEmpty()) {
                    groups.add(words);
                }
            } else {
                words.forEach(word -> groups.add(List.of(word)));
            }
        }
        if (groups.isEmpty()) {
            throw Refusal.invalid("q", "needs at least one word");
        }
        if (groups.stream().mapToInt(List::size).sum() > MAX_WORDS) {
            throw Refusal.invalid("q", "at most " + MAX_WORDS + " words");
        }
        return new SearchTerms(List.copyOf(groups));
    }

    /** For {@code to_tsquery('simple', ...)}: lexemes are letters and digits only, so nothing needs quoting. */
    public String tsquery() {
        List<String> parts = new ArrayList<>();
        for (List<String> group : groups) {
            if (group.size() == 1) {
                parts.add(group.get(0) + ":*");
            } else {
                parts.add("(" + String.join(" <-> ", group) + ")");
            }
        }
        return String.join(" & ", parts);
    }

    /** The places in the text that match a word (as a prefix) or a phrase (word by word). */
    public List<Highlight> highlight(String text) {
        List<int[]> tokens = new ArrayList<>();
        List<String> lower = new ArrayList<>();
        Matcher matcher = WORD.matcher(text);
        while (matcher.find()) {
            tokens.add(new int[]{matcher.start(), matcher.end()});
            lower.add(matcher.group().toLowerCase(Locale.ROOT));
        }
        boolean[] marked = new boolean[tokens.size()];
        for (List<String> group : groups) {
            for (int i = 0; i + group.size() <= tokens.size(); i++) {
                boolean match = group.size() == 1 ? lower.get(i).startsWith(group.get(0)) : matchesPhrase(lower, i, group);
                if (match) {
                    for (int k = i; k < i + group.size(); k++) {
                        marked[k] = true;
                    }
                }
            }
        }
        List<Highlight> highlights = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (marked[i]) {
                int start = tokens.get(i)[0];
                int end = tokens.get(i)[1];
                while (i + 1 < tokens.size() && marked[i + 1] && text.substring(end, tokens.get(i + 1)[0]).isBlank()) {
                    end = tokens.get(++i)[1];
                }
                highlights.add(new Highlight(start, end));
            }
        }
        return highlights;
    }

    private static boolean matchesPhrase(List<String> tokens, int at, List<String> phrase) {
        for (int k = 0; k < phrase.size(); k++) {
            if (!tokens.get(at + k).equals(phrase.get(k))) {
                return false;
            }
        }
        return true;
    }

    private static List<String> words(String part) {
        List<String> words = new ArrayList<>();
        Matcher matcher = WORD.matcher(part);
        while (matcher.find()) {
            words.add(matcher.group().toLowerCase(Locale.ROOT));
        }
        return words;
    }
}
