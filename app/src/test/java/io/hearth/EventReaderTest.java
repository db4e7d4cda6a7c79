package io.hearth;

import io.hearth.circles.CircleEvent;
import io.hearth.gatherings.GatheringEvent;
import io.hearth.helpdesk.TicketEvent;
import io.hearth.kit.outbox.DomainEvent;
import io.hearth.kit.outbox.EventEnvelope;
import io.hearth.kit.outbox.EventReader;
import io.hearth.kit.outbox.MalformedEventException;
import io.hearth.outreach.OutreachEvent;
import io.hearth.payments.PaymentEvent;
import io.hearth.polls.PollEvent;
import io.hearth.tenancy.ProvisioningEvent;
import io.hearth.tenancy.TenantId;
import io.micronaut.serde.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every event app publishes reads back, through its JSON envelope, as the very record it was written from. */
class EventReaderTest {

    private final ObjectMapper json = ObjectMapper.getDefault();

    static Stream<Class<? extends DomainEvent>> events() {
        return Stream.of(CircleEvent.class, GatheringEvent.class, PaymentEvent.class, ProvisioningEvent.class, PollEvent.class, TicketEvent.class, OutreachEvent.class)
                .flatMap(family -> Arrays.stream(family.getPermittedSubclasses()).map(type -> type.asSubclass(DomainEvent.class)));
    }

    @ParameterizedTest
    @MethodSource("events")
    void readsEveryEventBackAsTheRecordItWasWrittenFrom(Class<? extends DomainEvent> type) throws Exception {
        DomainEvent written = sample(type);
        EventEnvelope sent = EventEnvelope.of(DomainEvent.typeOf(written), written.tenantId(), DomainEvent.payloadOf(written));
        EventEnvelope received = json.readValue(json.writeValueAsString(sent), EventEnvelope.class);

        Object read = readerOf(type).read(received).orElseThrow();

        assertThat(read).isEqualTo(written);
    }

    @Test
    void anEventOfAnotherFamilyReadsAsNothing() {
        EventEnvelope other = EventEnvelope.of("RegistrationCancelled", UUID.randomUUID(), Map.of("eventId", UUID.randomUUID().toString()));

        assertThat(EventReader.of(CircleEvent.class).read(other)).isEmpty();
    }

    @Test
    void aFieldOfTheWrongShapeIsAMalformedEventNamingIt() {
        EventEnvelope wrong = EventEnvelope.of("MemberLeftCircle", UUID.randomUUID(),
                Map.of("circleId", "not-a-uuid", "personId", UUID.randomUUID().toString(), "at", Instant.now().toString()));

        assertThatThrownBy(() -> EventReader.of(CircleEvent.class).read(wrong))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("circleId");
    }

    @Test
    void aMissingNumberIsAMalformedEvent() {
        EventEnvelope missing = EventEnvelope.of("MeetingRecorded", UUID.randomUUID(), Map.of("circleId", UUID.randomUUID().toString(),
                "meetingId", UUID.randomUUID().toString(), "startsAt", Instant.now().toString()));

        assertThatThrownBy(() -> EventReader.of(CircleEvent.class).read(missing))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("present");
    }

    @SuppressWarnings("unchecked")
    private static EventReader<DomainEvent> readerOf(Class<? extends DomainEvent> type) {
        Class<?> family = Arrays.stream(type.getInterfaces()).filter(Class::isSealed).findFirst().orElseThrow();
        return EventReader.of((Class<DomainEvent>) family);
    }

    private static DomainEvent sample(Class<? extends DomainEvent> type) throws Exception {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        Map<Class<?>, Integer> seen = new LinkedHashMap<>();
        for (int i = 0; i < components.length; i++) {
            values[i] = sampleOf(components[i], seen.merge(components[i].getType(), 1, Integer::sum));
        }
        Constructor<? extends DomainEvent> constructor = type.getDeclaredConstructor(
                Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
        return constructor.newInstance(values);
    }

    /** A value of the component's type, different for each component of the same type. */
    private static Object sampleOf(RecordComponent component, int nth) {
        Class<?> type = component.getType();
        if (type == TenantId.class) {
            return new TenantId(UUID.randomUUID());
        }
        if (type == UUID.class) {
            return UUID.randomUUID();
        }
        if (type == Instant.class) {
            return Instant.parse("2026-12-04T19:30:00.123456Z").plusSeconds(nth);
        }
        if (type == String.class) {
            return "text " + nth;
        }
        if (type == int.class || type == Integer.class) {
            return 40 + nth;
        }
        if (type == long.class || type == Long.class) {
            return 5_000_000_000L + nth;
        }
        if (type == boolean.class || type == Boolean.class) {
            return nth % 2 == 1;
        }
        if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            return constants[nth % constants.length];
        }
        if (type == List.class && ((ParameterizedType) component.getGenericType()).getActualTypeArguments()[0] == UUID.class) {
            return List.of(UUID.randomUUID(), UUID.randomUUID());
        }
        if (type == List.class && ((ParameterizedType) component.getGenericType()).getActualTypeArguments()[0] == String.class) {
            return List.of("text " + nth, "more " + nth);
        }
        throw new IllegalStateException("no sample for " + component);
    }
}
