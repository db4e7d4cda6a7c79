package io.hearth.polls.internal;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** The options of the tenant in scope's polls. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface OptionRepository extends CrudRepository<OptionRow, UUID> {

    @Query("select * from poll_options where poll_id in (:pollIds) order by poll_id, position")
    List<OptionRow> findOf(Collection<UUID> pollIds);
}
