package io.hearth.circles;

import io.hearth.identity.Caller;
import io.hearth.identity.Role;
import io.hearth.kit.Refusal;
import io.hearth.kit.outbox.Outbox;
import io.hearth.tenancy.TenantScope;
import io.hearth.tenancy.TenantSql;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A man's move from his circle to another: he asks, a facilitator of each side (or an admin) approves, and once
 * both have he moves if the target has a seat. Circles are locked in a fixed order, so crossing moves cannot deadlock.
 */
@Singleton
public class Transfers {

    private final TenantSql sql;
    private final Circles circles;
    private final Waitlist waitlist;
    private final Outbox outbox;
    private final Clock clock;

    public Transfers(TenantSql sql, Circles circles, Waitlist waitlist, Outbox outbox, Clock clock) {
        this.sql = sql;
        this.circles = circles;
        this.waitlist = waitlist;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** A man asks to move from his circle to another. */
    public Memberships.TransferView requestTransfer(UUID fromCircle, UUID toCircle) {
        Caller caller = Caller.require();
        if (fromCircle.equals(toCircle)) {
            throw Refusal.invalid("toCircleId", "must be another circle");
        }
        return sql.write(db -> {
            if (!Circles.isMember(db, fromCircle, caller.person())) {
                throw Refusal.notFound("You are not a member of this circle");
            }
            CircleView target = circles.load(db, toCircle)
                    .orElseThrow(() -> Refusal.invalid("toCircleId", "is not a circle of this organisation"));
            Circles.requireActive(target);
            if (db.count("select count(*) from circle_transfers where person_id = ? and status = 'PENDING'", caller.person()) > 0) {
                throw Refusal.conflict("You have a transfer waiting already");
            }
            UUID id = UUID.randomUUID();
            db.update("insert into circle_transfers (id, person_id, from_circle_id, to_circle_id, status, created_at) values (?, ?, ?, ?, 'PENDING', ?)",
                    id, caller.person(), fromCircle, toCircle, clock.instant());
            outbox.publish(new CircleEvent.TransferRequested(TenantScope.requireId(), id, caller.person(), fromCircle, toCircle));
            return transfer(db, id).orElseThrow();
        });
    }

    /**
     * A facilitator of either circle (or an admin, for either side) approves. Once both sides have, the man moves:
     * his membership ends as MOVED and a new one starts, if the target circle has a seat.
     */
    public Memberships.TransferView approveTransfer(UUID transferId) {
        Caller caller = Caller.require();
        return sql.write(db -> {
            Memberships.TransferView view = transfer(db, transferId).orElseThrow(() -> Refusal.notFound("No such transfer"));
            // Lock both circles in a fixed order, so two transfers crossing each other cannot deadlock.
            UUID first = view.fromCircleId().compareTo(view.toCircleId()) < 0 ? view.fromCircleId() : view.toCircleId();
            UUID second = first.equals(view.fromCircleId()) ? view.toCircleId() : view.fromCircleId();
            CircleView a = circles.lock(db, first);
            CircleView b = circles.lock(db, second);
            CircleView from = a.id().equals(view.fromCircleId()) ? a : b;
            CircleView to = a.id().equals(view.toCircleId()) ? a : b;
            Memberships.TransferView current = transfer(db, transferId).orElseThrow();
            if (!"PENDING".equals(current.status())) {
                throw Refusal.conflict("This transfer is " + current.status());
            }
            boolean admin = caller.roles().contains(Role.ADMIN);
            boolean fromSide = admin || Circles.manages(from, caller);
            boolean toSide = admin || Circles.manages(to, caller);
            if (!fromSide && !toSide) {
                throw Refusal.forbidden("Only the facilitators of the two circles, or an admin, approve a transfer");
            }
            Transfer approved = db.one("select from_approved_by, to_approved_by from circle_transfers where id = ?",
                    rs -> new Transfer(transferId, current.personId(), from.id(), to.id(), rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)),
                    transferId).orElseThrow().approve(caller.person(), fromSide, toSide);
            db.update("update circle_transfers set from_approved_by = ?, to_approved_by = ? where id = ?",
                    approved.fromApprovedBy(), approved.toApprovedBy(), transferId);
            outbox.publish(new CircleEvent.TransferApproved(TenantScope.requireId(), transferId, caller.person(), fromSide, toSide));
            if (approved.approvedByBoth()) {
                Circles.requireActive(to);
                Capacity.requireSeat(to.capacity(), waitlist.seatsTaken(to.id()));
                Instant now = clock.instant();
                db.update("update circle_memberships set left_at = ?, leave_reason = 'MOVED' where circle_id = ? and person_id = ? and left_at is null",
                        now, from.id(), current.personId());
                db.update("insert into circle_memberships (id, circle_id, person_id, joined_at) values (?, ?, ?, ?)",
                        UUID.randomUUID(), to.id(), current.personId(), now);
                db.update("update circle_transfers set status = 'COMPLETED', decided_at = ? where id = ?", now, transferId);
                outbox.publish(new CircleEvent.MemberMovedCircle(TenantScope.requireId(), transferId, current.personId(), from.id(), to.id(), now));
                waitlist.offerFreedSeats(db, from.id());
            }
            return transfer(db, transferId).orElseThrow();
        });
    }

    public Memberships.TransferView declineTransfer(UUID transferId) {
        Caller caller = Caller.require();
        return sql.write(db -> {
            Memberships.TransferView view = transfer(db, transferId).orElseThrow(() -> Refusal.notFound("No such transfer"));
            CircleView from = circles.load(db, view.fromCircleId()).orElseThrow();
            CircleView to = circles.load(db, view.toCircleId()).orElseThrow();
            boolean mine = view.personId().equals(caller.person());
            if (!mine && !caller.roles().contains(Role.ADMIN) && !Circles.manages(from, caller) && !Circles.manages(to, caller)) {
                throw Refusal.forbidden("Only the facilitators of the two circles, an admin or the man himself can stop a transfer");
            }
            if (db.update("update circle_transfers set status = ?, decided_at = ? where id = ? and status = 'PENDING'",
                    mine ? "WITHDRAWN" : "DECLINED", clock.instant(), transferId) == 0) {
                throw Refusal.conflict("This transfer is " + view.status());
            }
            outbox.publish(mine ? new CircleEvent.TransferWithdrawn(TenantScope.requireId(), transferId, caller.person())
                    : new CircleEvent.TransferDeclined(TenantScope.requireId(), transferId, caller.person()));
            return transfer(db, transferId).orElseThrow();
        });
    }

    public List<Memberships.TransferView> transfers(UUID circleId) {
        Caller caller = Caller.require();
        return sql.read(db -> {
            CircleView circle = circles.load(db, circleId).orElseThrow(() -> Refusal.notFound("No circle with this id"));
            circles.requireManager(db, circle, caller);
            return db.list(TRANSFER_SELECT + " where from_circle_id = ? or to_circle_id = ? order by created_at desc, id",
                    Transfers::transfer, circleId, circleId);
        });
    }

    private static final String TRANSFER_SELECT = "select id, person_id, from_circle_id, to_circle_id, status, from_approved_by, to_approved_by, created_at from circle_transfers";

    private static Optional<Memberships.TransferView> transfer(TenantSql.Sql db, UUID id) {
        return db.one(TRANSFER_SELECT + " where id = ?", Transfers::transfer, id);
    }

    private static Memberships.TransferView transfer(ResultSet rs) throws SQLException {
        return new Memberships.TransferView(rs.getObject("id", UUID.class), rs.getObject("person_id", UUID.class), rs.getObject("from_circle_id", UUID.class),
                rs.getObject("to_circle_id", UUID.class), rs.getString("status"), rs.getObject("from_approved_by") != null,
                rs.getObject("to_approved_by") != null, TenantSql.instant(rs, "created_at"));
    }
}
