package io.hearth.notifications.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
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

    @Query("update notifications set acknowledged_at = :at, read_at = coalesce(read_at, :at) where id = :id and person_id = :personId "
            + "and acknowledged_at is null")
    long acknowledge(UUID id, UUID personId, Instant at);
}
