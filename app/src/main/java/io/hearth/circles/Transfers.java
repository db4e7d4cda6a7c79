package io.hearth.circles;

import io.hearth.circles.internal.MembershipRepository;
import io.hearth.circles.internal.MembershipRow;
import io.hearth.circles.internal.TransferRepository;
import io.hearth.circles.internal.TransferRow;
import io.hearth.identity.Caller;
import io.hearth.identity.Role;
import io.hearth.kit.Refusal;
import io.hearth.kit.outbox.Outbox;
import io.hearth.tenancy.TenantBound;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A man's move from his circle to another: he asks, a facilitator of each side (or an admin) approves, and once
 * both have he moves if the target has a seat. Circles are locked in a fixed order, so crossing moves cannot deadlock.
 */
@TenantBound
@Singleton
public class Transfers {

    private final TransferRepository transfers;
    private final MembershipRepository memberships;
    private final Circles circles;
    private final Waitlist waitlist;
    private final Outbox outbox;
    private final Clock clock;

    public Transfers(TransferRepository transfers, MembershipRepository memberships, Circles circles, Waitlist waitlist, Outbox outbox, Clock clock) {
        this.transfers = transfers;
        this.memberships = memberships;
        this.circles = circles;
        this.waitlist = waitlist;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** A man asks to move from his circle to another. */
    @Transactional
    public Memberships.TransferView requestTransfer(Caller caller, UUID fromCircle, UUID toCircle) {
        if (fromCircle.equals(toCircle)) {
            throw Refusal.invalid("toCircleId", "must be another circle");
        }
        if (!circles.isMember(fromCircle, caller.person())) {
            throw Refusal.notFound("You are not a member of this circle");
        }
        CircleView target = circles.load(toCircle)
                .orElseThrow(() -> Refusal.invalid("toCircleId", "is not a circle of this organisation"));
        Circles.requireActive(target);
        if (transfers.existsByPersonIdAndStatus(caller.person(), "PENDING")) {
            throw Refusal.conflict("You have a transfer waiting already");
        }
        UUID id = transfers.save(new TransferRow(UUID.randomUUID(), caller.person(), fromCircle, toCircle, "PENDING", null, null,
                clock.instant(), null)).id();
        outbox.publish(new CircleEvent.TransferRequested(caller.tenant().id(), id, caller.person(), fromCircle, toCircle));
        return transfer(id).orElseThrow();
    }

    /**
     * A facilitator of either circle (or an admin, for either side) approves. Once both sides have, the man moves:
     * his membership ends as MOVED and a new one starts, if the target circle has a seat.
     */
    @Transactional
    public Memberships.TransferView approveTransfer(Caller caller, UUID transferId) {
        Memberships.TransferView view = transfer(transferId).orElseThrow(() -> Refusal.notFound("No such transfer"));
        // Lock both circles in a fixed order, so two transfers crossing each other cannot deadlock.
        UUID first = view.fromCircleId().compareTo(view.toCircleId()) < 0 ? view.fromCircleId() : view.toCircleId();
        UUID second = first.equals(view.fromCircleId()) ? view.toCircleId() : view.fromCircleId();
        CircleView a = circles.lock(first);
        CircleView b = circles.lock(second);
        CircleView from = a.id().equals(view.fromCircleId()) ? a : b;
        CircleView to = a.id().equals(view.toCircleId()) ? a : b;
        TransferRow current = transfers.findById(transferId).orElseThrow();
        if (!"PENDING".equals(current.status())) {
            throw Refusal.conflict("This transfer is " + current.status());
        }
        boolean admin = caller.roles().contains(Role.ADMIN);
        boolean fromSide = admin || Circles.manages(from, caller);
        boolean toSide = admin || Circles.manages(to, caller);
        if (!fromSide && !toSide) {
            throw Refusal.forbidden("Only the facilitators of the two circles, or an admin, approve a transfer");
        }
        Transfer approved = new Transfer(transferId, current.personId(), from.id(), to.id(), current.fromApprovedBy(), current.toApprovedBy())
                .approve(caller.person(), fromSide, toSide);
        transfers.approve(transferId, approved.fromApprovedBy(), approved.toApprovedBy());
        outbox.publish(new CircleEvent.TransferApproved(caller.tenant().id(), transferId, caller.person(), fromSide, toSide));
        if (approved.approvedByBoth()) {
            Circles.requireActive(to);
            Capacity.requireSeat(to.capacity(), waitlist.seatsTaken(to.id()));
            Instant now = clock.instant();
            memberships.end(from.id(), current.personId(), now, LeaveReason.MOVED.name());
            memberships.save(MembershipRow.starting(to.id(), current.personId(), now));
            transfers.close(transferId, "COMPLETED", now);
            outbox.publish(new CircleEvent.MemberMovedCircle(caller.tenant().id(), transferId, current.personId(), from.id(), to.id(), now));
            waitlist.offerFreedSeats(caller.tenant(), from.id());
        }
        return transfer(transferId).orElseThrow();
    }

    @Transactional
    public Memberships.TransferView declineTransfer(Caller caller, UUID transferId) {
        Memberships.TransferView view = transfer(transferId).orElseThrow(() -> Refusal.notFound("No such transfer"));
        CircleView from = circles.load(view.fromCircleId()).orElseThrow();
        CircleView to = circles.load(view.toCircleId()).orElseThrow();
        boolean mine = view.personId().equals(caller.person());
        if (!mine && !caller.roles().contains(Role.ADMIN) && !Circles.manages(from, caller) && !Circles.manages(to, caller)) {
            throw Refusal.forbidden("Only the facilitators of the two circles, an admin or the man himself can stop a transfer");
        }
        if (transfers.close(transferId, mine ? "WITHDRAWN" : "DECLINED", clock.instant()) == 0) {
            throw Refusal.conflict("This transfer is " + view.status());
        }
        outbox.publish(mine ? new CircleEvent.TransferWithdrawn(caller.tenant().id(), transferId, caller.person())
                : new CircleEvent.TransferDeclined(caller.tenant().id(), transferId, caller.person()));
        return transfer(transferId).orElseThrow();
    }

    @Transactional(readOnly = true)
    public List<Memberships.TransferView> transfers(Caller caller, UUID circleId) {
        CircleView circle = circles.load(circleId).orElseThrow(() -> Refusal.notFound("No circle with this id"));
        circles.requireManager(circle, caller);
        return transfers.findOfCircle(circleId).stream().map(Transfers::view).toList();
    }

    private Optional<Memberships.TransferView> transfer(UUID id) {
        return transfers.findById(id).map(Transfers::view);
    }

    private static Memberships.TransferView view(TransferRow row) {
        return new Memberships.TransferView(row.id(), row.personId(), row.fromCircleId(), row.toCircleId(), row.status(),
                row.fromApprovedBy() != null, row.toApprovedBy() != null, row.createdAt());
    }
}
