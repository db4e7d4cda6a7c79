package io.hearth.messaging;

import io.hearth.kit.Refusal;
import io.hearth.messaging.internal.TwilioSignature;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** No auth token, no texts taken: a signature under an empty key would prove nothing, whoever made it. */
class InboundTextsTest {

    private static final String URL = "https://hearth.example/api/v1/sms/inbound";
    private static final String FORM = "MessageSid=SM1&From=%2B447700900123&To=%2B15005550006&Body=STOP";
    private static final List<Map.Entry<String, String>> PARAMS = List.of(Map.entry("MessageSid", "SM1"), Map.entry("From", "+447700900123"),
            Map.entry("To", "+15005550006"), Map.entry("Body", "STOP"));

    @Test
    void withoutATokenEveryTextIsRefusedWhateverItsSignature() {
        InboundTexts inbound = new InboundTexts(new SmsConfiguration("https://api.twilio.com", "AC1", "", "+15005550006"), URL);

        Refusal refused = catchThrowableOfType(Refusal.class, () -> inbound.read(FORM, "sig-under-any-key"));

        assertThat(refused.kind()).isEqualTo(Refusal.Kind.FORBIDDEN);
        assertThat(refused.code().name()).isEqualTo("SMS_SIGNATURE_INVALID");
    }

    @Test
    void withATokenATextSignedUnderItIsRead() {
        InboundTexts inbound = new InboundTexts(new SmsConfiguration("https://api.twilio.com", "AC1", "a-real-token", "+15005550006"), URL);

        InboundText text = inbound.read(FORM, TwilioSignature.of("a-real-token", URL, PARAMS));

        assertThat(text.body()).isEqualTo("STOP");
        assertThat(text.from()).isEqualTo("+447700900123");
    }
}
