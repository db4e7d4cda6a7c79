package io.hearth.gatherings;

import io.hearth.gatherings.SeatRules.Seat;
import io.hearth.gatherings.SeatRules.Status;
import io.hearth.gatherings.SeatRules.Transition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class SeatRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final Duration DAY = Duration.ofHours(24);

    private static Seat seat(Status status, long arrival) {
        return new Seat(UUID.randomUUID(), status, arrival, null, null);
    }

    @Test
    void seatsWhileThereIsRoomThenWaitlists() {
        List<Seat> seats = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            seats.add(seat(SeatRules.arrive(2, seats, false), i));
        }

        assertThat(seats).extracting(Seat::status).containsExactly(Status.CONFIRMED, Status.CONFIRMED);
        assertThat(SeatRules.arrive(2, seats, false)).isEqualTo(Status.WAITLISTED);
    }

    @Test
    void aSeatIsFreeOnlyWhenNobodyHoldsOrWaitsForIt() {
        assertThat(SeatRules.hasFreeSeat(2, List.of(seat(Status.CONFIRMED, 1), seat(Status.EXPIRED, 2)))).isTrue();
        assertThat(SeatRules.hasFreeSeat(2, List.of(seat(Status.CONFIRMED, 1), seat(Status.OFFERED, 2)))).isFalse();
        assertThat(SeatRules.hasFreeSeat(3, List.of(seat(Status.CONFIRMED, 1), seat(Status.WAITLISTED, 2)))).isFalse();
    }

    @Test
    void aPaidRegistrationHoldsItsSeat() {
        assertThat(SeatRules.arrive(5, List.of(), true)).isEqualTo(Status.PENDING_PAYMENT);
    }

    @Test
    void neverOverbooksHeldAndOfferedSeatsCountToo() {
        List<Seat> seats = List.of(seat(Status.CONFIRMED, 1), seat(Status.PENDING_PAYMENT, 2), seat(Status.OFFERED, 3));

        assertThat(SeatRules.arrive(3, seats, false)).isEqualTo(Status.WAITLISTED);
        assertThat(SeatRules.settle(3, seats, NOW, DAY)).isEmpty();
    }

    @Test
    void nobodyJumpsTheQueueWhileSomeoneWaits() {
        List<Seat> seats = List.of(seat(Status.CONFIRMED, 1), seat(Status.WAITLISTED, 2));

        assertThat(SeatRules.arrive(5, seats, false)).isEqualTo(Status.WAITLISTED);
    }

    @Test
    void promotesTheFirstWaitlistedInOrderOfArrivalWhenASeatFrees() {
        Seat later = seat(Status.WAITLISTED, 9);
        Seat first = seat(Status.WAITLISTED, 4);
        List<Seat> seats = List.of(seat(Status.CONFIRMED, 1), seat(Status.CANCELLED, 2), later, first);

        List<Transition> transitions = SeatRules.settle(2, seats, NOW, DAY);

        assertThat(transitions).singleElement().satisfies(t -> {
            assertThat(t.registration()).isEqualTo(first.id());
            assertThat(t.to()).isEqualTo(Status.OFFERED);
            assertThat(t.offerUntil()).isEqualTo(NOW.plus(DAY));
        });
    }

    @Test
    void anExpiredHoldFreesItsSeatForTheNextInLine() {
        Seat held = new Seat(UUID.randomUUID(), Status.PENDING_PAYMENT, 1, NOW.minusSeconds(1), null);
        Seat waiting = seat(Status.WAITLISTED, 2);

        List<Transition> transitions = SeatRules.settle(1, List.of(held, waiting), NOW, DAY);

        assertThat(transitions).extracting(Transition::registration, Transition::to)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(held.id(), Status.EXPIRED), org.assertj.core.groups.Tuple.tuple(waiting.id(), Status.OFFERED));
    }

    @Test
    void aLapsedOfferMovesToTheNextMan() {
        Seat lapsed = new Seat(UUID.randomUUID(), Status.OFFERED, 2, null, NOW);
        Seat next = seat(Status.WAITLISTED, 3);

        List<Transition> transitions = SeatRules.settle(1, List.of(seat(Status.CANCELLED, 1), lapsed, next), NOW, DAY);

        assertThat(transitions).extracting(Transition::to).containsExactly(Status.EXPIRED, Status.OFFERED);
        assertThat(transitions.get(1).registration()).isEqualTo(next.id());
    }

    @Test
    void anOfferStillRunningIsKept() {
        Seat offered = new Seat(UUID.randomUUID(), Status.OFFERED, 2, null, NOW.plusSeconds(60));

        assertThat(SeatRules.settle(1, List.of(offered, seat(Status.WAITLISTED, 3)), NOW, DAY)).isEmpty();
    }

    @Test
    void raisingTheCapacityOffersTheNewSeatsInOrder() {
        Seat a = seat(Status.WAITLISTED, 5);
        Seat b = seat(Status.WAITLISTED, 6);
        Seat c = seat(Status.WAITLISTED, 7);

        List<Transition> transitions = SeatRules.settle(3, List.of(seat(Status.CONFIRMED, 1), a, b, c), NOW, DAY);

        assertThat(transitions).extracting(Transition::registration).containsExactly(a.id(), b.id());
    }
}
