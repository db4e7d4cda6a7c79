package io.hearth.notifications.internal;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** The circles men muted. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface MuteRepository extends GenericRepository<MuteRow, UUID> {

    @Query("select * from circle_mutes where person_id = :personId order by muted_at")
    List<MuteRow> of(UUID personId);

    /** Which of these men muted this circle, in one query (a circle's whole chat). */
    @Query("select person_id from circle_mutes where circle_id = :circleId and person_id in (:people)")
    List<UUID> mutedAmong(UUID circleId, Collection<UUID> people);

    @Query("insert into circle_mutes (person_id, circle_id, muted_at) values (:personId, :circleId, :at) on conflict do nothing")
    void mute(UUID personId, UUID circleId, Instant at);

    @Query("delete from circle_mutes where person_id = :personId and circle_id = :circleId")
    void unmute(UUID personId, UUID circleId);
}
