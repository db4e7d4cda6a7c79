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

    public DeliveryMetrics(SampledGauges gauges, TransactionOperations<Connection> tx) {
        QUEUES.forEach((queue, table) -> {
            SampledGauges.Value backlog = gauges.gauge("hearth.delivery.backlog", Tags.of("queue", queue), null, "Messages waiting to be sent");
            SampledGauges.Value age = gauges.gauge("hearth.delivery.oldest.age", Tags.of("queue", queue), "seconds",
                    "How long the oldest message waiting to be sent has waited");
            gauges.every("queue-" + queue, () -> {
                OutgoingRows.Backlog now = tx.executeRead(status -> OutgoingRows.backlog(status.getConnection(), table));
                backlog.set(now.count());
                age.set(now.oldestAgeSeconds());
            }, () -> {
                backlog.set(Double.NaN);
                age.set(Double.NaN);
            });
        });
    }
}
