package io.hearth.messaging;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.BasicCredentials;
import io.hearth.kit.Refusal;
import io.hearth.messaging.internal.TwilioApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The SMS adapter against a local HTTP server answering as Twilio's Messages API does. */
class TwilioApiIT {

    private static final String SID = "AC3f0f6f2a9c1e4b7d8e5a6b7c8d9e0f1a";
    private static final String PATH = "/2010-04-01/Accounts/" + SID + "/Messages.json";
    private static WireMockServer twilio;
    private TwilioApi texts;

    @BeforeAll
    static void start() {
        twilio = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        twilio.start();
    }

    @AfterAll
    static void stop() {
        twilio.stop();
    }

    @BeforeEach
    void adapter() {
        twilio.resetAll();
        texts = new TwilioApi(new SmsConfiguration(twilio.baseUrl(), SID, "secret-token", "+15005550006"));
    }

    @Test
    void postsTheMessageFormEncodedWithBasicAuth() {
        twilio.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"sid\":\"SM1234567890abcdef1234567890abcdef\",\"status\":\"queued\",\"to\":\"+447700900123\",\"from\":\"+15005550006\"}")));

        texts.send("+15005550006", "+447700900123", "Your code is 123456");

        twilio.verify(postRequestedFor(urlEqualTo(PATH))
                .withBasicAuth(new BasicCredentials(SID, "secret-token"))
                .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
                .withRequestBody(containing("To=%2B447700900123"))
                .withRequestBody(containing("From=%2B15005550006"))
                .withRequestBody(containing("Body=Your+code+is+123456")));
    }

    @Test
    void aRefusalByTheProviderIsA503ForTheClient() {
        twilio.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"code\":21211,\"message\":\"The 'To' number +1555 is not a valid phone number.\",\"more_info\":\"https://www.twilio.com/docs/errors/21211\",\"status\":400}")));

        Refusal error = catchThrowableOfType(Refusal.class, () -> texts.send("+15005550006", "+1555", "x"));

        assertThat(error.kind()).isEqualTo(Refusal.Kind.UNAVAILABLE);
        assertThat(error.code().name()).isEqualTo("SMS_UNAVAILABLE");
    }

    @Test
    void anUnreachableProviderIsA503ForTheClient() {
        TwilioApi unreachable = new TwilioApi(new SmsConfiguration("http://127.0.0.1:1", SID, "t", "+15005550006"));

        Refusal error = catchThrowableOfType(Refusal.class, () -> unreachable.send("+15005550006", "+447700900123", "x"));

        assertThat(error.kind()).isEqualTo(Refusal.Kind.UNAVAILABLE);
    }
}
