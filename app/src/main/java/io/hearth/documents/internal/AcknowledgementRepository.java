package io.hearth.documents.internal;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AcknowledgementRepository extends CrudRepository<AcknowledgementRow, UUID> {

    @Query("select * from document_acknowledgements where document_id = :documentId and version = :version and person_id = :personId")
    Optional<AcknowledgementRow> find(UUID documentId, int version, UUID personId);

    @Query("select * from document_acknowledgements where person_id = :personId and document_id in (:documents)")
    List<AcknowledgementRow> findOfPerson(UUID personId, Collection<UUID> documents);

    @Query("select * from document_acknowledgements where document_id = :documentId order by acknowledged_at, id")
    List<AcknowledgementRow> findOf(UUID documentId);

    @Query("select count(*) from document_acknowledgements where document_id = :documentId and version = :version")
    long countOf(UUID documentId, int version);
}
