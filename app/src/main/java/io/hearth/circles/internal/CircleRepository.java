package io.hearth.circles.internal;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The tenant in scope's circles and their facilitators. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface CircleRepository extends CrudRepository<CircleRow, UUID> {

    /** Locks the circle's row for the rest of the transaction. */
    @Query("select id from circles where id = :id for update")
    Optional<UUID> lock(UUID id);

    @Query("update circles set status = 'ARCHIVED', archived_at = :at, open_to_join = false, updated_at = :at where id = :id")
    void archive(UUID id, Instant at);

    @Query("delete from circle_facilitators where circle_id = :circleId")
    void removeFacilitators(UUID circleId);

    @Query("insert into circle_facilitators (circle_id, person_id) values (:circleId, :personId)")
    void addFacilitator(UUID circleId, UUID personId);

    @Query("select circle_id from circle_facilitators where person_id = :personId")
    List<UUID> findFacilitatedBy(UUID personId);

    @Query("select exists (select 1 from circle_memberships where circle_id = :circleId and person_id = :personId and left_at is null)")
    boolean isMember(UUID circleId, UUID personId);

    /** Every active circle with its seats and current members, in one query. */
    @io.micronaut.data.annotation.Query("select c.id, c.name, c.capacity, (select count(*) from circle_memberships m where m.circle_id = c.id and m.left_at is null) as members "
            + "from circles c where c.status = 'ACTIVE' order by lower(c.name), c.id")
    List<SeatLine> activeSeats();
}
