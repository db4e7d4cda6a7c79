package io.hearth.gatherings.internal;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Check-in at the tenant in scope's events: who is there, and who is expected. Every method is a query of its
 * own over registrations; the entity type is nominal.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface CheckInRepository extends GenericRepository<CareTeamRow, UUID> {

    /** Checks him in once: 0 when he was checked in already. */
    @Query("update registrations set checked_in_at = :at where id = :registrationId and checked_in_at is null")
    int checkIn(UUID registrationId, Instant at);

    @Query("select r.id, r.person_id, p.first_name, p.last_name, r.checked_in_at from registrations r "
            + "join people p on p.id = r.person_id where r.id = :registrationId")
    Optional<Attendee> findAttendee(UUID registrationId);

    @Query("select r.id, r.person_id, p.first_name, p.last_name, r.checked_in_at from registrations r "
            + "join people p on p.id = r.person_id where r.event_id = :eventId and r.checked_in_at is not null order by r.checked_in_at")
    List<Attendee> findCheckedIn(UUID eventId);

    @Query("select r.id, r.person_id, p.first_name, p.last_name, r.status, r.checked_in_at, r.care_team_id from registrations r "
            + "join people p on p.id = r.person_id where r.event_id = :eventId and r.status in ('CONFIRMED', 'PENDING_PAYMENT', 'OFFERED', 'WAITLISTED') "
            + "order by p.last_name, p.first_name, r.id")
    List<RosterLine> findRoster(UUID eventId);
}
