package io.hearth.messaging;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Every language says everything English says, with the same blanks to fill: a missing word would be English in a German mail. */
class LanguagesTest {

    /** Each bundle of words Hearth says to people. */
    private static final Set<String> BUNDLES = Set.of("mail/notifications", "notifications/notices");

    private static final Pattern BLANK = Pattern.compile("\\{\\{\\s*(@?[A-Za-z][A-Za-z0-9_.]*)\\s*}}");

    @Test
    void everyLanguageHasEveryWordWithTheSameBlanks() throws IOException {
        for (String bundle : BUNDLES) {
            Properties english = load(bundle + ".properties");
            assertThat(english).as(bundle).isNotEmpty();
            for (String language : Languages.SUPPORTED) {
                if (language.equals(Languages.DEFAULT)) {
                    continue;
                }
                Properties other = load(bundle + "_" + language + ".properties");
                assertThat(other.stringPropertyNames()).as(bundle + " in " + language).isEqualTo(english.stringPropertyNames());
                for (String key : english.stringPropertyNames()) {
                    assertThat(blanks(other.getProperty(key))).as(bundle + " in " + language + ": " + key).isEqualTo(blanks(english.getProperty(key)));
                }
            }
        }
    }

    @Test
    void aLanguageNoLongerSupportedReadsAsEnglish() {
        assertThat(Languages.locale("de")).isEqualTo(Locale.GERMAN);
        assertThat(Languages.locale("xx")).isEqualTo(Locale.ENGLISH);
        assertThat(Languages.locale(null)).isEqualTo(Locale.ENGLISH);
        assertThat(Languages.isSupported("EN")).isFalse();
    }

    @Test
    void aLanguageWithoutItsBundleReadsEnglishWhateverTheMachinesLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMAN);
            assertThat(Languages.bundle("notifications.notices", Locale.FRENCH).getString("someone")).isEqualTo("Someone");
        } finally {
            Locale.setDefault(before);
        }
    }

    private static Set<String> blanks(String text) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = BLANK.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private static Properties load(String resource) throws IOException {
        try (InputStream in = LanguagesTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return properties;
        }
    }
}
