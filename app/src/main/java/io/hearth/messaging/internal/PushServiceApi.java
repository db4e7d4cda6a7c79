package io.hearth.messaging.internal;

import io.hearth.messaging.PushConfiguration;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;

/**
 * Posts one encrypted push to a device's push service (RFC 8030): {@code Content-Encoding: aes128gcm}, a TTL, an
 * urgency and the VAPID authorization. The one adapter to push services; only {@link PushRelay} calls it. Redirects
 * are not followed: an endpoint is checked when it is subscribed, and a redirect could lead anywhere.
 */
@Singleton
public class PushServiceApi {

    /** What the push service made of it. */
    public enum Outcome {
        /** Taken (201; some services answer 200 or 202). */
        TAKEN,
        /** 404 or 410: the subscription is gone; drop it. */
        GONE,
        /** 429, 5xx or no answer: try again later. */
        LATER,
        /** Refused for good (400, 401, 403, 413...): retrying would not help. */
        REFUSED
    }

    /** The outcome, with the status or error for the log. */
    public record Answer(Outcome outcome, String detail) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
    private final PushEncryption encryption = new PushEncryption();
    private final PushConfiguration configuration;
    private final Clock clock;
    private volatile Vapid vapid;

    public PushServiceApi(PushConfiguration configuration, Clock clock) {
        this.configuration = configuration;
        this.clock = clock;
    }

    public Answer send(String endpoint, String p256dh, String auth, byte[] payload, Duration ttl, String urgency) {
        if (!configuration.enabled()) {
            return new Answer(Outcome.LATER, "push is not configured (no VAPID keys)");
        }
        URI uri = URI.create(endpoint);
        byte[] body = encryption.encrypt(payload, PushEncryption.p256dh(p256dh), PushEncryption.auth(auth));
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Encoding", "aes128gcm")
                .header("Content-Type", "application/octet-stream")
                .header("TTL", Long.toString(Math.max(0, ttl.toSeconds())))
                .header("Urgency", urgency)
                .header("Authorization", vapid().authorization(uri))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            String detail = status + " " + response.body().substring(0, Math.min(200, response.body().length()));
            if (status / 100 == 2) {
                return new Answer(Outcome.TAKEN, detail);
            }
            if (status == 404 || status == 410) {
                return new Answer(Outcome.GONE, detail);
            }
            if (status == 429 || status / 100 == 5) {
                return new Answer(Outcome.LATER, detail);
            }
            return new Answer(Outcome.REFUSED, detail);
        } catch (IOException e) {
            return new Answer(Outcome.LATER, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(Outcome.LATER, "interrupted");
        }
    }

    private Vapid vapid() {
        Vapid current = vapid;
        if (current == null) {
            current = Vapid.of(configuration.vapidPrivateKey(), configuration.vapidPublicKey(), configuration.subject(), clock);
            vapid = current;
        }
        return current;
    }
}
