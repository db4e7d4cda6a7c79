package io.hearth.payments;

import io.hearth.kit.outbox.EventEnvelope;
import io.hearth.outbox.Topics;
import io.hearth.tenancy.InTenant;
import io.hearth.tenancy.TenantId;
import io.micronaut.configuration.kafka.annotation.ErrorStrategy;
import io.micronaut.configuration.kafka.annotation.ErrorStrategyValue;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.json.JsonMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.UUID;

/**
 * Leaving a circle ends its dues: circles' {@code MemberLeftCircle} and {@code MemberMovedCircle} (from the old
 * circle) cancel his subscription at Stripe. A failure is retried (Kafka redelivers); cancelling twice is harmless.
 */
@KafkaListener(groupId = "hearth-app-payments-dues", offsetReset = OffsetReset.EARLIEST, offsetStrategy = OffsetStrategy.SYNC_PER_RECORD,
        errorStrategy = @ErrorStrategy(value = ErrorStrategyValue.RETRY_EXPONENTIALLY_ON_ERROR, retryCount = 10, retryDelay = "1s"))
public class CircleDuesListener {

    private final JsonMapper json;
    private final InTenant tenants;
    private final Dues dues;

    public CircleDuesListener(JsonMapper json, InTenant tenants, Dues dues) {
        this.json = json;
        this.tenants = tenants;
        this.dues = dues;
    }

    @Topic(Topics.CIRCLES)
    public void receive(ConsumerRecord<String, String> record) {
        EventEnvelope.read(json, record).ifPresent(event -> {
            String circle = switch (event.type()) {
                case "MemberLeftCircle" -> event.text("circleId");
                case "MemberMovedCircle" -> event.text("fromCircleId");
                default -> null;
            };
            if (circle != null) {
                UUID person = UUID.fromString(event.text("personId"));
                tenants.call(new TenantId(event.tenantId()), () -> {
                    dues.leftCircle(UUID.fromString(circle), person);
                    return null;
                });
            }
        });
    }
}
