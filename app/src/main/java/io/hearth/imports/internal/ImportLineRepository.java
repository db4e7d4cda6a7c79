package io.hearth.imports.internal;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The rows of the organisation in scope's imports. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ImportLineRepository extends CrudRepository<ImportLineRow, UUID> {

    List<ImportLineRow> findByImportIdOrderByLine(UUID importId);

    @Query("select action, outcome, invitation, undone_at is not null as undone, count(*) as rows from member_import_rows "
            + "where import_id = :importId group by action, outcome, invitation, undone_at is not null")
    List<CountLine> counts(UUID importId);

    /** The next row to apply; locked, or skipped when another worker holds it. */
    @Query("select * from member_import_rows where import_id = :importId and action in ('CREATE', 'UPDATE') and applied_at is null "
            + "order by line limit 1 for update skip locked")
    Optional<ImportLineRow> nextToApply(UUID importId);

    /** The next applied row to undo, last first; locked, or skipped when another worker holds it. */
    @Query("select * from member_import_rows where import_id = :importId and outcome = 'APPLIED' and undone_at is null "
            + "order by line desc limit 1 for update skip locked")
    Optional<ImportLineRow> nextToUndo(UUID importId);

    @Query("update member_import_rows set outcome = 'FAILED', failure = :failure, applied_at = :at where id = :id and applied_at is null")
    long fail(UUID id, String failure, Instant at);

    @Query("update member_import_rows set outcome = :outcome, failure = :failure, undone_at = :at where id = :id")
    void undone(UUID id, String outcome, @io.micronaut.core.annotation.Nullable String failure, Instant at);

    /** Rows whose man waits for his invitation, oldest import first, while the import stands; locked, skipping held ones. */
    @Query("select r.* from member_import_rows r join member_imports i on i.id = r.import_id "
            + "where r.invitation = 'PENDING' and i.status in ('APPLYING', 'APPLIED') order by i.committed_at, r.line limit :limit for update of r skip locked")
    List<ImportLineRow> dueInvitations(int limit);

    @Query("update member_import_rows set invitation = :invitation where id = :id")
    void invitation(UUID id, String invitation);

    /** Pending invitations of an undone import are not sent. */
    @Query("update member_import_rows set invitation = 'NOT_SENT' where import_id = :importId and invitation = 'PENDING'")
    void dropInvitations(UUID importId);
}
