package io.hearth.messaging;

import io.hearth.crypto.FieldCipher;
import io.hearth.messaging.internal.OutgoingQueue;
import io.hearth.messaging.internal.OutgoingTextTable;
import io.hearth.messaging.internal.PhoneHashes;
import io.hearth.messaging.internal.TextStopRepository;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;

/**
 * Sends text messages: queues each in the transaction of the change that sends it, sealed, and {@code TextRelay}
 * hands it to the SMS provider ({@code TwilioApi}), retrying with backoff while the provider cannot take it, for as
 * long as the text is worth sending. Nothing a person does waits for, or fails because of, the provider. A number that
 * texted STOP to the organisation gets nothing from it until it texts START (only the answer to those texts).
 */
@TenantBound
@Singleton
public class Texts {

    private static final Logger LOG = LoggerFactory.getLogger(Texts.class);
    /** An answer to STOP, START or HELP is worth sending for this long. */
    private static final Duration ANSWER_WORTH = Duration.ofHours(1);

    private final OutgoingQueue queue;
    private final FieldCipher cipher;
    private final TextStopRepository stops;
    private final PhoneHashes hashes;
    private final Clock clock;

    public Texts(OutgoingQueue queue, FieldCipher cipher, TextStopRepository stops, PhoneHashes hashes, Clock clock) {
        this.queue = queue;
        this.cipher = cipher;
        this.stops = stops;
        this.hashes = hashes;
        this.clock = clock;
    }

    /**
     * Queues the text; it is given up, never sent, once {@code worthFor} has passed (a code that expired, say). Returns
     * false, queuing nothing, when the number texted STOP to this organisation.
     */
    public boolean send(Tenant tenant, String to, String body, Duration worthFor) {
        if (stopped(tenant, to)) {
            LOG.info("a text not queued: its number texted STOP to {}", tenant.slug());
            return false;
        }
        queue.text(tenant.id().value(), to, cipher.seal(body, OutgoingTextTable.associatedData(to)), clock.instant().plus(worthFor));
        return true;
    }

    /** The answer to a STOP, START or HELP text: sent even to a number that stopped texts (a reply to STOP confirms it). */
    public void answer(Tenant tenant, String to, String body) {
        queue.text(tenant.id().value(), to, cipher.seal(body, OutgoingTextTable.associatedData(to)), clock.instant().plus(ANSWER_WORTH));
    }

    /** The number texted STOP: nothing more is texted to it from this organisation. */
    public void stop(Tenant tenant, String phone) {
        stops.stop(hashes.hash(tenant.id().value(), phone), clock.instant());
    }

    /** The number texted START: texts go to it again. */
    public void start(Tenant tenant, String phone) {
        stops.start(hashes.every(tenant.id().value(), phone));
    }

    /** Whether the number texted STOP to this organisation (and not START since). */
    public boolean stopped(Tenant tenant, String phone) {
        return stops.anyOf(hashes.every(tenant.id().value(), phone));
    }
}
