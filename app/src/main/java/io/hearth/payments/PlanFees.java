package io.hearth.payments;

import io.hearth.kit.tracing.Tracing;
import io.hearth.kit.outbox.EventEnvelope;
import io.hearth.outbox.Topics;
import io.hearth.payments.internal.TenantFeeTable;
import io.hearth.tenancy.TenantId;
import io.micronaut.configuration.kafka.annotation.ErrorStrategy;
import io.micronaut.configuration.kafka.annotation.ErrorStrategyValue;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.json.JsonMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * Each organisation's platform fee, as its plan in tenant-admin sets it ({@code TenantRegistered}, {@code
 * TenantPlanChanged}); the configured fee for an organisation tenant-admin has said nothing of. Applying an event
 * twice, or an older one after a newer, changes nothing.
 */
@KafkaListener(groupId = "hearth-app-payments", offsetReset = OffsetReset.EARLIEST, offsetStrategy = OffsetStrategy.SYNC_PER_RECORD,
        errorStrategy = @ErrorStrategy(value = ErrorStrategyValue.RETRY_EXPONENTIALLY_ON_ERROR, retryCount = 8, retryDelay = "500ms"))
public class PlanFees {

    private static final Logger LOG = LoggerFactory.getLogger(PlanFees.class);

    private final JsonMapper json;
    private final TenantFeeTable fees;
    private final StripeConfiguration configuration;

    private final Tracing tracing;

    public PlanFees(JsonMapper json, TenantFeeTable fees, StripeConfiguration configuration, Tracing tracing) {
        this.tracing = tracing;
        this.json = json;
        this.fees = fees;
        this.configuration = configuration;
    }

    /** The organisation's fee. */
    public PlatformFee of(TenantId tenant) {
        return fees.of(tenant).map(fee -> new PlatformFee(fee.percent(), fee.fixedCents())).orElse(configuration.fee());
    }

    @Topic(Topics.TENANT_LIFECYCLE)
    public void receive(ConsumerRecord<String, String> record) {
        tracing.consume(record, () -> handle(record));
    }

    private void handle(ConsumerRecord<String, String> record) {
        Optional<EventEnvelope> read = EventEnvelope.read(json, record);
        if (read.isEmpty()) {
            return;
        }
        EventEnvelope event = read.get();
        if (!event.type().equals("TenantRegistered") && !event.type().equals("TenantPlanChanged")) {
            return;
        }
        Object percent = event.payload().get("feePercent");
        Object fixed = event.payload().get("feeFixedCents");
        if (percent == null) {
            LOG.debug("{} {} names no fee: the configured fee applies", event.type(), event.eventId());
            return;
        }
        try {
            PlatformFee fee = new PlatformFee(new BigDecimal(percent.toString()), fixed == null ? 0 : Long.parseLong(fixed.toString()));
            fees.record(new TenantId(event.tenantId()), String.valueOf(event.payload().get("plan")), fee.percent(), fee.fixedCents(), event.occurredAt());
        } catch (IllegalArgumentException e) {
            LOG.error("{} {} has a fee that is no fee ({} %, {}): skipped", event.type(), event.eventId(), percent, fixed);
        }
    }
}
