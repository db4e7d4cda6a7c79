package io.hearth.messaging.internal;

import io.micronaut.transaction.TransactionOperations;
import org.slf4j.Logger;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the mail and text relays share: a thread of their own that sends what is queued in batches (one transaction
 * each, holding the rows it claimed), woken after each commit
 * that queued something and on a short interval for what is due again, and the backoff between attempts
 * ({@code retry-base}, twice that, four times... up to {@code retry-max}). A failed round leaves the queue as it was.
 */
abstract class Relay<D> {

    /** The most one round claims: a full batch means more may be due. */
    static final int BATCH = 20;

    private final TransactionOperations<Connection> tx;
    private final io.hearth.kit.data.Databases databases;
    private final String name;
    private final Logger log;
    private final Duration interval;
    private final Duration retryBase;
    private final Duration retryMax;
    private final ScheduledExecutorService executor;
    private final AtomicBoolean wakePending = new AtomicBoolean();

    Relay(TransactionOperations<Connection> tx, io.hearth.kit.data.Databases databases, String name, Logger log, Duration interval,
          Duration retryBase, Duration retryMax) {
        this.tx = tx;
        this.databases = databases;
        this.name = name;
        this.log = log;
        this.interval = interval;
        this.retryBase = retryBase;
        this.retryMax = retryMax;
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Claims what is due, oldest first, locked so that another relay skips it ({@code FOR UPDATE SKIP LOCKED}). */
    abstract List<D> claimDue(Connection connection, int limit);

    /**
     * Tries to send one claimed item and records how it went (sent, due again later, given up) on the connection. What
     * other features must be told (a hard bounce) goes to {@code afterCommit}: it runs once the batch is committed,
     * outside the relay's transaction, so that their work neither joins the batch (an error there would undo the
     * record of mails already sent) nor runs on a connection the batch has closed.
     */
    abstract void attempt(Connection connection, D item, List<Runnable> afterCommit);

    /** Sends one batch of what is due, in one transaction that holds the claims; returns how many it tried. */
    int sendBatch() {
        List<Runnable> afterCommit = new java.util.ArrayList<>();
        int tried = tx.executeWrite(status -> {
            Connection connection = status.getConnection();
            List<D> due = claimDue(connection, BATCH);
            due.forEach(item -> attempt(connection, item, afterCommit));
            return due.size();
        });
        for (Runnable work : afterCommit) {
            try {
                work.run();
            } catch (RuntimeException e) {
                log.error("{}: telling what a batch did failed", name, e);
            }
        }
        return tried;
    }

    void startSending() {
        executor.scheduleWithFixedDelay(this::sendSafely, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stopSending() {
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

    /** Drains each database's queue in turn (an organisation queues where its schema is): one out of reach holds up only its own. */
    private void sendSafely() {
        for (String database : databases.names()) {
            try {
                databases.on(database, () -> {
                    while (sendBatch() == BATCH) {
                        // A full batch: more may be due.
                    }
                    return null;
                });
            } catch (RuntimeException e) {
                log.warn("{} failed on database {}; what is queued stays queued and is retried", name, database, e);
            }
        }
    }

    /** retry-base, twice that, four times ... up to retry-max: the wait after the n-th failed attempt (from 0). */
    Duration backoff(int failedBefore) {
        Duration wait = retryBase.multipliedBy(1L << Math.min(failedBefore, 20));
        return wait.compareTo(retryMax) > 0 ? retryMax : wait;
    }
}
