package io.hearth.gatherings.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The seats of the tenant in scope's events: registrations that hold, wait for or are offered one. Every method is
 * a query of its own over registrations; the entity type is nominal.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface SeatRepository extends GenericRepository<CareTeamRow, UUID> {

    /** The event's terms for its seats. */
    @Query("select status, capacity, offer_hours from events where id = :eventId")
    Optional<SeatTerms> findTerms(UUID eventId);

    /** Locks the event's row: every change to its seats takes this lock first. */
    @Query("select id from events where id = :eventId for update")
    Optional<UUID> lockEvent(UUID eventId);

    /** Everyone but the cancelled and expired. */
    @Query("select id, status, arrival, hold_until, offer_until from registrations where event_id = :eventId "
            + "and status not in ('CANCELLED', 'EXPIRED')")
    List<SeatLine> findSeats(UUID eventId);

    /** Moves a seat; a hold is kept only on the way to EXPIRED, for the record. */
    @Query("update registrations set status = :status, offer_until = :offerUntil, "
            + "hold_until = case when :status = 'EXPIRED' then hold_until else null end, updated_at = :at where id = :registrationId")
    void move(UUID registrationId, String status, @Nullable Instant offerUntil, Instant at);

    /** Events whose holds or offers have run out by now. */
    @Query("select distinct event_id from registrations where (status = 'PENDING_PAYMENT' and hold_until <= :now) "
            + "or (status = 'OFFERED' and offer_until <= :now)")
    List<UUID> findEventsWithDueSeats(Instant now);
}
