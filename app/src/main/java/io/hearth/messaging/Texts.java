package io.hearth.messaging;

import io.hearth.crypto.FieldCipher;
import io.hearth.messaging.internal.OutgoingTextTable;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;

/**
 * Sends text messages: queues each in the transaction of the change that sends it, sealed, and {@link TextRelay}
 * hands it to the SMS provider ({@link TextMessages}), retrying with backoff while the provider cannot take it, for as
 * long as the text is worth sending. Nothing a person does waits for, or fails because of, the provider.
 */
@TenantBound
@Singleton
public class Texts {

    private final TransactionOperations<Connection> tx;
    private final TextRelay relay;
    private final FieldCipher cipher;
    private final Clock clock;

    public Texts(TransactionOperations<Connection> tx, TextRelay relay, FieldCipher cipher, Clock clock) {
        this.tx = tx;
        this.relay = relay;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** Queues the text; it is given up, never sent, once {@code worthFor} has passed (a code that expired, say). */
    public void send(Tenant tenant, String to, String body, Duration worthFor) {
        tx.executeWrite(status -> {
            OutgoingTextTable.insert(status.getConnection(), tenant.id().value(),
                    to, cipher.seal(body, associatedData(to)), clock.instant().plus(worthFor));
            status.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    relay.wake();
                }
            });
            return null;
        });
    }

    /** Binds a sealed body to its recipient: a body moved to another row does not open. */
    static String associatedData(String recipient) {
        return "outgoing-text:" + recipient;
    }
}
