package io.hearth.notifications.internal;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Men's digest schedules (a man with none gets a daily digest), read in his own time zone. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ScheduleRepository extends GenericRepository<ScheduleRow, UUID> {

    @Query("select * from notification_schedules where person_id = :personId")
    Optional<ScheduleRow> of(UUID personId);

    @Query("select * from notification_schedules where person_id in (:people)")
    List<ScheduleRow> ofMany(Collection<UUID> people);

    @Query("insert into notification_schedules (person_id, digest) values (:personId, :digest) "
            + "on conflict (person_id) do update set digest = excluded.digest")
    void set(UUID personId, String digest);
}
