package io.hearth.kit.outbox;

import io.hearth.kit.outbox.internal.OutboxTable;
import io.hearth.kit.tracing.Tracing;
import io.micronaut.configuration.kafka.annotation.KafkaClient;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Property;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends outbox rows to Kafka, oldest first, and marks them sent. Woken after each commit that wrote events, and
 * on a short interval for anything left over (a failed send, another instance's crash). Rows are claimed with
 * {@code FOR UPDATE SKIP LOCKED}, so several instances relay without sending a row twice in the normal case;
 * delivery is at least once, and consumers are idempotent.
 */
@Context
public class OutboxRelay {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int BATCH = 100;

    private final TransactionOperations<Connection> tx;
    private final Producer<String, String> producer;
    private final Duration interval;
    private final Tracing tracing;
    private final io.hearth.kit.data.Databases databases;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "outbox-relay");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean wakePending = new AtomicBoolean();

    public OutboxRelay(TransactionOperations<Connection> tx,
                       @KafkaClient("outbox-relay") Producer<String, String> producer,
                       @Property(name = "hearth.outbox.interval", defaultValue = "500ms") Duration interval, Tracing tracing,
                       io.hearth.kit.data.Databases databases) {
        this.tx = tx;
        this.databases = databases;
        this.tracing = tracing;
        this.producer = producer;
        this.interval = interval;
    }

    @PostConstruct
    void start() {
        executor.scheduleWithFixedDelay(this::relaySafely, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Relays soon, without waiting for the interval. */
    public void wake() {
        if (wakePending.compareAndSet(false, true)) {
            executor.execute(() -> {
                wakePending.set(false);
                relaySafely();
            });
        }
    }

    /** Drains each database's outbox in turn: one database out of reach holds up only its own events. */
    private void relaySafely() {
        for (String database : databases.names()) {
            try {
                databases.on(database, () -> {
                    while (relayBatch() == BATCH) {
                        // A full batch: more may be waiting.
                    }
                    return null;
                });
            } catch (RuntimeException e) {
                LOG.warn("outbox relay failed on database {}; pending events stay in the outbox and are retried", database, e);
            }
        }
    }

    /** Sends one batch; returns how many rows it claimed when it sent any (0 when it sent none). */
    int relayBatch() {
        return tx.executeWrite(status -> {
            Connection connection = status.getConnection();
            int sent = 0;
            // The keys (tenants) whose event failed in this batch: their later events wait, so they never overtake it;
            // other tenants' events go on, so one event that cannot be sent holds up only its own tenant.
            Set<String> held = new HashSet<>();
            List<OutboxTable.Pending> batch = OutboxTable.claim(connection, BATCH);
            for (OutboxTable.Pending row : batch) {
                if (held.contains(row.key())) {
                    continue;
                }
                try {
                    tracing.publishing(row.topic(), row.traceParent(), traceparent -> {
                        ProducerRecord<String, String> record = new ProducerRecord<>(row.topic(), row.key(), row.payload());
                        record.headers().add("hearth-event-type", row.type().getBytes(StandardCharsets.UTF_8));
                        if (traceparent != null) {
                            record.headers().add(Tracing.TRACEPARENT, traceparent.getBytes(StandardCharsets.UTF_8));
                        }
                        return send(record);
                    });
                    OutboxTable.markSent(connection, row.id());
                    sent++;
                } catch (Exception e) {
                    if (e instanceof InterruptedException) {
                        Thread.currentThread().interrupt();
                    }
                    LOG.warn("could not send outbox event {} ({}); will retry", row.id(), row.type(), e);
                    OutboxTable.markFailed(connection, row.id(), String.valueOf(e.getMessage()));
                    held.add(row.key());
                }
            }
            // A full batch means more may be waiting, unless everything in it was held back or failed.
            return sent == 0 ? 0 : batch.size();
        });
    }

    private RecordMetadata send(ProducerRecord<String, String> record) {
        try {
            return producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending to " + record.topic(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not take the event: " + e.getMessage(), e);
        }
    }

    @PreDestroy
    void stop() {
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
