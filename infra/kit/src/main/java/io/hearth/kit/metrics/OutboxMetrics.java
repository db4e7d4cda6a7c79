package io.hearth.kit.metrics;

import io.hearth.kit.outbox.internal.OutboxTable;
import io.micrometer.core.instrument.Tags;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.transaction.TransactionOperations;

import java.sql.Connection;

/**
 * The outbox's health: how many events wait to reach Kafka ({@code hearth_outbox_backlog}) and how long the oldest
 * has waited ({@code hearth_outbox_oldest_age_seconds}; 0 when none waits). An age that grows means the relay cannot
 * publish: Kafka is down, or a row it cannot send.
 */
@Context
@Requires(beans = SampledGauges.class)
public class OutboxMetrics {

    public OutboxMetrics(SampledGauges gauges, TransactionOperations<Connection> tx, io.hearth.kit.data.Databases databases) {
        SampledGauges.Value backlog = gauges.gauge("hearth.outbox.backlog", Tags.empty(), null, "Events written but not yet on Kafka");
        SampledGauges.Value age = gauges.gauge("hearth.outbox.oldest.age", Tags.empty(), "seconds", "How long the oldest unsent event has waited");
        gauges.every("outbox", () -> {
            // Over every database: the sum of what waits, the oldest wait.
            long count = 0;
            double oldest = 0;
            for (String database : databases.names()) {
                OutboxTable.Backlog now = databases.on(database, () -> tx.executeRead(status -> OutboxTable.backlog(status.getConnection())));
                count += now.count();
                oldest = Math.max(oldest, now.oldestAgeSeconds());
            }
            backlog.set(count);
            age.set(oldest);
        }, () -> {
            backlog.set(Double.NaN);
            age.set(Double.NaN);
        });
    }
}
