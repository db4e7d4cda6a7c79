package io.hearth.kit.outbox;

import io.micronaut.json.JsonMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads a service's own events back as the records they were written from: {@link DomainEvent#payloadOf} in
 * reverse, for one sealed family ({@code CircleEvent}, {@code GatheringEvent}). A consumer switches over the record
 * it gets, so a renamed or removed field is a compile error in the consumer, not a string that no longer matches.
 * Events of other types on the same topic read as empty; a payload that does not fit its record is a
 * {@link MalformedEventException}.
 *
 * @param <E> the family
 */
public final class EventReader<E extends DomainEvent> {

    private final Map<String, Class<? extends E>> types = new HashMap<>();

    private EventReader(Class<E> family) {
        Class<?>[] permitted = family.getPermittedSubclasses();
        if (permitted == null) {
            throw new IllegalArgumentException(family.getName() + " is not a sealed family of events");
        }
        for (Class<?> type : permitted) {
            if (!type.isRecord()) {
                throw new IllegalArgumentException(type.getName() + " is not a record");
            }
            types.put(type.getSimpleName(), type.asSubclass(family));
        }
    }

    public static <E extends DomainEvent> EventReader<E> of(Class<E> family) {
        return new EventReader<>(family);
    }

    /** The event a Kafka record carries, if it is one of this family; an unreadable record is logged and skipped. */
    public Optional<E> read(JsonMapper json, ConsumerRecord<String, String> record) {
        return EventEnvelope.read(json, record).flatMap(this::read);
    }

    public Optional<E> read(EventEnvelope envelope) {
        Class<? extends E> type = types.get(envelope.type());
        if (type == null) {
            return Optional.empty();
        }
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            String name = component.getName();
            if (name.equals("tenant") || name.equals("tenantId")) {
                values[i] = tenant(component.getType(), envelope.tenantId());
                continue;
            }
            Object value = envelope.payload().get(name);
            values[i] = value == null ? absent(envelope, component) : convert(envelope, component, component.getGenericType(), value);
        }
        try {
            Constructor<? extends E> constructor = type.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            constructor.setAccessible(true);
            return Optional.of(constructor.newInstance(values));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new MalformedEventException(envelope.type() + " " + envelope.eventId() + " does not fit its record: " + e, e);
        }
    }

    /** The tenant component: a UUID, or a value type made from one (app's {@code TenantId}). */
    private static Object tenant(Class<?> type, UUID id) {
        if (type == UUID.class) {
            return id;
        }
        try {
            return type.getConstructor(UUID.class).newInstance(id);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type.getName() + " cannot be made from a tenant id", e);
        }
    }

    /** A null component is left out of the payload; a primitive one cannot be null, so its absence is an error. */
    private static Object absent(EventEnvelope envelope, RecordComponent component) {
        if (component.getType().isPrimitive()) {
            throw new MalformedEventException(envelope.type() + " " + envelope.eventId() + " has no field '" + component.getName() + "'");
        }
        return null;
    }

    private static Object convert(EventEnvelope envelope, RecordComponent component, Type target, Object value) {
        Class<?> raw = target instanceof ParameterizedType parameterized ? (Class<?>) parameterized.getRawType() : (Class<?>) target;
        try {
            if (Collection.class.isAssignableFrom(raw)) {
                Type element = ((ParameterizedType) target).getActualTypeArguments()[0];
                List<Object> list = new ArrayList<>();
                for (Object item : (Collection<?>) value) {
                    list.add(convert(envelope, component, element, item));
                }
                return List.copyOf(list);
            }
            if (raw == UUID.class) {
                return UUID.fromString((String) value);
            }
            if (raw == Instant.class) {
                return Instant.parse((String) value);
            }
            if (raw.isEnum()) {
                return enumValue(raw, (String) value);
            }
            if (raw == String.class) {
                return (String) value;
            }
            if (raw == int.class || raw == Integer.class) {
                return Math.toIntExact(((Number) value).longValue());
            }
            if (raw == long.class || raw == Long.class) {
                return ((Number) value).longValue();
            }
            if (raw == boolean.class || raw == Boolean.class) {
                return (Boolean) value;
            }
        } catch (ClassCastException | IllegalArgumentException | ArithmeticException | java.time.format.DateTimeParseException e) {
            throw new MalformedEventException(envelope.type() + " " + envelope.eventId() + ": field '" + component.getName()
                    + "' is not a " + raw.getSimpleName(), e);
        }
        throw new IllegalStateException(component.getDeclaringRecord().getName() + "." + component.getName()
                + ": an event field of type " + raw.getName() + " is not written by DomainEvent.payloadOf");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumValue(Class<?> type, String name) {
        return Enum.valueOf((Class) type, name);
    }
}
