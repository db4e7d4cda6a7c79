package io.hearth.notifications.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** The devices that allowed notifications (Web Push subscriptions), by endpoint. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface DeviceRepository extends GenericRepository<DeviceRow, String> {

    /** A device subscribed again (or by another man signing in on it) takes the newest keys and owner. */
    @Query("insert into push_subscriptions (endpoint, person_id, p256dh, auth, previews, user_agent, created_at, last_seen_at) "
            + "values (:endpoint, :personId, :p256dh, :auth, :previews, :userAgent, :at, :at) on conflict (endpoint) do update set "
            + "person_id = excluded.person_id, p256dh = excluded.p256dh, auth = excluded.auth, previews = excluded.previews, "
            + "user_agent = excluded.user_agent, last_seen_at = excluded.last_seen_at")
    void save(String endpoint, UUID personId, String p256dh, String auth, boolean previews, @Nullable String userAgent, Instant at);

    @Query("select * from push_subscriptions where person_id = :personId order by last_seen_at desc")
    List<DeviceRow> of(UUID personId);

    @Query("select * from push_subscriptions where person_id in (:people)")
    List<DeviceRow> ofAll(Collection<UUID> people);

    @Query("delete from push_subscriptions where endpoint = :endpoint and person_id = :personId")
    long remove(String endpoint, UUID personId);

    @Query("delete from push_subscriptions where endpoint = :endpoint")
    long gone(String endpoint);

    @Query("delete from push_subscriptions where last_seen_at < :before")
    long unseenSince(Instant before);
}
