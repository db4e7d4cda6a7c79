package io.hearth.imports.internal;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The imports of the organisation in scope. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ImportRepository extends CrudRepository<ImportRow, UUID> {

    @Query("select * from member_imports where id = :id for update")
    Optional<ImportRow> lock(UUID id);

    /** Imports being applied or undone (a worker resumes one that lost its own). */
    @Query("select id from member_imports where status in ('APPLYING', 'UNDOING') order by committed_at")
    List<UUID> working();

    @Query("update member_imports set status = 'APPLIED', applied_at = :at where id = :id and status = 'APPLYING'")
    long finishApplying(UUID id, Instant at);

    @Query("update member_imports set status = 'UNDONE', undone_at = :at where id = :id and status = 'UNDOING'")
    long finishUndoing(UUID id, Instant at);

    /** Forgets imports older than the time they are kept (their rows go with them). */
    @Query("delete from member_imports where created_at < :before and status not in ('APPLYING', 'UNDOING')")
    long deleteOlderThan(Instant before);
}
