package io.hearth.gatherings;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * The seating rules of an event, as a pure function of its registrations: never more confirmed, held and offered
 * seats than the capacity; a hold that ran out frees its seat; an offer that lapsed moves on; free seats go to the
 * waiting list in order of arrival, each offered for a limited time. Applied inside the change that freed a seat,
 * with the event's row locked.
 */
public final class SeatRules {

    @Schema(name = "RegistrationStatus")
    public enum Status { CONFIRMED, PENDING_PAYMENT, WAITLISTED, OFFERED, CANCELLED, EXPIRED }

    private SeatRules() {
    }

    /** What the rules need to know of a registration. */
    public record Seat(UUID id, Status status, long arrival, Instant holdUntil, Instant offerUntil) {
        boolean takesASeat() {
            return status == Status.CONFIRMED || status == Status.PENDING_PAYMENT || status == Status.OFFERED;
        }
    }

    /** One change to make: the registration moves to the status, with the offer's end when it is an offer. */
    public record Transition(UUID registration, Status from, Status to, Instant offerUntil) {
    }

    /** How a new registration starts: seated (confirmed, or held when it is paid) or on the waiting list. */
    public static Status arrive(int capacity, List<Seat> seats, boolean paid) {
        boolean queue = seats.stream().anyMatch(seat -> seat.status() == Status.WAITLISTED);
        long taken = seats.stream().filter(Seat::takesASeat).count();
        if (queue || taken >= capacity) {
            return Status.WAITLISTED;
        }
        return paid ? Status.PENDING_PAYMENT : Status.CONFIRMED;
    }

    /** A seat nobody holds or waits for (applied to seats already settled). */
    public static boolean hasFreeSeat(int capacity, List<Seat> seats) {
        return seats.stream().noneMatch(seat -> seat.status() == Status.WAITLISTED)
                && seats.stream().filter(Seat::takesASeat).count() < capacity;
    }

    /** The transitions that bring the event back in line with the rules at this moment. */
    public static List<Transition> settle(int capacity, List<Seat> seats, Instant now, Duration offerFor) {
        List<Transition> transitions = new ArrayList<>();
        long taken = 0;
        for (Seat seat : seats) {
            if (seat.status() == Status.PENDING_PAYMENT && seat.holdUntil() != null && !now.isBefore(seat.holdUntil())) {
                transitions.add(new Transition(seat.id(), seat.status(), Status.EXPIRED, null));
            } else if (seat.status() == Status.OFFERED && seat.offerUntil() != null && !now.isBefore(seat.offerUntil())) {
                transitions.add(new Transition(seat.id(), seat.status(), Status.EXPIRED, null));
            } else if (seat.takesASeat()) {
                taken++;
            }
        }
        List<Seat> queue = seats.stream().filter(seat -> seat.status() == Status.WAITLISTED)
                .sorted(Comparator.comparingLong(Seat::arrival)).toList();
        for (Seat next : queue) {
            if (taken >= capacity) {
                break;
            }
            transitions.add(new Transition(next.id(), Status.WAITLISTED, Status.OFFERED, now.plus(offerFor)));
            taken++;
        }
        return transitions;
    }
}
