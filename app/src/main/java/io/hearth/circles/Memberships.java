package io.hearth.circles;

import io.hearth.ErrorCode;
import io.hearth.identity.Caller;
import io.hearth.identity.Permission;
import io.hearth.identity.Role;
import io.hearth.kit.Refusal;
import io.hearth.kit.outbox.Outbox;
import io.hearth.tenancy.TenantScope;
import io.hearth.tenancy.TenantSql;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Who is in which circle, over time: members added by facilitators, join requests, the waiting list, transfers
 * between circles and payment status. Every seat change locks the circle's row first, so the capacity holds under
 * any number of concurrent requests; a man is in one circle at most (a unique index says so too).
 */
@Singleton
public class Memberships {

    public enum LeaveReason { LEFT, MOVED, REMOVED }

    public enum PaymentStatus { CURRENT, PAST_DUE, EXEMPT, PAUSED }

    private final TenantSql sql;
    private final Circles circles;
    private final Outbox outbox;
    private final Clock clock;

    public Memberships(TenantSql sql, Circles circles, Outbox outbox, Clock clock) {
        this.sql = sql;
        this.circles = circles;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Serdeable
    public record Member(UUID personId, String firstName, String lastName, Instant joinedAt, @Nullable Instant leftAt,
                         @Nullable LeaveReason leaveReason, @Nullable PaymentStatus paymentStatus) {
    }

    @Serdeable
    public record JoinRequest(UUID id, UUID circleId, UUID personId, String status, String message, Instant createdAt,
                              @Nullable Integer waitlistPosition) {
    }

    @Serdeable
    public record TransferView(UUID id, UUID personId, UUID fromCircleId, UUID toCircleId, String status,
                               boolean approvedByFromCircle, boolean approvedByToCircle, Instant createdAt) {
    }

    // Members

    /** A facilitator or admin adds a man to the circle. */
    public Member add(UUID circleId, UUID person) {
        Caller caller = Caller.require();
        return sql.write(db -> {
            CircleView circle = circles.lockForManagement(db, circleId, caller);
            Circles.requireActive(circle);
            Circles.requireActivePeople(db, java.util.Set.of(person), "personId");
            Member member = admit(db, circle, person, null, caller.person());
            db.update("update circle_join_requests set status = 'APPROVED', decided_at = ?, decided_by = ? where circle_id = ? and person_id = ? "
                    + "and status in ('PENDING', 'WAITLISTED', 'OFFERED')", clock.instant(), caller.person(), circleId, person);
            offerFreedSeats(db, circleId);
            return member;
        });
    }

    /** The current members (and, with history, everyone who ever was), oldest first. Payment status is for managers. */
    public List<Member> members(UUID circleId, boolean history) {
        Caller caller = Caller.require();
        return sql.read(db -> {
            CircleView circle = circles.load(db, circleId).filter(c -> circles.visible(db, c, caller))
                    .orElseThrow(() -> Refusal.notFound("No circle with this id"));
            boolean manager = Circles.manages(circle, caller);
            if (!manager && !caller.can(Permission.CIRCLES_VIEW_ALL) && !Circles.isMember(db, circleId, caller.person())) {
                throw Refusal.forbidden("Only the circle's members, facilitators, leadership and admins see who is in it");
            }
            return db.list("select m.person_id, p.first_name, p.last_name, m.joined_at, m.left_at, m.leave_reason, m.payment_status "
                            + "from circle_memberships m join people p on p.id = m.person_id where m.circle_id = ? "
                            + (history ? "" : "and m.left_at is null ") + "order by m.joined_at, m.id",
                    rs -> member(rs, manager), circleId);
        });
    }

    /** Ends a man's membership: he leaves himself, or a facilitator or admin removes him. The freed seat is offered on. */
    public void end(UUID circleId, UUID person, LeaveReason reason) {
        Caller caller = Caller.require();
        sql.write(db -> {
            CircleView circle = circles.lock(db, circleId);
            if (reason == LeaveReason.LEFT) {
                if (!caller.person().equals(person)) {
                    throw Refusal.forbidden("Only he can leave; a facilitator removes");
                }
            } else {
                circles.requireManager(db, circle, caller);
            }
            Instant now = clock.instant();
            if (db.update("update circle_memberships set left_at = ?, leave_reason = ? where circle_id = ? and person_id = ? and left_at is null",
                    now, reason, circleId, person) == 0) {
                throw Refusal.notFound("He is not a member of this circle");
            }
            db.update("update circle_transfers set status = 'WITHDRAWN', decided_at = ? where person_id = ? and status = 'PENDING'", now, person);
            outbox.publish(new CircleEvent.MemberLeftCircle(TenantScope.requireId(), circleId, person, reason, caller.person(), now));
            offerFreedSeats(db, circleId);
            return null;
        });
    }

    public Member setPaymentStatus(UUID circleId, UUID person, PaymentStatus status) {
        Caller caller = Caller.require();
        return sql.write(db -> {
            circles.lockForManagement(db, circleId, caller);
            if (db.update("update circle_memberships set payment_status = ? where circle_id = ? and person_id = ? and left_at is null",
                    status, circleId, person) == 0) {
                throw Refusal.notFound("He is not a member of this circle");
            }
            outbox.publish(new CircleEvent.MemberPaymentStatusChanged(TenantScope.requireId(), circleId, person, status, caller.person()));
            return db.one("select m.person_id, p.first_name, p.last_name, m.joined_at, m.left_at, m.leave_reason, m.payment_status "
                            + "from circle_memberships m join people p on p.id = m.person_id where m.circle_id = ? and m.person_id = ? and m.left_at is null",
                    rs -> member(rs, true), circleId, person).orElseThrow();
        });
    }

    /** Where the caller stands: the circle he is in now, if any, and his open requests to join circles. */
    public record Standing(@Nullable UUID circleId, List<JoinRequest> joinRequests) {
    }

    public Standing standing() {
        Caller caller = Caller.require();
        return sql.read(db -> new Standing(
                db.one("select circle_id from circle_memberships where person_id = ? and left_at is null",
                        rs -> rs.getObject("circle_id", UUID.class), caller.person()).orElse(null),
                db.list(REQUEST_SELECT + " where r.person_id = ? and r.status in ('PENDING', 'OFFERED', 'WAITLISTED') order by r.created_at, r.id",
                        Memberships::request, caller.person())));
    }

    // Join requests and the waiting list

    /** A member asks to join an open circle: PENDING while a seat is free, else WAITLISTED in order of asking. */
    public JoinRequest requestToJoin(UUID circleId, String message) {
        Caller caller = Caller.require();
        return sql.write(db -> {
            CircleView circle = circles.lock(db, circleId);
            if (!circles.visible(db, circle, caller)) {
                throw Refusal.notFound("No circle with this id");
            }
            Circles.requireActive(circle);
            if (!circle.openToJoin()) {
                throw Refusal.conflict("This circle is not open to join: ask its facilitator");
            }
            if (Circles.isMember(db, circleId, caller.person())) {
                throw Refusal.conflict("You are in this circle already");
            }
            if (db.count("select count(*) from circle_join_requests where circle_id = ? and person_id = ? and status in ('PENDING', 'WAITLISTED', 'OFFERED')",
                    circleId, caller.person()) > 0) {
                throw Refusal.conflict("You have asked to join this circle already");
            }
            long waiting = db.count("select count(*) from circle_join_requests where circle_id = ? and status = 'WAITLISTED'", circleId);
            boolean seat = waiting == 0 && Capacity.hasSeat(circle.capacity(), seatsTaken(db, circleId));
            UUID id = UUID.randomUUID();
            String status = seat ? "PENDING" : "WAITLISTED";
            db.update("insert into circle_join_requests (id, circle_id, person_id, status, message, created_at) values (?, ?, ?, ?, ?, ?)",
                    id, circleId, caller.person(), status, message == null ? "" : message, clock.instant());
            outbox.publish(seat ? new CircleEvent.JoinRequested(TenantScope.requireId(), circleId, id, caller.person())
                    : new CircleEvent.JoinWaitlisted(TenantScope.requireId(), circleId, id, caller.person()));
            return request(db, id).orElseThrow();
        });
    }

    /** The circle's open requests: pending and offered first, then the waiting list in order. */
    public List<JoinRequest> requests(UUID circleId) {
        Caller caller = Caller.require();
        return sql.read(db -> {
            CircleView circle = circles.load(db, circleId).orElseThrow(() -> Refusal.notFound("No circle with this id"));
            circles.requireManager(db, circle, caller);
            return db.list(REQUEST_SELECT + " where r.circle_id = ? and r.status in ('PENDING', 'OFFERED', 'WAITLISTED') "
                    + "order by case r.status when 'OFFERED' then 0 when 'PENDING' then 1 else 2 end, r.created_at, r.id", Memberships::request, circleId);
        });
    }

    public Member approve(UUID circleId, UUID requestId) {
        Caller caller = Caller.require();
        return sql.write(db -> {
            CircleView circle = circles.lockForManagement(db, circleId, caller);
            Circles.requireActive(circle);
            JoinRequest request = request(db, requestId).filter(r -> r.circleId().equals(circleId))
                    .orElseThrow(() -> Refusal.notFound("No such request for this circle"));
            if (!"PENDING".equals(request.status()) && !"OFFERED".equals(request.status())) {
                throw Refusal.conflict("Only a pending request, or one offered a seat, can be approved; this one is " + request.status());
            }
            // An offered seat is his already: do not count his own offer against him.
            Member member = admit(db, circle, request.personId(), "OFFERED".equals(request.status()) ? requestId : null, caller.person());
            db.update("update circle_join_requests set status = 'APPROVED', decided_at = ?, decided_by = ? where id = ?", clock.instant(), caller.person(), requestId);
            outbox.publish(new CircleEvent.JoinRequestApproved(TenantScope.requireId(), circleId, requestId, request.personId(), caller.person()));
            return member;
        });
    }

    public JoinRequest decline(UUID circleId, UUID requestId) {
        Caller caller = Caller.require();
        return sql.write(db -> {
            circles.lockForManagement(db, circleId, caller);
            JoinRequest request = request(db, requestId).filter(r -> r.circleId().equals(circleId))
                    .orElseThrow(() -> Refusal.notFound("No such request for this circle"));
            if (!List.of("PENDING", "WAITLISTED", "OFFERED").contains(request.status())) {
                throw Refusal.conflict("This request was decided already: " + request.status());
            }
            db.update("update circle_join_requests set status = 'DECLINED', decided_at = ?, decided_by = ? where id = ?", clock.instant(), caller.person(), requestId);
            outbox.publish(new CircleEvent.JoinRequestDeclined(TenantScope.requireId(), circleId, requestId, request.personId(), caller.person()));
            offerFreedSeats(db, circleId);
            return request(db, requestId).orElseThrow();
        });
    }

    /** The man takes his own request back; a seat offered to him goes to the next in line. */
    public JoinRequest withdraw(UUID circleId, UUID requestId) {
        Caller caller = Caller.require();
        return sql.write(db -> {
            circles.lock(db, circleId);
            JoinRequest request = request(db, requestId).filter(r -> r.circleId().equals(circleId) && r.personId().equals(caller.person()))
                    .orElseThrow(() -> Refusal.notFound("No such request of yours"));
            if (!List.of("PENDING", "WAITLISTED", "OFFERED").contains(request.status())) {
                throw Refusal.conflict("This request was decided already: " + request.status());
            }
            db.update("update circle_join_requests set status = 'WITHDRAWN', decided_at = ? where id = ?", clock.instant(), requestId);
            outbox.publish(new CircleEvent.JoinRequestWithdrawn(TenantScope.requireId(), circleId, requestId, caller.person()));
            offerFreedSeats(db, circleId);
            return request(db, requestId).orElseThrow();
        });
    }

    // Transfers

    /** A man asks to move from his circle to another. */
    public TransferView requestTransfer(UUID fromCircle, UUID toCircle) {
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
    public TransferView approveTransfer(UUID transferId) {
        Caller caller = Caller.require();
        return sql.write(db -> {
            TransferView view = transfer(db, transferId).orElseThrow(() -> Refusal.notFound("No such transfer"));
            // Lock both circles in a fixed order, so two transfers crossing each other cannot deadlock.
            UUID first = view.fromCircleId().compareTo(view.toCircleId()) < 0 ? view.fromCircleId() : view.toCircleId();
            UUID second = first.equals(view.fromCircleId()) ? view.toCircleId() : view.fromCircleId();
            CircleView a = circles.lock(db, first);
            CircleView b = circles.lock(db, second);
            CircleView from = a.id().equals(view.fromCircleId()) ? a : b;
            CircleView to = a.id().equals(view.toCircleId()) ? a : b;
            TransferView current = transfer(db, transferId).orElseThrow();
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
                Capacity.requireSeat(to.capacity(), seatsTaken(db, to.id()));
                Instant now = clock.instant();
                db.update("update circle_memberships set left_at = ?, leave_reason = 'MOVED' where circle_id = ? and person_id = ? and left_at is null",
                        now, from.id(), current.personId());
                db.update("insert into circle_memberships (id, circle_id, person_id, joined_at) values (?, ?, ?, ?)",
                        UUID.randomUUID(), to.id(), current.personId(), now);
                db.update("update circle_transfers set status = 'COMPLETED', decided_at = ? where id = ?", now, transferId);
                outbox.publish(new CircleEvent.MemberMovedCircle(TenantScope.requireId(), transferId, current.personId(), from.id(), to.id(), now));
                offerFreedSeats(db, from.id());
            }
            return transfer(db, transferId).orElseThrow();
        });
    }

    public TransferView declineTransfer(UUID transferId) {
        Caller caller = Caller.require();
        return sql.write(db -> {
            TransferView view = transfer(db, transferId).orElseThrow(() -> Refusal.notFound("No such transfer"));
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

    public List<TransferView> transfers(UUID circleId) {
        Caller caller = Caller.require();
        return sql.read(db -> {
            CircleView circle = circles.load(db, circleId).orElseThrow(() -> Refusal.notFound("No circle with this id"));
            circles.requireManager(db, circle, caller);
            return db.list(TRANSFER_SELECT + " where from_circle_id = ? or to_circle_id = ? order by created_at desc, id",
                    Memberships::transfer, circleId, circleId);
        });
    }

    // Shared steps

    /** Seats taken: members now, and seats offered to the first of the waiting list. */
    static long seatsTaken(TenantSql.Sql db, UUID circleId) {
        return db.count("select (select count(*) from circle_memberships where circle_id = ? and left_at is null) "
                + "+ (select count(*) from circle_join_requests where circle_id = ? and status = 'OFFERED')", circleId, circleId);
    }

    /** Seats a man in the (locked) circle; {@code ownOffer} is his offered request, which holds the seat for him. */
    private Member admit(TenantSql.Sql db, CircleView circle, UUID person, @Nullable UUID ownOffer, UUID by) {
        if (Circles.isMember(db, circle.id(), person)) {
            throw Refusal.conflict("He is in this circle already");
        }
        if (db.count("select count(*) from circle_memberships where person_id = ? and left_at is null", person) > 0) {
            throw new Refusal(Refusal.Kind.CONFLICT, ErrorCode.ALREADY_IN_A_CIRCLE, "He is in another circle: a move between circles is a transfer");
        }
        long taken = seatsTaken(db, circle.id()) - (ownOffer == null ? 0 : 1);
        Capacity.requireSeat(circle.capacity(), taken);
        Instant now = clock.instant();
        try {
            db.update("insert into circle_memberships (id, circle_id, person_id, joined_at) values (?, ?, ?, ?)", UUID.randomUUID(), circle.id(), person, now);
        } catch (DataAccessException e) {
            if (!TenantSql.isUniqueViolation(e)) {
                throw e;
            }
            // The unique index caught him joining another circle at the same moment; the transaction rolls back.
            throw new Refusal(Refusal.Kind.CONFLICT, ErrorCode.ALREADY_IN_A_CIRCLE, "He has just joined another circle");
        }
        outbox.publish(new CircleEvent.MemberJoinedCircle(TenantScope.requireId(), circle.id(), person, by, now));
        return db.one("select m.person_id, p.first_name, p.last_name, m.joined_at, m.left_at, m.leave_reason, m.payment_status "
                        + "from circle_memberships m join people p on p.id = m.person_id where m.circle_id = ? and m.person_id = ? and m.left_at is null",
                rs -> member(rs, true), circle.id(), person).orElseThrow();
    }

    /** Offers every free seat to the first men on the waiting list, first come first served. */
    void offerFreedSeats(TenantSql.Sql db, UUID circleId) {
        CircleView circle = circles.load(db, circleId).orElseThrow();
        if (!"ACTIVE".equals(circle.status())) {
            return;
        }
        while (Capacity.hasSeat(circle.capacity(), seatsTaken(db, circleId))) {
            Optional<JoinRequest> next = db.one(REQUEST_SELECT + " where r.circle_id = ? and r.status = 'WAITLISTED' order by r.created_at, r.id limit 1",
                    Memberships::request, circleId);
            if (next.isEmpty()) {
                return;
            }
            db.update("update circle_join_requests set status = 'OFFERED' where id = ?", next.get().id());
            outbox.publish(new CircleEvent.CircleSeatOffered(TenantScope.requireId(), circleId, next.get().id(), next.get().personId()));
        }
    }

    void endAllForArchive(TenantSql.Sql db, UUID circleId, Instant now) {
        List<UUID> members = db.list("select person_id from circle_memberships where circle_id = ? and left_at is null", rs -> rs.getObject(1, UUID.class), circleId);
        db.update("update circle_memberships set left_at = ?, leave_reason = 'REMOVED' where circle_id = ? and left_at is null", now, circleId);
        db.update("update circle_join_requests set status = 'DECLINED', decided_at = ? where circle_id = ? and status in ('PENDING', 'WAITLISTED', 'OFFERED')", now, circleId);
        db.update("update circle_transfers set status = 'DECLINED', decided_at = ? where (from_circle_id = ? or to_circle_id = ?) and status = 'PENDING'", now, circleId, circleId);
        for (UUID member : members) {
            outbox.publish(new CircleEvent.MemberLeftCircle(TenantScope.requireId(), circleId, member, LeaveReason.REMOVED, null, now));
        }
    }

    private static final String REQUEST_SELECT = "select r.id, r.circle_id, r.person_id, r.status, r.message, r.created_at, "
            + "case when r.status = 'WAITLISTED' then (select count(*) from circle_join_requests w where w.circle_id = r.circle_id "
            + "and w.status = 'WAITLISTED' and (w.created_at, w.id) <= (r.created_at, r.id)) end as position from circle_join_requests r";

    private static final String TRANSFER_SELECT = "select id, person_id, from_circle_id, to_circle_id, status, from_approved_by, to_approved_by, created_at from circle_transfers";

    private static Optional<JoinRequest> request(TenantSql.Sql db, UUID id) {
        return db.one(REQUEST_SELECT + " where r.id = ?", Memberships::request, id);
    }

    private static JoinRequest request(ResultSet rs) throws SQLException {
        long position = rs.getLong("position");
        Integer waitlistPosition = rs.wasNull() ? null : (int) position;
        return new JoinRequest(rs.getObject("id", UUID.class), rs.getObject("circle_id", UUID.class), rs.getObject("person_id", UUID.class),
                rs.getString("status"), rs.getString("message"), TenantSql.instant(rs, "created_at"), waitlistPosition);
    }

    private static Optional<TransferView> transfer(TenantSql.Sql db, UUID id) {
        return db.one(TRANSFER_SELECT + " where id = ?", Memberships::transfer, id);
    }

    private static TransferView transfer(ResultSet rs) throws SQLException {
        return new TransferView(rs.getObject("id", UUID.class), rs.getObject("person_id", UUID.class), rs.getObject("from_circle_id", UUID.class),
                rs.getObject("to_circle_id", UUID.class), rs.getString("status"), rs.getObject("from_approved_by") != null,
                rs.getObject("to_approved_by") != null, TenantSql.instant(rs, "created_at"));
    }


    private static Member member(ResultSet rs, boolean withPayment) throws SQLException {
        String reason = rs.getString("leave_reason");
        return new Member(rs.getObject("person_id", UUID.class), rs.getString("first_name"), rs.getString("last_name"),
                TenantSql.instant(rs, "joined_at"), TenantSql.instant(rs, "left_at"), reason == null ? null : LeaveReason.valueOf(reason),
                withPayment ? PaymentStatus.valueOf(rs.getString("payment_status")) : null);
    }
}
