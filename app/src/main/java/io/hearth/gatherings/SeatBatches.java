package io.hearth.gatherings;

import io.hearth.ErrorCode;
import io.hearth.gatherings.internal.RegistrationRepository;
import io.hearth.kit.Refusal;
import io.hearth.kit.outbox.Outbox;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import io.hearth.tenancy.TenantId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Seats a batch of men who registered for one event at about the same moment, in one change with the event's row
 * locked: in the order they came, seats while they last, then the waiting list ({@link SeatRules#arrive}). Each man
 * was checked against the event's terms before he queued ({@link Registrations}); a man whose terms changed since is
 * sent back to be checked again, and the others are seated. {@link SeatQueue} makes the batches.
 */
@TenantBound
@Singleton
public class SeatBatches {

    private final RegistrationRepository registrations;
    private final Gatherings events;
    private final Seats seats;
    private final Outbox outbox;
    private final Clock clock;

    public SeatBatches(RegistrationRepository registrations, Gatherings events, Seats seats, Outbox outbox, Clock clock) {
        this.registrations = registrations;
        this.events = events;
        this.seats = seats;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** What a man's registration was checked against: if any of it changed before he is seated, he is checked again. */
    public record Terms(String status, String type, Instant startsAt, @Nullable Instant registrationOpensAt,
                        @Nullable Instant registrationClosesAt, List<EventView.PriceOption> priceOptions,
                        List<EventView.QuestionView> questions, List<EventView.WaiverView> waivers) {
        static Terms of(EventView event) {
            return new Terms(event.status(), event.type(), event.startsAt(), event.registrationOpensAt(), event.registrationClosesAt(),
                    event.priceOptions(), event.questions(), event.waivers());
        }
    }

    /**
     * A checked registration waiting for its seat. Sensitive details are sealed already. {@code queuedAt}, when he
     * joined the event's queue, becomes his registration's time: men are seated in that order.
     */
    public record Arrival(UUID id, UUID person, Terms terms, @Nullable String priceOption, @Nullable UUID sponsorId, boolean keepWithSponsor,
                          Map<UUID, String> answers, List<UUID> acceptedWaivers, @Nullable String sealedEmergencyContact,
                          @Nullable String sealedMedicalNotes, @Nullable String idempotencyKey, @Nullable Instant queuedAt) {
        Arrival queued(Instant at) {
            return new Arrival(id, person, terms, priceOption, sponsorId, keepWithSponsor, answers, acceptedWaivers, sealedEmergencyContact,
                    sealedMedicalNotes, idempotencyKey, at);
        }
    }

    /** What became of an arrival. */
    public record Outcome(Kind kind, @Nullable SeatRules.Status status, @Nullable Refusal refusal) {
        public enum Kind {
            /** Registered, with the status he starts in. */
            REGISTERED,
            /** Refused, for the reason given. */
            REFUSED,
            /** Not registered: the event's terms changed, or the same request came twice at once. Check and queue again. */
            AGAIN
        }

        static Outcome registered(SeatRules.Status status) {
            return new Outcome(Kind.REGISTERED, status, null);
        }

        static Outcome refused(Refusal refusal) {
            return new Outcome(Kind.REFUSED, null, refusal);
        }

        static Outcome again() {
            return new Outcome(Kind.AGAIN, null, null);
        }
    }

    /** Refuses unless the event takes registrations at this moment. */
    static void requireOpen(EventView event, Instant now) {
        Gatherings.requireScheduled(event);
        if ((event.registrationOpensAt() != null && now.isBefore(event.registrationOpensAt()))
                || (event.registrationClosesAt() != null && !now.isBefore(event.registrationClosesAt())) || !now.isBefore(event.startsAt())) {
            throw new Refusal(Refusal.Kind.CONFLICT, ErrorCode.REGISTRATION_CLOSED, "Registration for this event is not open");
        }
    }

    /** Seats the arrivals in this order, in one change; an outcome for each, in the same order. */
    @Transactional
    public List<Outcome> seat(Tenant tenant, UUID eventId, List<Arrival> arrivals) {
        EventView event = events.lock(eventId);
        Terms terms = Terms.of(event);
        Instant now = clock.instant();
        Refusal closed = null;
        try {
            requireOpen(event, now);
        } catch (Refusal refusal) {
            closed = refusal;
        }
        seats.settle(tenant, eventId);
        List<SeatRules.Seat> taken = new ArrayList<>(seats.of(eventId));
        Map<UUID, String> registered = new HashMap<>();
        registrations.findOpenAmong(eventId, arrivals.stream().map(Arrival::person).distinct().toList())
                .forEach(open -> registered.put(open.personId(), open.idempotencyKey()));
        TenantId tenantId = tenant.id();
        List<Outcome> outcomes = new ArrayList<>(arrivals.size());
        for (Arrival arrival : arrivals) {
            if (!arrival.terms().equals(terms)) {
                outcomes.add(Outcome.again());
            } else if (closed != null) {
                outcomes.add(Outcome.refused(closed));
            } else if (registered.containsKey(arrival.person())) {
                // The same request again (same key) while the first was seated: it finds the first's registration when it comes again.
                boolean repeat = arrival.idempotencyKey() != null && Objects.equals(registered.get(arrival.person()), arrival.idempotencyKey());
                outcomes.add(repeat ? Outcome.again()
                        : Outcome.refused(new Refusal(Refusal.Kind.CONFLICT, ErrorCode.ALREADY_REGISTERED, "You are registered for this event already")));
            } else {
                SeatRules.Status status = SeatRules.arrive(event.capacity(), taken, event.paid());
                taken.add(new SeatRules.Seat(arrival.id(), status, Long.MAX_VALUE, null, null));
                registered.put(arrival.person(), arrival.idempotencyKey());
                insert(event, arrival, status, now, tenantId);
                outcomes.add(Outcome.registered(status));
            }
        }
        return outcomes;
    }

    private void insert(EventView event, Arrival arrival, SeatRules.Status status, Instant now, TenantId tenant) {
        registrations.insert(arrival.id(), event.id(), arrival.person(), status.name(), arrival.priceOption(), arrival.sponsorId(),
                arrival.keepWithSponsor(), status == SeatRules.Status.PENDING_PAYMENT ? now.plus(Duration.ofMinutes(event.holdMinutes())) : null,
                arrival.queuedAt() == null ? now : arrival.queuedAt(), now, arrival.sealedEmergencyContact(), arrival.sealedMedicalNotes(),
                arrival.idempotencyKey());
        for (Map.Entry<UUID, String> answer : arrival.answers().entrySet()) {
            registrations.answer(arrival.id(), answer.getKey(), answer.getValue());
        }
        for (UUID waiver : arrival.acceptedWaivers()) {
            registrations.accept(arrival.id(), waiver, now);
        }
        outbox.publish(switch (status) {
            case CONFIRMED -> new GatheringEvent.RegistrationConfirmed(tenant, event.id(), arrival.id(), arrival.person(), arrival.sponsorId(), null, null, null);
            case PENDING_PAYMENT -> new GatheringEvent.RegistrationHeld(tenant, event.id(), arrival.id(), arrival.person(), arrival.sponsorId(), null);
            default -> new GatheringEvent.RegistrationWaitlisted(tenant, event.id(), arrival.id(), arrival.person(), arrival.sponsorId());
        });
    }
}
