package io.hearth.identity;

import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;
import io.hearth.kit.Refusal;
import jakarta.inject.Singleton;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * NIST SP 800-63B's rules, nothing more: at least 12 characters, at most 128, not one of the 10,000 most common
 * passwords (compared without case), and not easy to guess as the zxcvbn estimator sees it (keyboard walks,
 * sequences, repeats, dictionary words with digits), counting the organisation's name and the person's name and
 * email as dictionary words. No composition rules: they make passwords worse, not better.
 */
@Singleton
public class PasswordPolicy {

    static final int MIN_LENGTH = 12;
    static final int MAX_LENGTH = 128;

    /**
     * zxcvbn's score from 0 to 4; 3 means about 10^8 guesses or more ("safely unguessable: moderate protection from
     * an offline slow-hash scenario"), which Argon2id makes many years of work.
     */
    static final int MIN_SCORE = 3;

    private final Set<String> common;
    private final Zxcvbn estimator = new Zxcvbn();

    public PasswordPolicy() {
        this.common = load();
        // The estimator loads its dictionaries on first use (~0.1 s): not on someone's sign-up.
        estimator.measure("warm up the estimator");
    }

    /**
     * Refuses a weak password with 422 naming the field. {@code context} are words an attacker of this person would
     * try first: the organisation's name, his names, his email address.
     */
    public void check(String field, String password, String... context) {
        weakness(password, context).ifPresent(reason -> {
            throw Refusal.invalid(field, reason);
        });
    }

    java.util.Optional<String> weakness(String password, String... context) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return java.util.Optional.of("must be at least " + MIN_LENGTH + " characters");
        }
        if (password.length() > MAX_LENGTH) {
            return java.util.Optional.of("must be at most " + MAX_LENGTH + " characters");
        }
        if (common.contains(password.toLowerCase(Locale.ROOT))) {
            return java.util.Optional.of("is one of the most common passwords: choose another");
        }
        Strength strength = estimator.measure(password, words(context));
        if (strength.getScore() < MIN_SCORE) {
            String warning = strength.getFeedback().getWarning();
            return java.util.Optional.of("is too easy to guess" + (warning == null || warning.isBlank() ? "" : " (" + warning.strip() + ")")
                    + ": a few unrelated words make a strong password");
        }
        return java.util.Optional.empty();
    }

    /** The context split into the words an attacker would try: "Ada Admin", "ada.admin@acme.test" -> ada, admin, acme, test. */
    static List<String> words(String... context) {
        List<String> words = new ArrayList<>();
        for (String text : context) {
            if (text == null) {
                continue;
            }
            String lower = text.toLowerCase(Locale.ROOT);
            words.add(lower);
            for (String part : lower.split("[^\\p{L}\\p{N}]+")) {
                if (part.length() >= 3) {
                    words.add(part);
                }
            }
        }
        return words;
    }

    int size() {
        return common.size();
    }

    private static Set<String> load() {
        Set<String> words = new HashSet<>();
        try (InputStream in = PasswordPolicy.class.getResourceAsStream("/identity/common-passwords.txt")) {
            if (in == null) {
                throw new IllegalStateException("identity/common-passwords.txt is missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    words.add(line.strip().toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return words;
    }
}
