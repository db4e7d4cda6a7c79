package io.hearth.notifications.internal;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.LocalTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** What men chose per kind and channel, and their quiet hours. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface PreferenceRepository extends GenericRepository<PreferenceRow, UUID> {

    @Query("select * from notification_preferences where person_id = :personId")
    List<PreferenceRow> of(UUID personId);

    /** Many men's choices for one kind, in one query (a notification to a whole organisation). */
    @Query("select * from notification_preferences where kind = :kind and person_id in (:people)")
    List<PreferenceRow> forKind(String kind, Collection<UUID> people);

    @Query("insert into notification_preferences (person_id, kind, channel, level) values (:personId, :kind, :channel, :level) "
            + "on conflict (person_id, kind, channel) do update set level = excluded.level")
    void set(UUID personId, String kind, String channel, String level);

    @Query("select * from quiet_hours where person_id = :personId")
    Optional<QuietHoursRow> quietHours(UUID personId);

    @Query("select * from quiet_hours where person_id in (:people)")
    List<QuietHoursRow> quietHoursOf(Collection<UUID> people);

    @Query("insert into quiet_hours (person_id, starts_at, ends_at) values (:personId, :startsAt, :endsAt) "
            + "on conflict (person_id) do update set starts_at = excluded.starts_at, ends_at = excluded.ends_at")
    void setQuietHours(UUID personId, LocalTime startsAt, LocalTime endsAt);

    @Query("delete from quiet_hours where person_id = :personId")
    void clearQuietHours(UUID personId);
}
