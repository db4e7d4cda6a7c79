package io.hearth.notifications.internal;

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

/** A man's notification centre: what was shown in the app to him, newest first. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface NotificationRepository extends GenericRepository<NotificationRow, UUID> {

    @Query("select * from notifications where person_id = :personId and in_app and (not :unread or read_at is null) "
            + "and (cast(:before as timestamptz) is null or created_at < :before) order by created_at desc, id desc limit :limit")
    List<NotificationRow> page(UUID personId, boolean unread, @Nullable Instant before, int limit);

    @Query("select count(*) from notifications where person_id = :personId and in_app and read_at is null")
    long unread(UUID personId);

    @Query("select * from notifications where id = :id and person_id = :personId and in_app")
    Optional<NotificationRow> find(UUID id, UUID personId);

    @Query("update notifications set read_at = :at where id = :id and person_id = :personId and in_app and read_at is null")
    long read(UUID id, UUID personId, Instant at);

    @Query("update notifications set read_at = :at where person_id = :personId and in_app and read_at is null")
    long readAll(UUID personId, Instant at);

    @Query("update notifications set acknowledged_at = :at, read_at = coalesce(read_at, :at), next_step_at = null where id = :id "
            + "and person_id = :personId and acknowledged_at is null")
    long acknowledge(UUID id, UUID personId, Instant at);

    /** Must-reach notifications due to climb, locked so that another instance skips them. */
    @Query("select * from notifications where next_step_at <= :now and acknowledged_at is null order by next_step_at, id limit :limit "
            + "for update skip locked")
    List<NotificationRow> dueToClimb(Instant now, int limit);

    @Query("update notifications set step = :step, next_step_at = :nextStepAt, tried = :tried where id = :id")
    void climbed(UUID id, int step, @Nullable Instant nextStepAt, String tried);

    /** Everyone told from one source (a must-reach message, a reach-out), for its sender. */
    @Query("select * from notifications where source = :source order by person_id")
    List<NotificationRow> ofSource(String source);

    /** Someone took it: the ladder stops for everyone told from this source. */
    @Query("update notifications set next_step_at = null where source = :source")
    void stopClimbing(String source);

    /** His notification from this source, if any. */
    @Query("select * from notifications where source = :source and person_id = :personId")
    Optional<NotificationRow> fromSource(String source, UUID personId);

    /** Pushes held back by quiet hours, to go as one summary when they end (never called with none). */
    @Query("update notifications set held_push = true where id in (:ids)")
    void holdPushes(Collection<UUID> ids);

    /** Texts held back by quiet hours, as pushes are. */
    @Query("update notifications set held_text = true where id in (:ids)")
    void holdTexts(Collection<UUID> ids);

    /** Who has something held back by quiet hours. */
    @Query("select distinct person_id from notifications where held_push or held_text")
    List<UUID> withHeld();

    /** What was held back for him, locked so that another instance skips it. */
    @Query("select * from notifications where person_id = :personId and (held_push or held_text) order by created_at for update skip locked")
    List<NotificationRow> heldFor(UUID personId);

    @Query("update notifications set held_push = false, held_text = false where id in (:ids)")
    void released(Collection<UUID> ids);

    /** Who has notifications waiting for a digest. */
    @Query("select distinct person_id from notifications where for_digest")
    List<UUID> withDigest();

    /** What waits for his digest, gathered before the digest's time, locked so that another instance skips it. */
    @Query("select * from notifications where person_id = :personId and for_digest and created_at < :before order by created_at "
            + "limit :limit for update skip locked")
    List<NotificationRow> digestFor(UUID personId, Instant before, int limit);

    @Query("update notifications set for_digest = false where id in (:ids)")
    void digested(Collection<UUID> ids);
}
