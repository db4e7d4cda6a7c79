package io.hearth.circles.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The tenant in scope's circle meetings, the marks taken at them, and the schedules' exceptions. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface MeetingRepository extends CrudRepository<MeetingRow, UUID> {

    @Query("select id from circle_meetings where circle_id = :circleId and idempotency_key = :idempotencyKey")
    Optional<UUID> findByKey(UUID circleId, String idempotencyKey);

    boolean existsByCircleIdAndStartsAt(UUID circleId, Instant startsAt);

    @Query("select * from circle_meetings where circle_id = :circleId order by starts_at desc, id limit :limit offset :offset")
    List<MeetingRow> findPage(UUID circleId, int limit, long offset);

    long countByCircleId(UUID circleId);

    @Query("insert into circle_attendance (meeting_id, person_id, status) values (:meetingId, :personId, :status)")
    void mark(UUID meetingId, UUID personId, String status);

    @Query("select meeting_id, person_id, status from circle_attendance where meeting_id in (:meetingIds) order by person_id")
    List<MarkLine> findMarks(Collection<UUID> meetingIds);

    /** His marks at the circle's meetings, newest first. */
    @Query("select a.status from circle_attendance a join circle_meetings m on m.id = a.meeting_id "
            + "where m.circle_id = :circleId and a.person_id = :personId order by m.starts_at desc limit :limit")
    List<String> findHistory(UUID circleId, UUID personId, int limit);

    @Query("select p.id, p.first_name, p.last_name from circle_memberships m join people p on p.id = m.person_id "
            + "where m.circle_id = :circleId and m.left_at is null order by lower(p.last_name), p.id")
    List<PersonName> findCurrentMembers(UUID circleId);

    @Query("insert into circle_schedule_exceptions (circle_id, original_start, new_start) values (:circleId, :originalStart, :newStart) "
            + "on conflict (circle_id, original_start) do update set new_start = excluded.new_start")
    void reschedule(UUID circleId, Instant originalStart, @Nullable Instant newStart);

    @Query("select original_start, new_start from circle_schedule_exceptions where circle_id = :circleId")
    List<ExceptionLine> findExceptions(UUID circleId);

    /** The circles he is in now or facilitates. */
    @Query("select circle_id from circle_memberships where person_id = :personId and left_at is null "
            + "union select circle_id from circle_facilitators where person_id = :personId")
    List<UUID> findCirclesInOrRunBy(UUID personId);

    @Query("select c.id, c.name, c.capacity, "
            + "(select count(*) from circle_memberships m where m.circle_id = c.id and m.left_at is null) as members, "
            + "(select count(*) from circle_join_requests r where r.circle_id = c.id and r.status = 'OFFERED') as offers, "
            + "(select max(starts_at) from circle_meetings g where g.circle_id = c.id) as last_meeting "
            + "from circles c where c.status = 'ACTIVE' order by lower(c.name), c.id")
    List<HealthLine> findHealth();

    /** The attendance rate of each active circle's latest meetings, newest first, in one query for all circles. */
    @Query("select circle_id, rate from (select g.circle_id, g.starts_at, avg(case when a.status = 'PRESENT' then 1.0 else 0.0 end) as rate, "
            + "row_number() over (partition by g.circle_id order by g.starts_at desc) as n from circle_meetings g "
            + "join circle_attendance a on a.meeting_id = g.id join circles c on c.id = g.circle_id and c.status = 'ACTIVE' "
            + "group by g.circle_id, g.id, g.starts_at) latest where n <= :latest order by circle_id, n")
    List<RateLine> findLatestRates(int latest);

    /** Arranges a meeting outside the schedule; false when the circle already has one at that start. */
    @Query("insert into circle_one_off_meetings (circle_id, starts_at, minutes, arranged_by, arranged_at) "
            + "values (:circleId, :startsAt, :minutes, :by, :at) on conflict do nothing")
    int arrange(UUID circleId, Instant startsAt, int minutes, UUID by, Instant at);

    @Query("select starts_at, minutes from circle_one_off_meetings where circle_id = :circleId "
            + "and starts_at >= :from and starts_at < :to order by starts_at")
    List<OneOffLine> findOneOffs(UUID circleId, Instant from, Instant to);
}
