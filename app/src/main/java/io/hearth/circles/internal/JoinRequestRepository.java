package io.hearth.circles.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Requests to join the tenant in scope's circles, and the waiting list they form. Open means PENDING, WAITLISTED or OFFERED. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface JoinRequestRepository extends CrudRepository<JoinRequestRow, UUID> {

    String LINE = "select r.id, r.circle_id, r.person_id, r.status, r.message, r.created_at, "
            + "case when r.status = 'WAITLISTED' then (select count(*) from circle_join_requests w where w.circle_id = r.circle_id "
            + "and w.status = 'WAITLISTED' and (w.created_at, w.id) <= (r.created_at, r.id)) end as waitlist_position "
            + "from circle_join_requests r ";

    @Query(LINE + "where r.id = :id")
    Optional<JoinRequestLine> findLine(UUID id);

    /** The circle's open requests: offered and pending first, then the waiting list in order. */
    @Query(LINE + "where r.circle_id = :circleId and r.status in ('PENDING', 'OFFERED', 'WAITLISTED') "
            + "order by case r.status when 'OFFERED' then 0 when 'PENDING' then 1 else 2 end, r.created_at, r.id")
    List<JoinRequestLine> findOpenOfCircle(UUID circleId);

    @Query(LINE + "where r.person_id = :personId and r.status in ('PENDING', 'OFFERED', 'WAITLISTED') order by r.created_at, r.id")
    List<JoinRequestLine> findOpenOfPerson(UUID personId);

    /** The first man on the circle's waiting list. */
    @Query(LINE + "where r.circle_id = :circleId and r.status = 'WAITLISTED' order by r.created_at, r.id limit 1")
    Optional<JoinRequestLine> findNextWaiting(UUID circleId);

    @Query("select exists (select 1 from circle_join_requests where circle_id = :circleId and person_id = :personId "
            + "and status in ('PENDING', 'WAITLISTED', 'OFFERED'))")
    boolean hasOpen(UUID circleId, UUID personId);

    @Query("select count(*) from circle_join_requests where circle_id = :circleId and status = 'WAITLISTED'")
    long countWaiting(UUID circleId);

    @Query("update circle_join_requests set status = :status, decided_at = :at, decided_by = :by where id = :id")
    void decide(UUID id, String status, Instant at, @Nullable UUID by);

    @Query("update circle_join_requests set status = 'OFFERED' where id = :id")
    void offer(UUID id);

    /** His open requests to the circle count as granted: he is in. */
    @Query("update circle_join_requests set status = 'APPROVED', decided_at = :at, decided_by = :by where circle_id = :circleId "
            + "and person_id = :personId and status in ('PENDING', 'WAITLISTED', 'OFFERED')")
    void approveOpen(UUID circleId, UUID personId, Instant at, UUID by);

    /** The circle is archived: its open requests are declined. */
    @Query("update circle_join_requests set status = 'DECLINED', decided_at = :at where circle_id = :circleId "
            + "and status in ('PENDING', 'WAITLISTED', 'OFFERED')")
    void declineAllOpen(UUID circleId, Instant at);

    /** Seats taken: members now, and seats offered to the first of the waiting list. */
    @Query("select (select count(*) from circle_memberships where circle_id = :circleId and left_at is null) "
            + "+ (select count(*) from circle_join_requests where circle_id = :circleId and status = 'OFFERED')")
    long seatsTaken(UUID circleId);
}
