package io.hearth.kit.outbox;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The JSON every Hearth event travels in (docs/events.md). The Kafka key is the tenant id, so one tenant's events
 * stay in order.
 */
@Serdeable
public record EventEnvelope(UUID eventId, String type, UUID tenantId, Instant occurredAt, int schemaVersion,
                            Map<String, Object> payload) {

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

    /** A required text field of the payload. */
    public String text(String field) {
        Object value = payload.get(field);
        if (!(value instanceof String text) || text.isBlank()) {
            throw new MalformedEventException(type + " " + eventId + " has no text field '" + field + "'");
        }
        return text;
    }
}
