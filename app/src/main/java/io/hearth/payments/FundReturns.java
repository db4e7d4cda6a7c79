package io.hearth.payments;

import io.hearth.kit.tracing.Tracing;
import io.hearth.gatherings.GatheringEvent;
import io.hearth.kit.outbox.EventReader;
import io.hearth.kit.outbox.Outbox;
import io.hearth.outbox.Topics;
import io.hearth.payments.internal.FundRepository;
import io.hearth.tenancy.InTenant;
import io.hearth.tenancy.Tenant;
import io.micronaut.configuration.kafka.annotation.ErrorStrategy;
import io.micronaut.configuration.kafka.annotation.ErrorStrategyValue;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.annotation.Transactional;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.UUID;

/**
 * A seat the scholarship fund paid for, in part or in whole, that is given up (cancelled, or its hold ran out)
 * gives the grant back to the fund: gatherings' {@code RegistrationCancelled} and {@code RegistrationHoldExpired}.
 * Each grant comes back once, however often the event arrives.
 */
@KafkaListener(groupId = "hearth-app-payments-fund", offsetReset = OffsetReset.EARLIEST, offsetStrategy = OffsetStrategy.SYNC_PER_RECORD,
        errorStrategy = @ErrorStrategy(value = ErrorStrategyValue.RETRY_EXPONENTIALLY_ON_ERROR, retryCount = 8, retryDelay = "500ms"))
public class FundReturns {

    private static final EventReader<GatheringEvent> EVENTS = EventReader.of(GatheringEvent.class);

    private final JsonMapper json;
    private final InTenant tenants;
    private final FundRepository fund;
    private final Outbox outbox;

    private final Tracing tracing;

    public FundReturns(JsonMapper json, InTenant tenants, FundRepository fund, Outbox outbox, Tracing tracing) {
        this.tracing = tracing;
        this.json = json;
        this.tenants = tenants;
        this.fund = fund;
        this.outbox = outbox;
    }

    @Topic(Topics.EVENTS)
    public void receive(ConsumerRecord<String, String> record) {
        tracing.consume(record, () -> handle(record));
    }

    private void handle(ConsumerRecord<String, String> record) {
        EVENTS.read(json, record).ifPresent(event -> {
            // Other events of gatherings say nothing about the fund.
            if (event instanceof GatheringEvent.RegistrationCancelled cancelled) {
                tenants.call(cancelled.tenant(), tenant -> giveBack(tenant, cancelled.registrationId()));
            } else if (event instanceof GatheringEvent.RegistrationHoldExpired expired) {
                tenants.call(expired.tenant(), tenant -> giveBack(tenant, expired.registrationId()));
            }
        });
    }

    @Transactional
    Integer giveBack(Tenant tenant, UUID registration) {
        long before = fund.grantedTo(registration);
        int returned = fund.returnGrants(registration, "Seat given up");
        if (returned > 0) {
            outbox.publish(new PaymentEvent.FundGrantReturned(tenant.id(), registration, before));
        }
        return returned;
    }
}
