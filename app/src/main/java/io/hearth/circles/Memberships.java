package io.hearth.circles;

import io.hearth.ErrorCode;
import io.hearth.circles.internal.JoinRequestRepository;
import io.hearth.circles.internal.MemberLine;
import io.hearth.circles.internal.MembershipRepository;
import io.hearth.circles.internal.MembershipRow;
import io.hearth.circles.internal.TransferRepository;
import io.hearth.identity.Caller;
import io.hearth.identity.Permission;
import io.hearth.kit.Refusal;
import io.hearth.kit.SqlFailures;
import io.hearth.kit.outbox.Outbox;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Who is in which circle, over time: members added by facilitators, leaving and removal, payment status, and
 * the circle's view types (join requests are {@link JoinRequests}, moves {@link Transfers}, free seats {@link Waitlist}). Every seat change locks the circle's row first, so the capacity holds under
 * any number of concurrent requests; a man is in one circle at most (a unique index says so too).
 */
@TenantBound
@Singleton
public class Memberships {

    private final MembershipRepository memberships;
    private final JoinRequestRepository requests;
    private final TransferRepository transfers;
    private final Circles circles;
    private final Waitlist waitlist;
    private final Outbox outbox;
    private final Clock clock;

    public Memberships(MembershipRepository memberships, JoinRequestRepository requests, TransferRepository transfers, Circles circles, Waitlist waitlist, Outbox outbox, Clock clock) {
        this.memberships = memberships;
        this.requests = requests;
        this.transfers = transfers;
        this.circles = circles;
        this.waitlist = waitlist;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Schema(name = "CircleMember")
    @Serdeable
    public record Member(UUID personId, String firstName, String lastName, Instant joinedAt, @Nullable Instant leftAt,
                         @Nullable LeaveReason leaveReason, @Nullable PaymentStatus paymentStatus) {
    }

    @Schema(name = "JoinRequest")
    @Serdeable
    public record JoinRequest(UUID id, UUID circleId, UUID personId, String status, String message, Instant createdAt,
                              @Nullable Integer waitlistPosition) {
    }

    @Schema(name = "TransferView")
    @Serdeable
    public record TransferView(UUID id, UUID personId, UUID fromCircleId, UUID toCircleId, String status,
                               boolean approvedByFromCircle, boolean approvedByToCircle, Instant createdAt) {
    }

    // Members

    /** A facilitator or admin adds a man to the circle. */
    @Transactional
    public Member add(Caller caller, UUID circleId, UUID person) {
        CircleView circle = circles.lockForManagement(circleId, caller);
        Circles.requireActive(circle);
        circles.requireActivePeople(java.util.Set.of(person), "personId");
        Member member = admit(caller.tenant(), circle, person, null, caller.person());
        requests.approveOpen(circleId, person, clock.instant(), caller.person());
        waitlist.offerFreedSeats(caller.tenant(), circleId);
        return member;
    }

    /** The current members (and, with history, everyone who ever was), oldest first. Payment status is for managers. */
    @Transactional(readOnly = true)
    public List<Member> members(Caller caller, UUID circleId, boolean history) {
        CircleView circle = circles.load(circleId).filter(c -> circles.visible(c, caller))
                .orElseThrow(() -> Refusal.notFound("No circle with this id"));
        boolean manager = Circles.manages(circle, caller);
        if (!manager && !caller.can(Permission.CIRCLES_VIEW_ALL) && !circles.isMember(circleId, caller.person())) {
            throw Refusal.forbidden("Only the circle's members, facilitators, leadership and admins see who is in it");
        }
        return (history ? memberships.findEver(circleId) : memberships.findCurrent(circleId)).stream()
                .map(line -> member(line, manager)).toList();
    }

    /** Ends a man's membership: he leaves himself, or a facilitator or admin removes him. The freed seat is offered on. */
    @Transactional
    public void end(Caller caller, UUID circleId, UUID person, LeaveReason reason) {
        CircleView circle = circles.lock(circleId);
        if (reason == LeaveReason.LEFT) {
            if (!caller.person().equals(person)) {
                throw Refusal.forbidden("Only he can leave; a facilitator removes");
            }
        } else {
            circles.requireManager(circle, caller);
        }
        Instant now = clock.instant();
        if (memberships.end(circleId, person, now, reason.name()) == 0) {
            throw Refusal.notFound("He is not a member of this circle");
        }
        transfers.withdrawPendingOf(person, now);
        outbox.publish(new CircleEvent.MemberLeftCircle(caller.tenant().id(), circleId, person, reason, caller.person(), now));
        waitlist.offerFreedSeats(caller.tenant(), circleId);
    }

    @Transactional
    public Member setPaymentStatus(Caller caller, UUID circleId, UUID person, PaymentStatus status) {
        circles.lockForManagement(circleId, caller);
        if (memberships.setPaymentStatus(circleId, person, status.name()) == 0) {
            throw Refusal.notFound("He is not a member of this circle");
        }
        outbox.publish(new CircleEvent.MemberPaymentStatusChanged(caller.tenant().id(), circleId, person, status, caller.person()));
        return member(memberships.findCurrentMember(circleId, person).orElseThrow(), true);
    }

    /** A time he was a member of a circle: from his joining until he left (null while he is in it). */
    public record Stint(UUID circleId, Instant joinedAt, @Nullable Instant leftAt) {
    }

    /** Every circle he has been a member of, and when; oldest first. For features that follow membership over time. */
    @Transactional(readOnly = true)
    public List<Stint> stintsOf(UUID person) {
        return memberships.findByPersonIdOrderByJoinedAt(person).stream()
                .map(row -> new Stint(row.circleId(), row.joinedAt(), row.leftAt())).toList();
    }

    /** An active circle with its seats and how many men are in it now. */
    public record Seats(UUID id, String name, int capacity, long members) {
    }

    /** Every active circle with its seats, and who is in which circle now (person -> circle): for a members file, in two queries. */
    public record Places(List<Seats> circles, java.util.Map<UUID, UUID> circleOf) {
    }

    @Transactional(readOnly = true)
    public Places places(Tenant tenant) {
        java.util.Map<UUID, UUID> circleOf = new java.util.HashMap<>();
        memberships.currentPlaces().forEach(place -> circleOf.put(place.personId(), place.circleId()));
        return new Places(circles.activeSeats().stream().map(line -> new Seats(line.id(), line.name(), line.capacity(), line.members())).toList(),
                circleOf);
    }

    /** The men in the circle now. */
    @Transactional(readOnly = true)
    public List<UUID> currentMembers(UUID circleId) {
        return memberships.findCurrentPeople(circleId);
    }

    /** Whether he is a member of the circle now. */
    @Transactional(readOnly = true)
    public boolean isMember(UUID circleId, UUID person) {
        return memberships.findCurrentMember(circleId, person).isPresent();
    }

    /**
     * His dues were paid (CURRENT) or failed (PAST_DUE), as the payment provider says: no caller. A status someone set
     * by hand (EXEMPT, PAUSED) stays. Returns whether it changed.
     */
    @Transactional
    public boolean duesPaid(Tenant tenant, UUID circleId, UUID person, boolean paid) {
        PaymentStatus status = paid ? PaymentStatus.CURRENT : PaymentStatus.PAST_DUE;
        if (memberships.setPaidStatus(circleId, person, status.name()) == 0) {
            return false;
        }
        outbox.publish(new CircleEvent.MemberPaymentStatusChanged(tenant.id(), circleId, person, status, null));
        return true;
    }

    /**
     * Support's decision on a current member's dues (intervention queue: PAUSED for hardship, his seat kept; EXEMPT):
     * the payments feature checks who may; recorded with who did it.
     */
    @Transactional
    public boolean setDuesDecision(Tenant tenant, UUID circleId, UUID person, PaymentStatus status, @Nullable UUID by) {
        if (memberships.setPaymentStatus(circleId, person, status.name()) == 0) {
            return false;
        }
        outbox.publish(new CircleEvent.MemberPaymentStatusChanged(tenant.id(), circleId, person, status,
                by));
        return true;
    }

    /** Where the caller stands: the circle he is in now, if any, and his open requests to join circles. */
    public record Standing(@Nullable UUID circleId, List<JoinRequest> joinRequests) {
    }

    @Transactional(readOnly = true)
    public Standing standing(Caller caller) {
        return new Standing(memberships.findCircleOf(caller.person()).orElse(null),
                requests.findOpenOfPerson(caller.person()).stream().map(JoinRequests::view).toList());
    }

    /** Seats a man in the (locked) circle; {@code ownOffer} is his offered request, which holds the seat for him. */
    Member admit(Tenant tenant, CircleView circle, UUID person, @Nullable UUID ownOffer, UUID by) {
        if (circles.isMember(circle.id(), person)) {
            throw Refusal.conflict("He is in this circle already");
        }
        if (memberships.isInACircle(person)) {
            throw new Refusal(Refusal.Kind.CONFLICT, ErrorCode.ALREADY_IN_A_CIRCLE, "He is in another circle: a move between circles is a transfer");
        }
        long taken = waitlist.seatsTaken(circle.id()) - (ownOffer == null ? 0 : 1);
        Capacity.requireSeat(circle.capacity(), taken);
        Instant now = clock.instant();
        try {
            memberships.save(MembershipRow.starting(circle.id(), person, now));
        } catch (DataAccessException e) {
            if (!SqlFailures.isUniqueViolation(e)) {
                throw e;
            }
            // The unique index caught him joining another circle at the same moment; the transaction rolls back.
            throw new Refusal(Refusal.Kind.CONFLICT, ErrorCode.ALREADY_IN_A_CIRCLE, "He has just joined another circle");
        }
        outbox.publish(new CircleEvent.MemberJoinedCircle(tenant.id(), circle.id(), person, by, now));
        return member(memberships.findCurrentMember(circle.id(), person).orElseThrow(), true);
    }

    private static Member member(MemberLine line, boolean withPayment) {
        return new Member(line.personId(), line.firstName(), line.lastName(), line.joinedAt(), line.leftAt(), line.leaveReason(),
                withPayment ? line.paymentStatus() : null);
    }
}
