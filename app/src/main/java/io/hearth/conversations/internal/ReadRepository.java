package io.hearth.conversations.internal;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** How far each man has read each conversation; a marker only moves forward. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ReadRepository extends GenericRepository<ReadRow, UUID> {

    @Query("insert into conversation_reads (conversation_id, person_id, read_offset, read_at) values (:conversationId, :personId, :offset, :at) "
            + "on conflict (conversation_id, person_id) do update set read_offset = greatest(conversation_reads.read_offset, excluded.read_offset), "
            + "read_at = case when excluded.read_offset > conversation_reads.read_offset then excluded.read_at else conversation_reads.read_at end "
            + "returning read_offset")
    long markRead(UUID conversationId, UUID personId, long offset, Instant at);

    @Query("select read_offset from conversation_reads where conversation_id = :conversationId and person_id = :personId")
    Optional<Long> offsetOf(UUID conversationId, UUID personId);

    @Query("select * from conversation_reads where conversation_id = :conversationId")
    List<ReadRow> findByConversation(UUID conversationId);
}
