package io.hearth.messaging;

import io.hearth.crypto.FieldCipher;
import io.hearth.messaging.internal.OutgoingQueue;
import io.hearth.messaging.internal.OutgoingTextTable;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;

/**
 * Sends text messages: queues each in the transaction of the change that sends it, sealed, and {@code TextRelay}
 * hands it to the SMS provider ({@code TwilioApi}), retrying with backoff while the provider cannot take it, for as
 * long as the text is worth sending. Nothing a person does waits for, or fails because of, the provider.
 */
@TenantBound
@Singleton
public class Texts {

    private final OutgoingQueue queue;
    private final FieldCipher cipher;
    private final Clock clock;

    public Texts(OutgoingQueue queue, FieldCipher cipher, Clock clock) {
        this.queue = queue;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** Queues the text; it is given up, never sent, once {@code worthFor} has passed (a code that expired, say). */
    public void send(Tenant tenant, String to, String body, Duration worthFor) {
        queue.text(tenant.id().value(), to, cipher.seal(body, OutgoingTextTable.associatedData(to)), clock.instant().plus(worthFor));
    }
}
