package io.hearth.messaging;

import io.hearth.ErrorCode;
import io.hearth.crypto.FieldCipher;
import io.hearth.kit.Refusal;
import io.hearth.messaging.internal.OutgoingQueue;
import io.hearth.messaging.internal.OutgoingPushTable;
import io.hearth.messaging.internal.PushEncryption;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import jakarta.inject.Singleton;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * Sends web pushes: queues each in the transaction of the change that sends it, sealed, and {@code PushRelay}
 * encrypts it for the device (RFC 8291), signs the request (VAPID, RFC 8292) and hands it to the device's push
 * service, retrying with backoff while the service cannot take it. A device's endpoint must name a known push service
 * over HTTPS: the platform posts to it, so it must never be made to post into its own network.
 */
@TenantBound
@Singleton
public class Pushes {

    private final OutgoingQueue queue;
    private final FieldCipher cipher;
    private final PushConfiguration configuration;
    private final Clock clock;

    public Pushes(OutgoingQueue queue, FieldCipher cipher, PushConfiguration configuration, Clock clock) {
        this.queue = queue;
        this.cipher = cipher;
        this.configuration = configuration;
        this.clock = clock;
    }

    /** A device's subscription, as the browser's {@code PushSubscription.toJSON()} gives it. */
    public record Device(String endpoint, String p256dh, String auth) {
    }

    /** The key browsers subscribe with ({@code applicationServerKey}); 404 PUSH_NOT_CONFIGURED when push is off. */
    public String publicKey() {
        if (!configuration.enabled()) {
            throw new Refusal(Refusal.Kind.NOT_FOUND, ErrorCode.PUSH_NOT_CONFIGURED, "Push notifications are not set up on this platform");
        }
        return configuration.vapidPublicKey();
    }

    /** Refuses (422) a subscription that is not one: an endpoint of no known push service, keys that are not P-256 and 16 bytes. */
    public void check(Device device) {
        publicKey();
        URI endpoint;
        try {
            endpoint = new URI(device.endpoint());
        } catch (URISyntaxException | NullPointerException e) {
            throw Refusal.invalid("endpoint", "is not a URL");
        }
        if (endpoint.getHost() == null || endpoint.getUserInfo() != null || device.endpoint().length() > 1024) {
            throw Refusal.invalid("endpoint", "is not a push service's URL");
        }
        String origin = endpoint.getScheme() + "://" + endpoint.getHost().toLowerCase(Locale.ROOT) + (endpoint.getPort() == -1 ? "" : ":" + endpoint.getPort());
        boolean known = "https".equals(endpoint.getScheme()) && endpoint.getPort() == -1 && configuration.services().stream()
                .anyMatch(service -> endpoint.getHost().toLowerCase(Locale.ROOT).equals(service)
                        || endpoint.getHost().toLowerCase(Locale.ROOT).endsWith("." + service));
        if (!known && !configuration.insecureOriginsOrNone().contains(origin)) {
            throw Refusal.invalid("endpoint", "is not the address of a push service we send to");
        }
        try {
            PushEncryption.p256dh(device.p256dh());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw Refusal.invalid("keys.p256dh", "is not a P-256 public key (base64url of 65 bytes)");
        }
        try {
            PushEncryption.auth(device.auth());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw Refusal.invalid("keys.auth", "is not an auth secret (base64url of 16 bytes)");
        }
    }

    /**
     * Queues a push of this JSON payload to the device; the push service keeps it for {@code worthFor} while the
     * device is offline. An urgent one (a safety notification) is sent with {@code Urgency: high}.
     */
    public void send(Tenant tenant, Device device, String payload, Duration worthFor, boolean urgent) {
        queue.push(tenant.id().value(), device.endpoint(), device.p256dh(), device.auth(),
                cipher.seal(payload, OutgoingPushTable.associatedData(device.endpoint())), urgent ? "high" : "normal",
                clock.instant().plus(worthFor));
    }
}
