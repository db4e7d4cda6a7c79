package io.hearth.circles;

import io.hearth.kit.outbox.Outbox;
import io.hearth.tenancy.TenantScope;
import io.hearth.tenancy.TenantSql;
import jakarta.inject.Singleton;

import java.util.Optional;
import java.util.UUID;

/** A circle's free seats and its waiting list: seats freed go to the first men waiting, first come first served. */
@Singleton
public class Waitlist {

    private final Circles circles;
    private final Outbox outbox;

    public Waitlist(Circles circles, Outbox outbox) {
        this.circles = circles;
        this.outbox = outbox;
    }

    /** Seats taken: members now, and seats offered to the first of the waiting list. */
    static long seatsTaken(TenantSql.Sql db, UUID circleId) {
        return db.count("select (select count(*) from circle_memberships where circle_id = ? and left_at is null) "
                + "+ (select count(*) from circle_join_requests where circle_id = ? and status = 'OFFERED')", circleId, circleId);
    }

    /** Offers every free seat to the first men on the waiting list, first come first served. */
    void offerFreedSeats(TenantSql.Sql db, UUID circleId) {
        CircleView circle = circles.load(db, circleId).orElseThrow();
        if (!"ACTIVE".equals(circle.status())) {
            return;
        }
        while (Capacity.hasSeat(circle.capacity(), seatsTaken(db, circleId))) {
            Optional<Memberships.JoinRequest> next = db.one(JoinRequests.REQUEST_SELECT + " where r.circle_id = ? and r.status = 'WAITLISTED' order by r.created_at, r.id limit 1",
                    JoinRequests::request, circleId);
            if (next.isEmpty()) {
                return;
            }
            db.update("update circle_join_requests set status = 'OFFERED' where id = ?", next.get().id());
            outbox.publish(new CircleEvent.CircleSeatOffered(TenantScope.requireId(), circleId, next.get().id(), next.get().personId()));
        }
    }
}
