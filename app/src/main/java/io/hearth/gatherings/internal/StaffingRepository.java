package io.hearth.gatherings.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The staff and care teams of the tenant in scope's events, and who is placed in which team. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface StaffingRepository extends CrudRepository<CareTeamRow, UUID> {

    @Query("select * from care_teams where event_id = :eventId order by name, id")
    List<CareTeamRow> findTeamsOfEvent(UUID eventId);

    boolean existsByIdAndEventId(UUID id, UUID eventId);

    boolean existsByEventIdAndStaffId(UUID eventId, UUID staffId);

    /** The confirmed registrations of the event, in order of arrival. */
    @Query("select id, person_id, care_team_id, sponsor_id, keep_with_sponsor from registrations "
            + "where event_id = :eventId and status = 'CONFIRMED' order by arrival")
    List<Placement> findPlacements(UUID eventId);

    @Query("update registrations set care_team_id = :careTeamId where id = :registrationId")
    void place(UUID registrationId, UUID careTeamId);

    /** Places (or, with null, takes out) a confirmed registration of the event; 0 when there is none. */
    @Query("update registrations set care_team_id = :careTeamId where id = :registrationId and event_id = :eventId and status = 'CONFIRMED'")
    int placeConfirmed(UUID eventId, UUID registrationId, @Nullable UUID careTeamId);

    /** Puts him on the staff, or changes his role there. */
    @Query("insert into event_staff (event_id, person_id, role, custom_role, assigned_at) values (:eventId, :personId, :role, :customRole, :at) "
            + "on conflict (event_id, person_id) do update set role = excluded.role, custom_role = excluded.custom_role")
    void assign(UUID eventId, UUID personId, String role, @Nullable String customRole, Instant at);

    /** 0 when he was not on the staff. */
    @Query("delete from event_staff where event_id = :eventId and person_id = :personId")
    int remove(UUID eventId, UUID personId);

    @Query("select person_id from event_staff where event_id = :eventId")
    List<UUID> findStaffIds(UUID eventId);

    /** The events he staffs that end after the given time. */
    @Query("select s.event_id from event_staff s join events e on e.id = s.event_id where s.person_id = :personId and e.ends_at > :after")
    List<UUID> findStaffedBy(UUID personId, Instant after);

    @Query("select count(*) from event_staff where event_id = :eventId")
    long countStaff(UUID eventId);

    @Query("select s.person_id, p.first_name, p.last_name, s.role, s.custom_role, s.assigned_at from event_staff s "
            + "join people p on p.id = s.person_id where s.event_id = :eventId order by s.role, lower(p.last_name), p.id")
    List<StaffLine> findStaffOfEvent(UUID eventId);

    /** The leads of the care teams he is in at events that run between the two instants (a retreat under way). */
    @Query("select distinct ct.staff_id from registrations r join care_teams ct on ct.id = r.care_team_id join events e on e.id = r.event_id "
            + "where r.person_id = :personId and r.status = 'CONFIRMED' and e.ends_at >= :from and e.starts_at <= :to")
    java.util.List<java.util.UUID> careTeamLeadsOf(java.util.UUID personId, java.time.Instant from, java.time.Instant to);
}
