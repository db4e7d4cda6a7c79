package io.hearth.payments;

import io.hearth.kit.tracing.Tracing;
import io.hearth.circles.CircleEvent;
import io.hearth.kit.outbox.EventReader;
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

    private static final EventReader<CircleEvent> EVENTS = EventReader.of(CircleEvent.class);

    private final JsonMapper json;
    private final InTenant tenants;
    private final Dues dues;

    private final Tracing tracing;

    public CircleDuesListener(JsonMapper json, InTenant tenants, Dues dues, Tracing tracing) {
        this.tracing = tracing;
        this.json = json;
        this.tenants = tenants;
        this.dues = dues;
    }

    @Topic(Topics.CIRCLES)
    public void receive(ConsumerRecord<String, String> record) {
        tracing.consume(record, () -> handle(record));
    }

    private void handle(ConsumerRecord<String, String> record) {
        EVENTS.read(json, record).ifPresent(event -> {
            // Other events of circles leave dues as they are.
            if (event instanceof CircleEvent.MemberLeftCircle left) {
                leave(left.tenant(), left.circleId(), left.personId());
            } else if (event instanceof CircleEvent.MemberMovedCircle moved) {
                leave(moved.tenant(), moved.fromCircleId(), moved.personId());
            }
        });
    }

    private void leave(TenantId tenant, UUID circle, UUID person) {
        tenants.call(tenant, in -> {
            dues.leftCircle(in, circle, person);
            return null;
        });
    }
}
