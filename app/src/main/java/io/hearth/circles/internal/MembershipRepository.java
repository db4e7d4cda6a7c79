package io.hearth.circles.internal;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Who is and was in the tenant in scope's circles. A current membership has no {@code left_at}. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface MembershipRepository extends CrudRepository<MembershipRow, UUID> {

    String LINE = "select m.person_id, p.first_name, p.last_name, m.joined_at, m.left_at, m.leave_reason, m.payment_status "
            + "from circle_memberships m join people p on p.id = m.person_id ";

    @Query(LINE + "where m.circle_id = :circleId and m.left_at is null order by m.joined_at, m.id")
    List<MemberLine> findCurrent(UUID circleId);

    @Query(LINE + "where m.circle_id = :circleId order by m.joined_at, m.id")
    List<MemberLine> findEver(UUID circleId);

    @Query(LINE + "where m.circle_id = :circleId and m.person_id = :personId and m.left_at is null")
    Optional<MemberLine> findCurrentMember(UUID circleId, UUID personId);

    @Query("select circle_id from circle_memberships where person_id = :personId and left_at is null")
    Optional<UUID> findCircleOf(UUID personId);

    @Query("select exists (select 1 from circle_memberships where person_id = :personId and left_at is null)")
    boolean isInACircle(UUID personId);

    @Query("select person_id from circle_memberships where circle_id = :circleId and left_at is null")
    List<UUID> findCurrentPeople(UUID circleId);

    /** Every membership he has had, in any circle, oldest first. */
    List<MembershipRow> findByPersonIdOrderByJoinedAt(UUID personId);

    /** Ends his current membership of the circle; 0 when he had none. */
    @Query("update circle_memberships set left_at = :at, leave_reason = :reason where circle_id = :circleId "
            + "and person_id = :personId and left_at is null")
    int end(UUID circleId, UUID personId, Instant at, String reason);

    /** Ends every current membership of the circle (it is archived). */
    @Query("update circle_memberships set left_at = :at, leave_reason = 'REMOVED' where circle_id = :circleId and left_at is null")
    void endAll(UUID circleId, Instant at);

    /** 0 when he is not a current member. */
    @Query("update circle_memberships set payment_status = :status where circle_id = :circleId and person_id = :personId and left_at is null")
    int setPaymentStatus(UUID circleId, UUID personId, String status);

    /** Dues paid or failed move a current member between CURRENT and PAST_DUE; EXEMPT and PAUSED are a person's decision and stay. */
    @Query("update circle_memberships set payment_status = :status where circle_id = :circleId and person_id = :personId and left_at is null "
            + "and payment_status in ('CURRENT', 'PAST_DUE') and payment_status <> :status")
    int setPaidStatus(UUID circleId, UUID personId, String status);

    /** Who is in which circle now, everyone at once. */
    @Query("select person_id, circle_id from circle_memberships where left_at is null")
    List<PlaceLine> currentPlaces();
}
