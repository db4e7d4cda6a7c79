package io.hearth.circles.internal;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Sort;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** Progress recorded on goals, in the tenant in scope's schema. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface GoalProgressRepository extends GenericRepository<GoalProgressRow, UUID> {

    GoalProgressRow save(GoalProgressRow row);

    List<GoalProgressRow> findByGoalIdIn(Collection<UUID> goalIds, Sort sort);
}
