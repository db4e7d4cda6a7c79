package io.hearth.circles;

import io.hearth.outbox.EventEnvelope;
import io.hearth.outbox.Outbox;
import io.hearth.outbox.Topics;
import io.hearth.tenancy.TenantScope;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Circles' domain events, past tense and carrying the tenant, appended to the outbox in the transaction of the
 * change (call it inside {@code TenantSql.write}). Contracts in docs/events.md.
 */
@Singleton
public class CircleEvents {

    private final Outbox outbox;

    public CircleEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Appends the event; payload values are written as strings, numbers or booleans. */
    public void record(String type, Object... keysAndValues) {
        Map<String, Object> payload = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            Object value = keysAndValues[i + 1];
            payload.put((String) keysAndValues[i], value instanceof UUID || value instanceof Instant || value instanceof Enum<?> ? value.toString() : value);
        }
        outbox.append(Topics.CIRCLES, new EventEnvelope(UUID.randomUUID(), type, TenantScope.require().id().value(), Instant.now(), 1, payload));
    }
}
