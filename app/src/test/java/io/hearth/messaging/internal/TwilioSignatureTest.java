package io.hearth.messaging.internal;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** X-Twilio-Signature as Twilio documents it ("Validating requests", its worked example). */
class TwilioSignatureTest {

    private static final String TOKEN = "12345";
    private static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
    private static final List<Map.Entry<String, String>> PARAMS = List.of(Map.entry("To", "+18005551212"), Map.entry("Digits", "1234"),
            Map.entry("CallSid", "CA1234567890ABCDE"), Map.entry("From", "+14158675310"), Map.entry("Caller", "+14158675310"));

    @Test
    void signsTwiliosDocumentedExampleAsTwilioDoes() {
        assertThat(TwilioSignature.of(TOKEN, URL, PARAMS)).isEqualTo("GvWf1cFY/Q7PnoempGyD5oXAezc=");
    }

    @Test
    void signsTheOlderDocumentedExampleToo() {
        List<Map.Entry<String, String>> params = List.of(Map.entry("CallSid", "CA1234567890ABCDE"), Map.entry("Caller", "+12349013030"),
                Map.entry("Digits", "1234"), Map.entry("From", "+12349013030"), Map.entry("To", "+18005551212"));

        assertThat(TwilioSignature.matches(TOKEN, URL, params, "0/KCTR6DLpKmkAf8muzZqo1nDgQ=")).isTrue();
    }

    @Test
    void refusesAMissingOrChangedSignatureAnotherUrlOrAChangedParameter() {
        String good = TwilioSignature.of(TOKEN, URL, PARAMS);

        assertThat(TwilioSignature.matches(TOKEN, URL, PARAMS, good)).isTrue();
        assertThat(TwilioSignature.matches(TOKEN, URL, PARAMS, null)).isFalse();
        assertThat(TwilioSignature.matches(TOKEN, URL, PARAMS, "")).isFalse();
        assertThat(TwilioSignature.matches(TOKEN, URL, PARAMS, good.substring(1))).isFalse();
        assertThat(TwilioSignature.matches("54321", URL, PARAMS, good)).isFalse();
        assertThat(TwilioSignature.matches(TOKEN, "https://evil.example/myapp.php?foo=1&bar=2", PARAMS, good)).isFalse();
        assertThat(TwilioSignature.matches(TOKEN, URL, List.of(Map.entry("To", "+18005551212"), Map.entry("Digits", "9999"),
                Map.entry("CallSid", "CA1234567890ABCDE"), Map.entry("From", "+14158675310"), Map.entry("Caller", "+14158675310")), good)).isFalse();
    }
}
