package io.hearth.conversations.internal;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Announcements and their comments; the feed names who reads it (his roles, his circles, himself). */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AnnouncementRepository extends CrudRepository<AnnouncementRow, UUID> {

    String FOR_READER = "(a.audience = 'ORGANISATION' or (a.audience = 'ROLE' and a.audience_role in (:roles)) "
            + "or (a.audience = 'CIRCLE' and a.audience_circle in (:circles)) or a.author_id = :reader or :everything) ";

    /** Pinned ones (pin not expired) first, then the newest. */
    @Query("select a.* from announcements a where " + FOR_READER
            + "order by (a.pinned_until is not null and a.pinned_until > :now) desc, a.published_at desc, a.id desc limit :limit offset :offset")
    List<AnnouncementRow> feed(UUID reader, Collection<String> roles, Collection<UUID> circles, boolean everything, Instant now, int limit, long offset);

    @Query("select count(*) from announcements a where " + FOR_READER)
    long countFeed(UUID reader, Collection<String> roles, Collection<UUID> circles, boolean everything);

    @Query("select a.* from announcements a where a.author_id = :authorId and a.idempotency_key = :key")
    Optional<AnnouncementRow> findByKey(UUID authorId, String key);

    @Query("select * from announcement_comments where announcement_id = :announcementId order by written_at, id")
    List<CommentRow> comments(UUID announcementId);

    @Query("select * from announcement_comments where author_id = :authorId and idempotency_key = :key")
    Optional<CommentRow> findCommentByKey(UUID authorId, String key);

    @Query("insert into announcement_comments (id, announcement_id, author_id, sealed_text, written_at, idempotency_key) "
            + "values (:id, :announcementId, :authorId, :sealedText, :writtenAt, :key)")
    void comment(UUID id, UUID announcementId, UUID authorId, String sealedText, Instant writtenAt, @io.micronaut.core.annotation.Nullable String key);

    @Query("select announcement_id, count(*) from announcement_comments where announcement_id in (:ids) group by announcement_id")
    List<CommentCount> countComments(Collection<UUID> ids);
}
