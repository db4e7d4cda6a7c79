package io.hearth.documents.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The tenant in scope's documents, their versions and acknowledgements. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface DocumentRepository extends CrudRepository<DocumentRow, UUID> {

    /** The current documents of these audiences: the organisation's, these circles', these events'. */
    @Query("select * from documents where archived_at is null and (audience = 'ORGANISATION' or circle_id in (:circles) or event_id in (:events)) "
            + "and (:circle::uuid is null or circle_id = :circle::uuid) and (:event::uuid is null or event_id = :event::uuid) "
            + "order by created_at desc, id")
    List<DocumentRow> findFor(Collection<UUID> circles, Collection<UUID> events, @Nullable UUID circle, @Nullable UUID event);

    @Query("select * from documents where id = :id for update")
    Optional<DocumentRow> lock(UUID id);

    @Query("select * from documents where created_by = :createdBy and idempotency_key = :key")
    Optional<DocumentRow> findByKey(UUID createdBy, String key);

    @Query("select * from documents where archived_at is null and kind = 'WAIVER' and event_id = :eventId")
    List<DocumentRow> findWaiversOf(UUID eventId);

    @Query("update documents set current_version = :version where id = :id")
    void setVersion(UUID id, int version);

    @Query("update documents set archived_at = now() where id = :id and archived_at is null")
    void archive(UUID id);
}
