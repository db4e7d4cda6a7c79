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
 * The sealed emergency contacts and medical notes of the tenant in scope's registrations, and who may read them.
 * Every method is a query of its own over registrations; the entity type is nominal.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface SensitiveDataRepository extends GenericRepository<CareTeamRow, UUID> {

    @Query("select exists (select 1 from event_staff where event_id = :eventId and person_id = :personId "
            + "and role in ('LEAD', 'PTM', 'CARE_TEAM_LEAD'))")
    boolean mayRead(UUID eventId, UUID personId);

    @Query("select id, person_id, sealed_emergency_contact, sealed_medical_notes, sensitive_erased_at from registrations "
            + "where id = :registrationId and event_id = :eventId")
    Optional<SealedLine> findOne(UUID eventId, UUID registrationId);

    @Query("select id, person_id, sealed_emergency_contact, sealed_medical_notes, sensitive_erased_at from registrations "
            + "where event_id = :eventId and status in ('CONFIRMED', 'PENDING_PAYMENT', 'OFFERED', 'WAITLISTED') order by id")
    List<SealedLine> findOfEvent(UUID eventId);

    /** Erases what events that ended longer ago than their retention still hold; returns how many registrations. */
    @Query("update registrations r set sealed_emergency_contact = null, sealed_medical_notes = null, sensitive_erased_at = :now "
            + "from events e where e.id = r.event_id and r.sensitive_erased_at is null "
            + "and (r.sealed_emergency_contact is not null or r.sealed_medical_notes is not null) "
            + "and e.ends_at + make_interval(days => e.sensitive_retention_days) <= :now")
    int eraseDue(Instant now);
}
