package io.hearth.messaging;

import io.hearth.kit.tracing.Tracing;
import io.hearth.kit.outbox.EventEnvelope;
import io.hearth.messaging.internal.SendingNumberTable;
import io.hearth.outbox.Topics;
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

import java.util.Optional;
import java.util.Set;

/**
 * The number each organisation texts from: its own, where an operator gave it one in tenant-admin
 * ({@code TenantSmsNumberChanged}), else the platform's shared number ({@code hearth.sms.from}). A text sent to an
 * organisation's own number concerns that organisation alone; one sent to the shared number concerns every
 * organisation that texts from it.
 */
@KafkaListener(groupId = "hearth-app-sending-numbers", offsetReset = OffsetReset.EARLIEST, offsetStrategy = OffsetStrategy.SYNC_PER_RECORD,
        errorStrategy = @ErrorStrategy(value = ErrorStrategyValue.RETRY_EXPONENTIALLY_ON_ERROR, retryCount = 8, retryDelay = "500ms"))
public class SendingNumbers {

    private static final Logger LOG = LoggerFactory.getLogger(SendingNumbers.class);

    private final JsonMapper json;
    private final SendingNumberTable numbers;
    private final SmsConfiguration configuration;

    private final Tracing tracing;

    public SendingNumbers(JsonMapper json, SendingNumberTable numbers, SmsConfiguration configuration, Tracing tracing) {
        this.tracing = tracing;
        this.json = json;
        this.numbers = numbers;
        this.configuration = configuration;
    }

    /** The organisation whose own number this is; empty for the shared number and for numbers that are not ours. */
    public Optional<TenantId> owner(String number) {
        return numbers.owner(number.strip());
    }

    /** Whether this is the platform's shared number ({@code hearth.sms.from}). */
    public boolean isShared(String number) {
        return number.strip().equals(shared());
    }

    /** The organisations that text from a number of their own (the others text from the shared one), read at once. */
    public Set<TenantId> withOwnNumber() {
        return numbers.withOwnNumber();
    }

    private String shared() {
        return configuration.from().strip();
    }

    @Topic(Topics.TENANT_LIFECYCLE)
    public void receive(ConsumerRecord<String, String> record) {
        tracing.consume(record, () -> handle(record));
    }

    private void handle(ConsumerRecord<String, String> record) {
        Optional<EventEnvelope> read = EventEnvelope.read(json, record);
        if (read.isEmpty() || !read.get().type().equals("TenantSmsNumberChanged")) {
            return;
        }
        EventEnvelope event = read.get();
        Object number = event.payload().get("number");
        String wanted = number == null || number.toString().isBlank() ? null : number.toString().strip();
        if (wanted != null && !wanted.matches("\\+[1-9][0-9]{6,14}")) {
            LOG.error("TenantSmsNumberChanged {} names no number ({}): skipped", event.eventId(), wanted);
            return;
        }
        numbers.record(new TenantId(event.tenantId()), wanted, event.occurredAt());
        LOG.info("organisation {} texts from {}", event.tenantId(), wanted == null ? "the shared number" : wanted);
    }
}
