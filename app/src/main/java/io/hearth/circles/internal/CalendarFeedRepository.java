package io.hearth.circles.internal;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Calendar feeds of the tenant in scope's people: one secret address each, stored as its hash. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface CalendarFeedRepository extends GenericRepository<CalendarFeedRow, UUID> {

    /** Makes his feed, or replaces it: the old address stops working. */
    @Query("insert into calendar_feeds (person_id, token_hash, created_at) values (:personId, :tokenHash, :at) "
            + "on conflict (person_id) do update set token_hash = excluded.token_hash, created_at = excluded.created_at")
    void reset(UUID personId, String tokenHash, Instant at);

    /** The active man whose feed this is. */
    @Query("select f.person_id from calendar_feeds f join people p on p.id = f.person_id where f.token_hash = :tokenHash and p.status = 'ACTIVE'")
    Optional<UUID> findActiveOwner(String tokenHash);
}
