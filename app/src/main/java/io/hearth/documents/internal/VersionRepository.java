package io.hearth.documents.internal;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface VersionRepository extends GenericRepository<VersionRow, UUID> {

    VersionRow save(VersionRow row);

    @Query("select * from document_versions where document_id = :documentId and version = :version")
    Optional<VersionRow> find(UUID documentId, int version);

    @Query("select * from document_versions where document_id = :documentId order by version desc")
    List<VersionRow> findOf(UUID documentId);
}
