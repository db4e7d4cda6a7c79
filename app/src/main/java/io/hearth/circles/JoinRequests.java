package io.hearth.circles;

import io.hearth.circles.internal.JoinRequestLine;
import io.hearth.circles.internal.JoinRequestRepository;
import io.hearth.circles.internal.JoinRequestRow;
import io.hearth.identity.Caller;
import io.hearth.kit.Refusal;
import io.hearth.kit.outbox.Outbox;
import io.hearth.tenancy.TenantBound;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Asking to join a circle: PENDING while a seat is free, else WAITLISTED in order of asking; the facilitator
 * approves or declines, the man may withdraw. Every change locks the circle's row first.
 */
@TenantBound
@Singleton
public class JoinRequests {

    private final JoinRequestRepository requests;
    private final Circles circles;
    private final Memberships memberships;
    private final Waitlist waitlist;
    private final Outbox outbox;
    private final Clock clock;

    public JoinRequests(JoinRequestRepository requests, Circles circles, Memberships memberships, Waitlist waitlist, Outbox outbox, Clock clock) {
        this.requests = requests;
        this.circles = circles;
        this.memberships = memberships;
        this.waitlist = waitlist;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** A member asks to join an open circle: PENDING while a seat is free, else WAITLISTED in order of asking. */
    @Transactional
    public Memberships.JoinRequest requestToJoin(Caller caller, UUID circleId, String message) {
        CircleView circle = circles.lock(circleId);
        if (!circles.visible(circle, caller)) {
            throw Refusal.notFound("No circle with this id");
        }
        Circles.requireActive(circle);
        if (!circle.openToJoin()) {
            throw Refusal.conflict("This circle is not open to join: ask its facilitator");
        }
        if (circles.isMember(circleId, caller.person())) {
            throw Refusal.conflict("You are in this circle already");
        }
        if (requests.hasOpen(circleId, caller.person())) {
            throw Refusal.conflict("You have asked to join this circle already");
        }
        boolean seat = requests.countWaiting(circleId) == 0 && Capacity.hasSeat(circle.capacity(), waitlist.seatsTaken(circleId));
        UUID id = UUID.randomUUID();
        requests.save(new JoinRequestRow(id, circleId, caller.person(), seat ? "PENDING" : "WAITLISTED", message == null ? "" : message,
                clock.instant(), null, null));
        outbox.publish(seat ? new CircleEvent.JoinRequested(caller.tenant().id(), circleId, id, caller.person())
                : new CircleEvent.JoinWaitlisted(caller.tenant().id(), circleId, id, caller.person()));
        return request(id).orElseThrow();
    }

    /** The circle's open requests: pending and offered first, then the waiting list in order. */
    @Transactional(readOnly = true)
    public List<Memberships.JoinRequest> requests(Caller caller, UUID circleId) {
        CircleView circle = circles.load(circleId).orElseThrow(() -> Refusal.notFound("No circle with this id"));
        circles.requireManager(circle, caller);
        return requests.findOpenOfCircle(circleId).stream().map(JoinRequests::view).toList();
    }

    @Transactional
    public Memberships.Member approve(Caller caller, UUID circleId, UUID requestId) {
        CircleView circle = circles.lockForManagement(circleId, caller);
        Circles.requireActive(circle);
        Memberships.JoinRequest request = request(requestId).filter(r -> r.circleId().equals(circleId))
                .orElseThrow(() -> Refusal.notFound("No such request for this circle"));
        if (!"PENDING".equals(request.status()) && !"OFFERED".equals(request.status())) {
            throw Refusal.conflict("Only a pending request, or one offered a seat, can be approved; this one is " + request.status());
        }
        // An offered seat is his already: do not count his own offer against him.
        Memberships.Member member = memberships.admit(caller.tenant(), circle, request.personId(), "OFFERED".equals(request.status()) ? requestId : null, caller.person());
        requests.decide(requestId, "APPROVED", clock.instant(), caller.person());
        outbox.publish(new CircleEvent.JoinRequestApproved(caller.tenant().id(), circleId, requestId, request.personId(), caller.person()));
        return member;
    }

    @Transactional
    public Memberships.JoinRequest decline(Caller caller, UUID circleId, UUID requestId) {
        circles.lockForManagement(circleId, caller);
        Memberships.JoinRequest request = request(requestId).filter(r -> r.circleId().equals(circleId))
                .orElseThrow(() -> Refusal.notFound("No such request for this circle"));
        if (!List.of("PENDING", "WAITLISTED", "OFFERED").contains(request.status())) {
            throw Refusal.conflict("This request was decided already: " + request.status());
        }
        requests.decide(requestId, "DECLINED", clock.instant(), caller.person());
        outbox.publish(new CircleEvent.JoinRequestDeclined(caller.tenant().id(), circleId, requestId, request.personId(), caller.person()));
        waitlist.offerFreedSeats(caller.tenant(), circleId);
        return request(requestId).orElseThrow();
    }

    /** The man takes his own request back; a seat offered to him goes to the next in line. */
    @Transactional
    public Memberships.JoinRequest withdraw(Caller caller, UUID circleId, UUID requestId) {
        circles.lock(circleId);
        Memberships.JoinRequest request = request(requestId).filter(r -> r.circleId().equals(circleId) && r.personId().equals(caller.person()))
                .orElseThrow(() -> Refusal.notFound("No such request of yours"));
        if (!List.of("PENDING", "WAITLISTED", "OFFERED").contains(request.status())) {
            throw Refusal.conflict("This request was decided already: " + request.status());
        }
        requests.decide(requestId, "WITHDRAWN", clock.instant(), null);
        outbox.publish(new CircleEvent.JoinRequestWithdrawn(caller.tenant().id(), circleId, requestId, caller.person()));
        waitlist.offerFreedSeats(caller.tenant(), circleId);
        return request(requestId).orElseThrow();
    }

    Optional<Memberships.JoinRequest> request(UUID id) {
        return requests.findLine(id).map(JoinRequests::view);
    }

    static Memberships.JoinRequest view(JoinRequestLine line) {
        return new Memberships.JoinRequest(line.id(), line.circleId(), line.personId(), line.status(), line.message(), line.createdAt(),
                line.waitlistPosition() == null ? null : line.waitlistPosition().intValue());
    }
}
