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

    /** A key the code says that no bundle has would throw in a Kafka listener, which would retry it ten times. */
    @Test
    void everyWordTheCodeSaysIsInTheBundle() throws IOException {
        Properties notices = load("notifications/notices.properties");
        Pattern said = Pattern.compile("Text\\.of\\(\"([^\"]+)\"");
        Set<String> keys = new TreeSet<>();
        try (java.util.stream.Stream<java.nio.file.Path> sources = java.nio.file.Files.walk(java.nio.file.Path.of("src", "main", "java"))) {
            for (java.nio.file.Path source : sources.filter(path -> path.toString().endsWith(".java")).toList()) {
                Matcher matcher = said.matcher(java.nio.file.Files.readString(source));
                while (matcher.find()) {
                    keys.add(matcher.group(1));
                }
            }
        }
        assertThat(keys).as("words the code says").hasSizeGreaterThan(40);
        for (String key : keys) {
            // "role." + role.name(): some word of the bundle starts so (TextTest holds every value of their enums).
            boolean known = key.endsWith(".") ? notices.stringPropertyNames().stream().anyMatch(word -> word.startsWith(key)) : notices.containsKey(key);
            assertThat(known).as("notices.properties has %s", key).isTrue();
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
