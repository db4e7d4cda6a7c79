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

/** The tenant in scope's circles and their facilitators. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface CircleRepository extends CrudRepository<CircleRow, UUID> {

    /** Which circles a caller may see: all of them, or those he runs, is in, or may join. */
    String VISIBLE = "from circles c where (cast(:status as text) is null or c.status = :status) "
            + "and (cast(:openToJoin as boolean) is null or c.open_to_join = :openToJoin) "
            + "and (cast(:namePrefix as text) is null or lower(c.name) like :namePrefix) "
            + "and (:all or c.id in (select circle_id from circle_facilitators where person_id = :personId) "
            + "or c.id in (select circle_id from circle_memberships where person_id = :personId and left_at is null) "
            + "or (c.open_to_join and c.status = 'ACTIVE'))";

    @Query("select c.*, (select count(*) from circle_memberships m where m.circle_id = c.id and m.left_at is null) as member_count, "
            + "(select count(*) from circle_join_requests r where r.circle_id = c.id and r.status = 'OFFERED') as offer_count "
            + "from circles c where c.id in (:ids)")
    List<CircleLine> findLines(Collection<UUID> ids);

    @Query("select f.circle_id, p.id as person_id, p.first_name, p.last_name from circle_facilitators f join people p on p.id = f.person_id "
            + "where f.circle_id in (:circleIds) order by lower(p.last_name), p.id")
    List<FacilitatorLine> findFacilitators(Collection<UUID> circleIds);

    @Query("select c.id " + VISIBLE + " order by lower(c.name), c.id limit :limit offset :offset")
    List<UUID> findVisibleIds(@Nullable String status, @Nullable Boolean openToJoin, @Nullable String namePrefix, boolean all,
                              UUID personId, int limit, long offset);

    @Query("select count(*) " + VISIBLE)
    long countVisible(@Nullable String status, @Nullable Boolean openToJoin, @Nullable String namePrefix, boolean all, UUID personId);

    /** Locks the circle's row for the rest of the transaction. */
    @Query("select id from circles where id = :id for update")
    Optional<UUID> lock(UUID id);

    @Query("update circles set status = 'ARCHIVED', archived_at = :at, open_to_join = false, updated_at = :at where id = :id")
    void archive(UUID id, Instant at);

    @Query("delete from circle_facilitators where circle_id = :circleId")
    void removeFacilitators(UUID circleId);

    @Query("insert into circle_facilitators (circle_id, person_id) values (:circleId, :personId)")
    void addFacilitator(UUID circleId, UUID personId);

    @Query("select exists (select 1 from circle_memberships where circle_id = :circleId and person_id = :personId and left_at is null)")
    boolean isMember(UUID circleId, UUID personId);
}
