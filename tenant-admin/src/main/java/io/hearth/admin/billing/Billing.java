package io.hearth.admin.billing;

import io.hearth.kit.tracing.Tracing;
import io.hearth.admin.billing.internal.BillingRepository;
import io.hearth.admin.billing.internal.RevenueLine;
import io.hearth.admin.billing.internal.StripeStatusRow;
import io.hearth.admin.outbox.Topics;
import io.hearth.kit.outbox.EventEnvelope;
import io.micronaut.configuration.kafka.annotation.ErrorStrategy;
import io.micronaut.configuration.kafka.annotation.ErrorStrategyValue;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * The platform's side of the money, from app's payment events: each organisation's Stripe Connect status, and the
 * fees the platform earned per organisation and month (application fees, less the share refunds gave back).
 */
@KafkaListener(groupId = "hearth-tenant-admin-billing", offsetReset = OffsetReset.EARLIEST, offsetStrategy = OffsetStrategy.SYNC_PER_RECORD,
        errorStrategy = @ErrorStrategy(value = ErrorStrategyValue.RETRY_EXPONENTIALLY_ON_ERROR, retryCount = 8, retryDelay = "500ms"))
public class Billing {

    private static final Logger LOG = LoggerFactory.getLogger(Billing.class);

    @Schema(name = "StripeStatus")
    @Serdeable
    public record StripeStatus(UUID tenantId, String accountId, String status, @Nullable String reason, Instant updatedAt) {
    }

    @Schema(name = "Revenue")
    @Serdeable
    public record Revenue(UUID tenantId, String month, String currency, long feeCents, long movements) {
    }

    private final JsonMapper json;
    private final BillingRepository repository;
    private final Clock clock;

    private final Tracing tracing;

    public Billing(JsonMapper json, BillingRepository repository, Tracing tracing) {
        this.tracing = tracing;
        this.json = json;
        this.repository = repository;
        this.clock = Clock.systemUTC();
    }

    @Topic(Topics.PAYMENTS)
    public void receive(ConsumerRecord<String, String> record) {
        tracing.consume(record, () -> handle(record));
    }

    private void handle(ConsumerRecord<String, String> record) {
        EventEnvelope.read(json, record).ifPresent(this::apply);
    }

    void apply(EventEnvelope event) {
        LocalDate month = event.occurredAt().atOffset(ZoneOffset.UTC).toLocalDate().withDayOfMonth(1);
        switch (event.type()) {
            case "StripeAccountCreated" -> repository.applyStatus(event.tenantId(), event.text("accountId"), "PENDING", null, event.occurredAt());
            case "StripeAccountStatusChanged" -> repository.applyStatus(event.tenantId(), event.text("accountId"), event.text("status"),
                    (String) event.payload().get("reason"), event.occurredAt());
            case "PaymentSucceeded" -> {
                // An instalment plan's fee is taken with each instalment (InstalmentPaid), not on the whole.
                if (number(event, "instalments") <= 1) {
                    repository.record(event.eventId(), event.tenantId(), month, event.text("currency"), number(event, "applicationFeeCents"));
                }
            }
            case "InstalmentPaid" -> repository.record(event.eventId(), event.tenantId(), month, event.text("currency"),
                    number(event, "applicationFeeCents"));
            case "RefundIssued" -> repository.record(event.eventId(), event.tenantId(), month, event.text("currency"),
                    -number(event, "applicationFeeRefundedCents"));
            default -> LOG.debug("payment event {} is not for billing", event.type());
        }
    }

    public List<StripeStatus> statuses() {
        return repository.findStatuses().stream().map(Billing::view).toList();
    }

    /** Fees per organisation and month, newest month first, over the last {@code months} months. */
    public List<Revenue> revenue(int months) {
        LocalDate from = LocalDate.now(clock).withDayOfMonth(1).minusMonths(months - 1L);
        return repository.revenueSince(from).stream().map(Billing::view).toList();
    }

    private static long number(EventEnvelope event, String field) {
        Object value = event.payload().get(field);
        return value == null ? 0 : Long.parseLong(value.toString());
    }

    private static StripeStatus view(StripeStatusRow row) {
        return new StripeStatus(row.tenantId(), row.accountId(), row.status(), row.reason(), row.updatedAt());
    }

    private static Revenue view(RevenueLine line) {
        return new Revenue(line.tenantId(), line.month().toString().substring(0, 7), line.currency(), line.feeCents(), line.movements());
    }
}
