package io.hearth.messaging;

import io.hearth.messaging.internal.OutgoingMailTable;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Singleton;

import java.sql.Connection;

/**
 * Sends plain-text mail: queues it in the transaction of the change that sends it (an invitation goes out if and
 * only if it was made), and {@link MailRelay} hands it to the SMTP server, retrying with backoff while the server is
 * unreachable. Nothing a person does waits for, or fails because of, the mail server.
 */
@TenantBound
@Singleton
public class Mailer {

    private final TransactionOperations<Connection> tx;
    private final MailRelay relay;

    public Mailer(TransactionOperations<Connection> tx, MailRelay relay) {
        this.tx = tx;
        this.relay = relay;
    }

    public void send(Tenant tenant, String to, String subject, String body) {
        tx.executeWrite(status -> {
            OutgoingMailTable.insert(status.getConnection(), tenant.id().value(),
                    to, subject, body);
            status.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    relay.wake();
                }
            });
            return null;
        });
    }
}
