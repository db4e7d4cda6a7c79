package io.hearth.messaging.internal;

import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Queues outgoing mail, texts and pushes in the transaction of the change that sends them (joined when there is one), and
 * wakes their relay once that commits: a message goes out if and only if its change was made.
 */
@Singleton
public class OutgoingQueue {

    private final TransactionOperations<Connection> tx;
    private final MailRelay mailRelay;
    private final TextRelay textRelay;
    private final PushRelay pushRelay;

    public OutgoingQueue(TransactionOperations<Connection> tx, MailRelay mailRelay, TextRelay textRelay, PushRelay pushRelay) {
        this.tx = tx;
        this.mailRelay = mailRelay;
        this.textRelay = textRelay;
        this.pushRelay = pushRelay;
    }

    /** {@code html} is the HTML part sent beside the plain-text body, or null for a plain-text mail. */
    public void mail(UUID tenant, String recipient, String subject, String body, String html, Map<String, String> headers) {
        tx.executeWrite(status -> {
            OutgoingMailTable.insert(status.getConnection(), tenant, recipient, subject, body, html, headers);
            wakeAfterCommit(status, mailRelay);
            return null;
        });
    }

    /** The body is sealed already ({@link OutgoingTextTable#associatedData}); it is given up at {@code expiresAt}. */
    public void text(UUID tenant, String recipient, String sealedBody, Instant expiresAt) {
        tx.executeWrite(status -> {
            OutgoingTextTable.insert(status.getConnection(), tenant, recipient, sealedBody, expiresAt);
            wakeAfterCommit(status, textRelay);
            return null;
        });
    }

    /** The payload is sealed already ({@link OutgoingPushTable#associatedData}); it is given up at {@code expiresAt}. */
    public void push(UUID tenant, String endpoint, String p256dh, String auth, String sealedPayload, String urgency, Instant expiresAt) {
        tx.executeWrite(status -> {
            OutgoingPushTable.insert(status.getConnection(), tenant, endpoint, p256dh, auth, sealedPayload, urgency, expiresAt);
            wakeAfterCommit(status, pushRelay);
            return null;
        });
    }

    private static void wakeAfterCommit(io.micronaut.transaction.TransactionStatus<Connection> status, Relay<?> relay) {
        status.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.wake();
            }
        });
    }
}
