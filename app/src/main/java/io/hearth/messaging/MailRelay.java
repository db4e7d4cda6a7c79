package io.hearth.messaging;

import io.hearth.messaging.internal.OutgoingMailTable;
import io.hearth.messaging.internal.Smtp;
import io.micronaut.context.annotation.Context;
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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends queued mail. Woken after each commit that queued some, and on a short interval for what is due again. A
 * mail the server refuses or cannot take waits {@code retry-base}, then twice as long each time up to
 * {@code retry-max}, and is given up (logged as an error) after {@code max-attempts}. Rows are claimed with
 * {@code FOR UPDATE SKIP LOCKED}, so several instances send without sending a mail twice in the normal case.
 */
@Context
public class MailRelay {

    private static final Logger LOG = LoggerFactory.getLogger(MailRelay.class);
    private static final int BATCH = 20;

    private final TransactionOperations<Connection> tx;
    private final Smtp smtp;
    private final Clock clock;
    private final Duration interval;
    private final Duration retryBase;
    private final Duration retryMax;
    private final int maxAttempts;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "mail-relay");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean wakePending = new AtomicBoolean();

    public MailRelay(TransactionOperations<Connection> tx, Smtp smtp, Clock clock,
                     @Property(name = "hearth.mail.interval", defaultValue = "1s") Duration interval,
                     @Property(name = "hearth.mail.retry-base", defaultValue = "5s") Duration retryBase,
                     @Property(name = "hearth.mail.retry-max", defaultValue = "10m") Duration retryMax,
                     @Property(name = "hearth.mail.max-attempts", defaultValue = "60") int maxAttempts) {
        this.tx = tx;
        this.smtp = smtp;
        this.clock = clock;
        this.interval = interval;
        this.retryBase = retryBase;
        this.retryMax = retryMax;
        this.maxAttempts = maxAttempts;
    }

    @PostConstruct
    void start() {
        executor.scheduleWithFixedDelay(this::sendSafely, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    /** Sends soon, without waiting for the interval. */
    public void wake() {
        if (wakePending.compareAndSet(false, true)) {
            executor.execute(() -> {
                wakePending.set(false);
                sendSafely();
            });
        }
    }

    private void sendSafely() {
        try {
            while (sendBatch() == BATCH) {
                // A full batch: more may be due.
            }
        } catch (RuntimeException e) {
            LOG.warn("mail relay failed; queued mail stays queued and is retried", e);
        }
    }

    /** Sends the mail that is due, one batch; returns how many it tried. */
    int sendBatch() {
        return tx.executeWrite(status -> {
            Connection connection = status.getConnection();
            List<OutgoingMailTable.Due> due = OutgoingMailTable.claimDue(connection, BATCH);
            for (OutgoingMailTable.Due mail : due) {
                try {
                    smtp.send(mail.recipient(), mail.subject(), mail.body());
                    OutgoingMailTable.markSent(connection, mail.id());
                } catch (Exception e) {
                    String error = e.getClass().getSimpleName() + ": " + e.getMessage();
                    if (mail.attempts() + 1 >= maxAttempts) {
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
            return due.size();
        });
    }

    /** retry-base, twice that, four times ... up to retry-max: the wait after the n-th failed attempt (from 0). */
    Duration backoff(int failedBefore) {
        Duration wait = retryBase.multipliedBy(1L << Math.min(failedBefore, 20));
        return wait.compareTo(retryMax) > 0 ? retryMax : wait;
    }
}
