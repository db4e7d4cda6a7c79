package io.hearth.kit.outbox;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A fact a service publishes: a record named in the past tense ({@code MemberJoinedCircle}), carrying the tenant it
 * is about. It travels in the {@link EventEnvelope} (docs/events.md): its type is the record's simple name, its
 * payload the record's other components, by name. Ids, instants and enums are written as strings, collections as
 * lists of strings, numbers and booleans as they are; a null component is left out.
 */
public interface DomainEvent {

    /** The organisation the event is about; the message key, so one organisation's events stay in order. */
    UUID tenantId();

    /** The Kafka topic it is published on. */
    String topic();

    static String typeOf(DomainEvent event) {
        return event.getClass().getSimpleName();
    }

    /** The payload's fields of a record event type: its components but the tenant ({@code tenant} or {@code tenantId}). */
    static List<String> fieldsOf(Class<? extends DomainEvent> type) {
        return payloadComponents(type).stream().map(RecordComponent::getName).toList();
    }

    /** The payload of a record event: its components except the tenant, in declaration order. */
    static Map<String, Object> payloadOf(DomainEvent event) {
        Map<String, Object> payload = new LinkedHashMap<>();
        for (RecordComponent component : payloadComponents(event.getClass())) {
            String name = component.getName();
            Object value;
            try {
                value = component.getAccessor().invoke(event);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + name + " of " + typeOf(event), e);
            }
            if (value != null) {
                payload.put(name, plain(value));
            }
        }
        return payload;
    }

    private static List<RecordComponent> payloadComponents(Class<?> type) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException(type.getName() + " is not a record");
        }
        return Arrays.stream(type.getRecordComponents())
                .filter(component -> !component.getName().equals("tenant") && !component.getName().equals("tenantId"))
                .toList();
    }

    private static Object plain(Object value) {
        if (value instanceof UUID || value instanceof Instant || value instanceof Enum<?>) {
            return value.toString();
        }
        if (value instanceof Collection<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return value;
    }
}
