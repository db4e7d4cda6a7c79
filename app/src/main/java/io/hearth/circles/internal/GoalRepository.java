package io.hearth.circles.internal;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.UUID;

/** Goals of the tenant in scope: Micronaut Data runs every query in that tenant's schema. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface GoalRepository extends CrudRepository<GoalRow, UUID> {

    boolean existsByIdAndPersonId(UUID id, UUID personId);

    @Query("select * from goals where person_id = :personId order by created_at desc, id limit :limit offset :offset")
    List<GoalRow> findPage(UUID personId, int limit, long offset);

    long countByPersonId(UUID personId);

    /** Goals the circle's current members share with it, newest first. */
    @Query("select g.* from goals g where g.visibility = 'CIRCLE' and g.person_id in "
            + "(select person_id from circle_memberships where circle_id = :circleId and left_at is null) "
            + "order by g.created_at desc, g.id limit :limit offset :offset")
    List<GoalRow> findSharedPage(UUID circleId, int limit, long offset);

    @Query("select count(*) from goals g where g.visibility = 'CIRCLE' and g.person_id in "
            + "(select person_id from circle_memberships where circle_id = :circleId and left_at is null)")
    long countShared(UUID circleId);
}
