package io.hearth.messaging.internal;

import io.hearth.ErrorCode;
import io.hearth.kit.Refusal;
import io.hearth.messaging.SmsConfiguration;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * Sends text messages through the provider's REST API (Twilio: {@code POST /2010-04-01/Accounts/{sid}/Messages.json},
 * form-encoded, HTTP Basic). The one adapter to SMS: locally it talks to the SMS catcher, in tests to WireMock. Only
 * {@link TextRelay} calls it: everything else queues texts with {@code Texts}.
 */
@Singleton
public class TwilioApi {

    private static final Logger LOG = LoggerFactory.getLogger(TwilioApi.class);

    private final SmsConfiguration configuration;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public TwilioApi(SmsConfiguration configuration) {
        this.configuration = configuration;
    }

    /** Sends the text, or throws SMS_UNAVAILABLE: the provider refused it or could not be reached ({@link TextRelay} tries again). */
    /** {@code from}: the organisation's own number, or null for the shared one ({@code hearth.sms.from}). */
    public void send(@io.micronaut.core.annotation.Nullable String from, String to, String body) {
        String form = "To=" + encode(to) + "&From=" + encode(from == null ? configuration.from() : from) + "&Body=" + encode(body);
        String credentials = Base64.getEncoder().encodeToString((configuration.accountSid() + ":" + configuration.authToken()).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(configuration.baseUrl() + "/2010-04-01/Accounts/" + configuration.accountSid() + "/Messages.json"))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Basic " + credentials)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                LOG.warn("SMS provider refused a message: {} {}", response.statusCode(), response.body());
                throw unavailable();
            }
        } catch (IOException e) {
            LOG.warn("SMS provider unreachable", e);
            throw unavailable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable();
        }
    }

    private static Refusal unavailable() {
        return new Refusal(Refusal.Kind.UNAVAILABLE, ErrorCode.SMS_UNAVAILABLE, "The text message could not be sent: try again in a moment");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
