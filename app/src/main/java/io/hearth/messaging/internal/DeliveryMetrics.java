package io.hearth.messaging.internal;

import io.hearth.kit.metrics.SampledGauges;
import io.micrometer.core.instrument.Tags;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.transaction.TransactionOperations;

import java.sql.Connection;
import java.util.Map;

/**
 * The mail, text and push queues' health, per queue ({@code queue="mail"|"text"|"push"}): how many wait to go
 * ({@code hearth_delivery_backlog}) and how long the oldest has waited ({@code hearth_delivery_oldest_age_seconds}).
 * A growing age means the SMTP server, the SMS provider or the push services refuse or cannot be reached.
 */
@Context
@Requires(beans = SampledGauges.class)
public class DeliveryMetrics {

    static final Map<String, String> QUEUES = Map.of("mail", "public.outgoing_mail", "text", "public.outgoing_texts", "push", "public.outgoing_pushes");

    public DeliveryMetrics(SampledGauges gauges, TransactionOperations<Connection> tx, io.hearth.kit.data.Databases databases) {
        QUEUES.forEach((queue, table) -> {
            SampledGauges.Value backlog = gauges.gauge("hearth.delivery.backlog", Tags.of("queue", queue), null, "Messages waiting to be sent");
            SampledGauges.Value age = gauges.gauge("hearth.delivery.oldest.age", Tags.of("queue", queue), "seconds",
                    "How long the oldest message waiting to be sent has waited");
            gauges.every("queue-" + queue, () -> {
                long count = 0;
                double oldest = 0;
                for (String database : databases.names()) {
                    OutgoingRows.Backlog now = databases.on(database, () -> tx.executeRead(status -> OutgoingRows.backlog(status.getConnection(), table)));
                    count += now.count();
                    oldest = Math.max(oldest, now.oldestAgeSeconds());
                }
                backlog.set(count);
                age.set(oldest);
            }, () -> {
                backlog.set(Double.NaN);
                age.set(Double.NaN);
            });
        });
    }
}
