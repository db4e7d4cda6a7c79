package io.hearth.circles;

import io.hearth.identity.Caller;
import io.hearth.kit.Refusal;
import io.hearth.kit.outbox.Outbox;
import io.hearth.tenancy.TenantScope;
import io.hearth.tenancy.TenantSql;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Asking to join a circle: PENDING while a seat is free, else WAITLISTED in order of asking; the facilitator
 * approves or declines, the man may withdraw. Every change locks the circle's row first.
 */
@Singleton
public class JoinRequests {

    private final TenantSql sql;
    private final Circles circles;
    private final Memberships memberships;
    private final Waitlist waitlist;
    private final Outbox outbox;
    private final Clock clock;

    public JoinRequests(TenantSql sql, Circles circles, Memberships memberships, Waitlist waitlist, Outbox outbox, Clock clock) {
        this.sql = sql;
        this.circles = circles;
        this.memberships = memberships;
        this.waitlist = waitlist;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** A member asks to join an open circle: PENDING while a seat is free, else WAITLISTED in order of asking. */
    public Memberships.JoinRequest requestToJoin(UUID circleId, String message) {
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
            boolean seat = waiting == 0 && Capacity.hasSeat(circle.capacity(), Waitlist.seatsTaken(db, circleId));
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
    public List<Memberships.JoinRequest> requests(UUID circleId) {
        Caller caller = Caller.require();
        return sql.read(db -> {
            CircleView circle = circles.load(db, circleId).orElseThrow(() -> Refusal.notFound("No circle with this id"));
            circles.requireManager(db, circle, caller);
            return db.list(REQUEST_SELECT + " where r.circle_id = ? and r.status in ('PENDING', 'OFFERED', 'WAITLISTED') "
                    + "order by case r.status when 'OFFERED' then 0 when 'PENDING' then 1 else 2 end, r.created_at, r.id", JoinRequests::request, circleId);
        });
    }

    public Memberships.Member approve(UUID circleId, UUID requestId) {
        Caller caller = Caller.require();
        return sql.write(db -> {
            CircleView circle = circles.lockForManagement(db, circleId, caller);
            Circles.requireActive(circle);
            Memberships.JoinRequest request = request(db, requestId).filter(r -> r.circleId().equals(circleId))
                    .orElseThrow(() -> Refusal.notFound("No such request for this circle"));
            if (!"PENDING".equals(request.status()) && !"OFFERED".equals(request.status())) {
                throw Refusal.conflict("Only a pending request, or one offered a seat, can be approved; this one is " + request.status());
            }
            // An offered seat is his already: do not count his own offer against him.
            Memberships.Member member = memberships.admit(db, circle, request.personId(), "OFFERED".equals(request.status()) ? requestId : null, caller.person());
            db.update("update circle_join_requests set status = 'APPROVED', decided_at = ?, decided_by = ? where id = ?", clock.instant(), caller.person(), requestId);
            outbox.publish(new CircleEvent.JoinRequestApproved(TenantScope.requireId(), circleId, requestId, request.personId(), caller.person()));
            return member;
        });
    }

    public Memberships.JoinRequest decline(UUID circleId, UUID requestId) {
        Caller caller = Caller.require();
        return sql.write(db -> {
            circles.lockForManagement(db, circleId, caller);
            Memberships.JoinRequest request = request(db, requestId).filter(r -> r.circleId().equals(circleId))
                    .orElseThrow(() -> Refusal.notFound("No such request for this circle"));
            if (!List.of("PENDING", "WAITLISTED", "OFFERED").contains(request.status())) {
                throw Refusal.conflict("This request was decided already: " + request.status());
            }
            db.update("update circle_join_requests set status = 'DECLINED', decided_at = ?, decided_by = ? where id = ?", clock.instant(), caller.person(), requestId);
            outbox.publish(new CircleEvent.JoinRequestDeclined(TenantScope.requireId(), circleId, requestId, request.personId(), caller.person()));
            waitlist.offerFreedSeats(db, circleId);
            return request(db, requestId).orElseThrow();
        });
    }

    /** The man takes his own request back; a seat offered to him goes to the next in line. */
    public Memberships.JoinRequest withdraw(UUID circleId, UUID requestId) {
        Caller caller = Caller.require();
        return sql.write(db -> {
            circles.lock(db, circleId);
            Memberships.JoinRequest request = request(db, requestId).filter(r -> r.circleId().equals(circleId) && r.personId().equals(caller.person()))
                    .orElseThrow(() -> Refusal.notFound("No such request of yours"));
            if (!List.of("PENDING", "WAITLISTED", "OFFERED").contains(request.status())) {
                throw Refusal.conflict("This request was decided already: " + request.status());
            }
            db.update("update circle_join_requests set status = 'WITHDRAWN', decided_at = ? where id = ?", clock.instant(), requestId);
            outbox.publish(new CircleEvent.JoinRequestWithdrawn(TenantScope.requireId(), circleId, requestId, caller.person()));
            waitlist.offerFreedSeats(db, circleId);
            return request(db, requestId).orElseThrow();
        });
    }

    static final String REQUEST_SELECT = "select r.id, r.circle_id, r.person_id, r.status, r.message, r.created_at, "
            + "case when r.status = 'WAITLISTED' then (select count(*) from circle_join_requests w where w.circle_id = r.circle_id "
            + "and w.status = 'WAITLISTED' and (w.created_at, w.id) <= (r.created_at, r.id)) end as position from circle_join_requests r";

    static Optional<Memberships.JoinRequest> request(TenantSql.Sql db, UUID id) {
        return db.one(REQUEST_SELECT + " where r.id = ?", JoinRequests::request, id);
    }

    static Memberships.JoinRequest request(ResultSet rs) throws SQLException {
        long position = rs.getLong("position");
        Integer waitlistPosition = rs.wasNull() ? null : (int) position;
        return new Memberships.JoinRequest(rs.getObject("id", UUID.class), rs.getObject("circle_id", UUID.class), rs.getObject("person_id", UUID.class),
                rs.getString("status"), rs.getString("message"), TenantSql.instant(rs, "created_at"), waitlistPosition);
    }
}
