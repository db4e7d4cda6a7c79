package io.hearth.messaging;

import io.hearth.messaging.internal.OutgoingQueue;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import jakarta.inject.Singleton;

/**
 * Sends plain-text mail: queues it in the transaction of the change that sends it (an invitation goes out if and
 * only if it was made), and {@code MailRelay} hands it to the SMTP server, retrying with backoff while the server is
 * unreachable. Nothing a person does waits for, or fails because of, the mail server.
 */
@TenantBound
@Singleton
public class Mailer {

    private final OutgoingQueue queue;

    public Mailer(OutgoingQueue queue) {
        this.queue = queue;
    }

    public void send(Tenant tenant, String to, String subject, String body) {
        queue.mail(tenant.id().value(), to, subject, body);
    }
}
