package io.hearth.circles;

import io.hearth.circles.internal.JoinRequestLine;
import io.hearth.circles.internal.JoinRequestRepository;
import io.hearth.kit.outbox.Outbox;
import io.hearth.tenancy.Tenant;
import jakarta.inject.Singleton;

import java.util.Optional;
import java.util.UUID;

/** A circle's free seats and its waiting list: seats freed go to the first men waiting, first come first served. */
@Singleton
public class Waitlist {

    private final JoinRequestRepository requests;
    private final Circles circles;
    private final Outbox outbox;

    public Waitlist(JoinRequestRepository requests, Circles circles, Outbox outbox) {
        this.requests = requests;
        this.circles = circles;
        this.outbox = outbox;
    }

    /** Seats taken: members now, and seats offered to the first of the waiting list. */
    long seatsTaken(UUID circleId) {
        return requests.seatsTaken(circleId);
    }

    /** Offers every free seat to the first men on the waiting list, first come first served. */
    void offerFreedSeats(Tenant tenant, UUID circleId) {
        CircleView circle = circles.load(circleId).orElseThrow();
        if (!"ACTIVE".equals(circle.status())) {
            return;
        }
        while (Capacity.hasSeat(circle.capacity(), seatsTaken(circleId))) {
            Optional<JoinRequestLine> next = requests.findNextWaiting(circleId);
            if (next.isEmpty()) {
                return;
            }
            requests.offer(next.get().id());
            outbox.publish(new CircleEvent.CircleSeatOffered(tenant.id(), circleId, next.get().id(), next.get().personId()));
        }
    }
}
