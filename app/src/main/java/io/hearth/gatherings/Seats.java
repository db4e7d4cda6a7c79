package io.hearth.gatherings;

import io.hearth.gatherings.internal.SeatRepository;
import io.hearth.gatherings.internal.SeatTerms;
import io.hearth.kit.outbox.Outbox;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantId;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An event's seats kept in line with {@link SeatRules} inside the change that moved them: expired holds, lapsed
 * offers, freed seats offered to the waiting list; and the sweep that does the same when time alone ran them out.
 */
@Singleton
public class Seats {

    private final SeatRepository seats;
    private final Outbox outbox;
    private final Clock clock;

    public Seats(SeatRepository seats, Outbox outbox, Clock clock) {
        this.seats = seats;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Brings the (locked) event's seats in line with {@link SeatRules}: expired holds, lapsed offers, offers to the waiting list. */
    void settle(Tenant tenant, UUID eventId) {
        SeatTerms event = seats.findTerms(eventId).orElseThrow();
        if (!"SCHEDULED".equals(event.status())) {
            return;
        }
        Instant now = clock.instant();
        for (SeatRules.Transition t : SeatRules.settle(event.capacity(), of(eventId), now, Duration.ofHours(event.offerHours()))) {
            seats.move(t.registration(), t.to().name(), t.offerUntil(), now);
            TenantId tenantId = tenant.id();
            outbox.publish(t.to() == SeatRules.Status.OFFERED ? new GatheringEvent.WaitlistSeatOffered(tenantId, eventId, t.registration(), t.offerUntil())
                    : t.from() == SeatRules.Status.OFFERED ? new GatheringEvent.SeatOfferLapsed(tenantId, eventId, t.registration(), t.offerUntil())
                    : new GatheringEvent.RegistrationHoldExpired(tenantId, eventId, t.registration(), t.offerUntil()));
        }
    }

    /** Events whose holds or offers have run out by now: for the sweeper. */
    List<UUID> eventsWithDueSeats() {
        Instant now = clock.instant();
        return seats.findEventsWithDueSeats(now);
    }

    @Transactional
    void settleNow(Tenant tenant, UUID eventId) {
        if (seats.lockEvent(eventId).isPresent()) {
            settle(tenant, eventId);
        }
    }

    /** The event's seats that count: everyone but the cancelled and expired. */
    List<SeatRules.Seat> of(UUID eventId) {
        return seats.findSeats(eventId).stream()
                .map(line -> new SeatRules.Seat(line.id(), line.status(), line.arrival(), line.holdUntil(), line.offerUntil()))
                .toList();
    }
}
