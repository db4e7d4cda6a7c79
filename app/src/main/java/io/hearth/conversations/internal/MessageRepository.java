package io.hearth.conversations.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Messages. Every read names the windows the reader may read ({@code tstzmultirange}): a circle's chat follows its
 * membership over time, so the window is part of each query, never a filter applied afterwards.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface MessageRepository extends GenericRepository<MessageRow, UUID> {

    String COLUMNS = "select id, conversation_id, seq, author_id, sealed_text, sent_at, edited_at, removed_at, removed_by, idempotency_key from messages ";

    @Query(COLUMNS + "where id = :id")
    Optional<MessageRow> findById(UUID id);

    @Query(COLUMNS + "where author_id = :authorId and idempotency_key = :key")
    Optional<MessageRow> findByKey(UUID authorId, String key);

    @Query("insert into messages (id, conversation_id, seq, author_id, sealed_text, search, sent_at, idempotency_key) "
            + "values (:id, :conversationId, :seq, :authorId, :sealedText, to_tsvector('simple', :plain), :sentAt, :key)")
    void insert(UUID id, UUID conversationId, long seq, UUID authorId, String sealedText, String plain, Instant sentAt, @Nullable String key);

    @Query("update messages set sealed_text = :sealedText, search = to_tsvector('simple', :plain), edited_at = :at where id = :id and removed_at is null")
    int edit(UUID id, String sealedText, String plain, Instant at);

    @Query("update messages set sealed_text = null, search = null, removed_at = :at, removed_by = :by where id = :id and removed_at is null")
    int remove(UUID id, Instant at, @Nullable UUID by);

    /** Newest first, offsets in (after, before), written inside the windows. */
    @Query(COLUMNS + "where conversation_id = :conversationId and seq > :after and seq < :before "
            + "and sent_at <@ cast(:windows as tstzmultirange) order by seq desc limit :limit")
    List<MessageRow> page(UUID conversationId, String windows, long after, long before, int limit);

    @Query(COLUMNS + "where conversation_id = :conversationId and sent_at <@ cast(:windows as tstzmultirange) order by seq desc limit 1")
    Optional<MessageRow> last(UUID conversationId, String windows);

    /** Counts up to {@code UNREAD_CAP} unread messages: past that, a badge says "999+" and counting on costs a scan. */
    @Query("select count(*) from (select 1 from messages where conversation_id = :conversationId and seq > :after and author_id <> :reader "
            + "and removed_at is null and sent_at <@ cast(:windows as tstzmultirange) limit 999) unread")
    long unread(UUID conversationId, String windows, long after, UUID reader);

    /**
     * The newest matches of a tsquery in one conversation, inside the windows. The matches are found through the GIN
     * index first (materialized: otherwise the planner walks the conversation's messages by time, testing each one,
     * which for a rare word reads the whole conversation), then the newest few are read whole.
     */
    @Query("with hits as materialized (select id, sent_at from messages where search @@ to_tsquery('simple', :query) "
            + "and conversation_id = :conversationId and sent_at <@ cast(:windows as tstzmultirange)), "
            + "newest as (select id from hits order by sent_at desc limit :limit) "
            + COLUMNS + "where id in (select id from newest) order by sent_at desc")
    List<MessageRow> search(UUID conversationId, String windows, String query, int limit);

    @Query(COLUMNS + "where author_id = :authorId and removed_at is null")
    List<MessageRow> findLiveByAuthor(UUID authorId);

    @Query(COLUMNS + "where conversation_id = :conversationId and sent_at < :before and removed_at is null order by seq limit :limit")
    List<MessageRow> findOlderThan(UUID conversationId, Instant before, int limit);
}
