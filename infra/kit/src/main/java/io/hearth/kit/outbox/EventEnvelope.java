package io.hearth.kit.outbox;

import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The JSON every Hearth event travels in (docs/events.md). The Kafka key is the tenant id, so one tenant's events
 * stay in order.
 */
@Serdeable
public record EventEnvelope(UUID eventId, String type, UUID tenantId, Instant occurredAt, int schemaVersion,
                            Map<String, Object> payload) {

    private static final Logger LOG = LoggerFactory.getLogger(EventEnvelope.class);

    public EventEnvelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        payload = payload == null ? Map.of() : payload;
    }

    public static EventEnvelope of(String type, UUID tenantId, Map<String, Object> payload) {
        return new EventEnvelope(UUID.randomUUID(), type, tenantId, Instant.now(), 1, payload);
    }

    /**
     * The envelope a Kafka record carries; empty, and logged with where it sits, when the record cannot be read:
     * such a record can never be processed, so consumers skip it instead of retrying it for ever.
     */
    public static Optional<EventEnvelope> read(JsonMapper json, ConsumerRecord<String, String> record) {
        try {
            return Optional.of(json.readValue(record.value(), EventEnvelope.class));
        } catch (IOException | RuntimeException e) {
            LOG.error("unreadable event at {}-{}@{}: skipped", record.topic(), record.partition(), record.offset(), e);
            return Optional.empty();
        }
    }

    /** A required text field of the payload. */
    public String text(String field) {
        Object value = payload.get(field);
        if (!(value instanceof String text) || text.isBlank()) {
            throw new MalformedEventException(type + " " + eventId + " has no text field '" + field + "'");
        }
        return text;
    }

    /** An optional text field of the payload: empty when it is missing or blank (a field added later to an event). */
    public Optional<String> optionalText(String field) {
        return payload.get(field) instanceof String text && !text.isBlank() ? Optional.of(text) : Optional.empty();
    }
}
