package io.hearth.messaging.internal;

import io.hearth.messaging.MailBounced;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.context.annotation.Property;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Sends queued mail. Woken after each commit that queued some, and on a short interval for what is due again. A
 * mail the server refuses or cannot take waits {@code retry-base}, then twice as long each time up to
 * {@code retry-max}, and is given up (logged as an error) after {@code max-attempts}. A mail the server refuses for
 * good (a 5xx to its recipient: no such mailbox) is given up at once and told as {@link MailBounced}. Rows are claimed with
 * {@code FOR UPDATE SKIP LOCKED}, so several instances send without sending a mail twice in the normal case.
 */
@Context
public class MailRelay extends Relay<OutgoingMailTable.Due> {

    private static final Logger LOG = LoggerFactory.getLogger(MailRelay.class);

    private final Smtp smtp;
    private final Clock clock;
    private final int maxAttempts;
    private final ApplicationEventPublisher<MailBounced> bounces;

    public MailRelay(TransactionOperations<Connection> tx, io.hearth.kit.data.Databases databases, Smtp smtp, Clock clock, ApplicationEventPublisher<MailBounced> bounces,
                     @Property(name = "hearth.mail.interval", defaultValue = "1s") Duration interval,
                     @Property(name = "hearth.mail.retry-base", defaultValue = "5s") Duration retryBase,
                     @Property(name = "hearth.mail.retry-max", defaultValue = "10m") Duration retryMax,
                     @Property(name = "hearth.mail.max-attempts", defaultValue = "60") int maxAttempts) {
        super(tx, databases, "mail-relay", LOG, interval, retryBase, retryMax);
        this.smtp = smtp;
        this.clock = clock;
        this.bounces = bounces;
        this.maxAttempts = maxAttempts;
    }

    @PostConstruct
    void start() {
        startSending();
    }

    @PreDestroy
    void stop() {
        stopSending();
    }

    @Override
    List<OutgoingMailTable.Due> claimDue(Connection connection, int limit) {
        return OutgoingMailTable.claimDue(connection, limit);
    }

    @Override
    void attempt(Connection connection, OutgoingMailTable.Due mail, List<Runnable> afterCommit) {
        try {
            smtp.send(mail.recipient(), mail.subject(), mail.body(), mail.html(), mail.headers());
            OutgoingMailTable.markSent(connection, mail.id());
        } catch (Exception e) {
            String error = e.getClass().getSimpleName() + ": " + e.getMessage();
            java.util.Optional<String> refused = Smtp.refusedForGood(e);
            if (refused.isPresent()) {
                // The server said this address takes no mail (a hard bounce): trying again only looks like spam.
                LOG.warn("mail {} '{}' refused for good: {}", mail.id(), mail.subject(), refused.get());
                OutgoingMailTable.giveUp(connection, mail.id(), error);
                MailBounced bounced = new MailBounced(mail.tenantId(), mail.recipient(), refused.get());
                afterCommit.add(() -> bounces.publishEvent(bounced));
            } else if (mail.attempts() + 1 >= maxAttempts) {
                LOG.error("gave up mail {} '{}' after {} attempts: {}", mail.id(), mail.subject(), mail.attempts() + 1, error);
                OutgoingMailTable.giveUp(connection, mail.id(), error);
            } else {
                Duration wait = backoff(mail.attempts());
                LOG.warn("could not send mail {} '{}' (attempt {}); next try in {}: {}", mail.id(), mail.subject(),
                        mail.attempts() + 1, wait, error);
                OutgoingMailTable.retryAt(connection, mail.id(), clock.instant().plus(wait), error);
            }
        }
    }
}
