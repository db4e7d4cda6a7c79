package io.hearth.messaging;

import io.micronaut.core.annotation.Nullable;

import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The languages Hearth writes to people in: an organisation chooses one, a man may choose his own. Each has its words
 * beside the English ones ({@code mail/notifications_de.properties}, {@code notifications/notices_de.properties});
 * {@code LanguagesTest} holds every bundle to the English one, key for key and placeholder for placeholder.
 */
public final class Languages {

    /** English first: the language of an organisation that chose none, and of every word a bundle lacks. */
    public static final List<String> SUPPORTED = List.of("en", "de");

    public static final String DEFAULT = "en";

    private Languages() {
    }

    public static boolean isSupported(@Nullable String language) {
        return language != null && SUPPORTED.contains(language);
    }

    /** The locale of a stored language; one no longer supported reads as English. */
    public static Locale locale(@Nullable String language) {
        return Locale.forLanguageTag(isSupported(language) ? language : DEFAULT);
    }

    /**
     * A bundle of words in this locale: no fallback to the JVM's own locale, so a locale without its bundle reads the
     * base one (English), whatever machine Hearth runs on.
     */
    public static ResourceBundle bundle(String baseName, Locale locale) {
        return ResourceBundle.getBundle(baseName, locale, ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }
}
