package io.hearth.notifications;

import io.hearth.messaging.Languages;
import io.hearth.messaging.MailTemplate;
import io.micronaut.core.annotation.Nullable;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.ResourceBundle;

/**
 * Words of a notice, said in each reader's language: a key of {@code notifications/notices.properties} (and its
 * bundle per language beside it) with the values its {@code {{name}}}s take, or a man's own words, said as he wrote
 * them (a must-reach message, an announcement). A value is a string said as it is (a name, a title), a number, a
 * {@link When}, an amount of {@link Money}, or another {@link Text} (a role's name), each said the reader's way.
 */
public final class Text {

    static final String BUNDLE = "notifications.notices";

    private final @Nullable String key;
    private final @Nullable String verbatim;
    private final Map<String, Object> values;

    private Text(@Nullable String key, @Nullable String verbatim, Map<String, Object> values) {
        this.key = key;
        this.verbatim = verbatim;
        this.values = values;
    }

    /** The words under this key, with its values as name, value, name, value… */
    public static Text of(String key, Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("values come as name, value pairs: " + key);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            values.put((String) namesAndValues[i], Objects.requireNonNull(namesAndValues[i + 1], () -> key + " lacks a value"));
        }
        return new Text(key, null, Map.copyOf(values));
    }

    /** A man's own words: the same in every language. */
    public static Text verbatim(String text) {
        return new Text(null, Objects.requireNonNull(text), Map.of());
    }

    /** A moment, on this clock. */
    public record When(Instant at, ZoneId zone) {
    }

    /** An amount in cents of a currency (ISO 4217, any case). */
    public record Money(long cents, String currency) {
    }

    /** Said in this language. */
    public String in(Locale locale) {
        if (verbatim != null) {
            return verbatim;
        }
        ResourceBundle words = Languages.bundle(BUNDLE, locale);
        Map<String, Object> said = new LinkedHashMap<>();
        values.forEach((name, value) -> said.put(name, say(value, words, locale)));
        return MailTemplate.parse(BUNDLE + ":" + key, false, words.getString(key)).render(said, words);
    }

    /** In English: for logs and tests. */
    @Override
    public String toString() {
        return in(Locale.ENGLISH);
    }

    private static String say(Object value, ResourceBundle words, Locale locale) {
        if (value instanceof Text text) {
            return text.in(locale);
        }
        if (value instanceof When when) {
            return DateTimeFormatter.ofPattern(words.getString("format.when"), region(words)).format(when.at().atZone(when.zone()));
        }
        if (value instanceof Money money) {
            return money(money, region(words));
        }
        return String.valueOf(value);
    }

    /** Where dates and amounts are written as this language writes them (en-GB: Mon 7 Dec, £12.00). */
    private static Locale region(ResourceBundle words) {
        return Locale.forLanguageTag(words.getString("format.region"));
    }

    private static String money(Money money, Locale region) {
        NumberFormat format = NumberFormat.getCurrencyInstance(region);
        try {
            format.setCurrency(Currency.getInstance(money.currency().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return BigDecimal.valueOf(money.cents(), 2).toPlainString() + " " + money.currency().toUpperCase(Locale.ROOT);
        }
        return format.format(BigDecimal.valueOf(money.cents(), 2));
    }
}
