package io.hearth.outbox;

import io.hearth.kit.outbox.EventEnvelope;
import io.hearth.kit.outbox.Outbox;
import io.hearth.tenancy.TenantScope;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Domain events of the tenant in scope: past tense, carrying the tenant, appended to the outbox in the transaction
 * of the change (call it inside that transaction). Payload values: ids, instants and enums as strings; numbers,
 * booleans and lists as they are.
 */
@Singleton
public class DomainEvents {

    private final Outbox outbox;

    public DomainEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public void record(String topic, String type, Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must come in pairs");
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            Object value = keysAndValues[i + 1];
            payload.put((String) keysAndValues[i], value instanceof UUID || value instanceof Instant || value instanceof Enum<?>
                    ? value.toString() : value instanceof Collection<?> list ? list.stream().map(String::valueOf).toList() : value);
        }
        outbox.append(topic, new EventEnvelope(UUID.randomUUID(), type, TenantScope.require().id().value(), Instant.now(), 1, payload));
    }
}
