package io.hearth.helpdesk.internal;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.UUID;

/** The tenant in scope's ticket categories. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface CategoryRepository extends CrudRepository<CategoryRow, UUID> {

    @Query("select * from ticket_categories where archived_at is null order by position, lower(name)")
    List<CategoryRow> findCurrent();

    @Query("select exists (select 1 from ticket_categories where archived_at is null and lower(name) = lower(:name) and id <> :except)")
    boolean nameTaken(String name, UUID except);

    @Query("select coalesce(max(position), 0) + 1 from ticket_categories")
    int nextPosition();
}
