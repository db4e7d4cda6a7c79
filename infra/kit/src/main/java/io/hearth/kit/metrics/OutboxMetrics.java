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

    public OutboxMetrics(SampledGauges gauges, TransactionOperations<Connection> tx) {
        SampledGauges.Value backlog = gauges.gauge("hearth.outbox.backlog", Tags.empty(), null, "Events written but not yet on Kafka");
        SampledGauges.Value age = gauges.gauge("hearth.outbox.oldest.age", Tags.empty(), "seconds", "How long the oldest unsent event has waited");
        gauges.every("outbox", () -> {
            OutboxTable.Backlog now = tx.executeRead(status -> OutboxTable.backlog(status.getConnection()));
            backlog.set(now.count());
            age.set(now.oldestAgeSeconds());
        }, () -> {
            backlog.set(Double.NaN);
            age.set(Double.NaN);
        });
    }
}
