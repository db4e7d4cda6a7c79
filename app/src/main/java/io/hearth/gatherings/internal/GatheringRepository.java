package io.hearth.gatherings.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The tenant in scope's event types (its entity) and events, with their questions, versioned waivers and staff.
 * Price options are JSON (jsonb), question choices a text array written and read as JSON.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface GatheringRepository extends CrudRepository<EventTypeRow, String> {

    /** The events a filter keeps: by type, [from, to), status, a man on the staff, and public ones only. */
    String FILTER = "from events e where (cast(:type as text) is null or e.type_code = :type) "
            + "and (cast(:from as timestamptz) is null or e.ends_at > :from) and (cast(:to as timestamptz) is null or e.starts_at < :to) "
            + "and (cast(:status as text) is null or e.status = :status) "
            + "and (cast(:staffedBy as uuid) is null or exists (select 1 from event_staff s where s.event_id = e.id and s.person_id = :staffedBy)) "
            + "and (not :publicOnly or e.visibility = 'PUBLIC')";

    @Query("select * from event_types order by builtin desc, code")
    List<EventTypeRow> findTypes();

    @Query("insert into events (id, type_code, title, description, starts_at, ends_at, time_zone, venue, capacity, visibility, "
            + "registration_opens_at, registration_closes_at, price_options, hold_minutes, offer_hours, cancellation_cutoff_hours, "
            + "participants_per_staff, sensitive_retention_days, created_by, created_at, updated_at) values (:id, :type, :title, :description, "
            + ":startsAt, :endsAt, :timeZone, :venue, :capacity, :visibility, :registrationOpensAt, :registrationClosesAt, "
            + "cast(:priceOptions as jsonb), :holdMinutes, :offerHours, :cancellationCutoffHours, :participantsPerStaff, "
            + ":sensitiveRetentionDays, :createdBy, :at, :at)")
    void insert(UUID id, String type, String title, String description, Instant startsAt, Instant endsAt, String timeZone, String venue,
                int capacity, String visibility, @Nullable Instant registrationOpensAt, @Nullable Instant registrationClosesAt,
                String priceOptions, int holdMinutes, int offerHours, int cancellationCutoffHours, @Nullable Integer participantsPerStaff,
                int sensitiveRetentionDays, UUID createdBy, Instant at);

    @Query("update events set type_code = :type, title = :title, description = :description, starts_at = :startsAt, ends_at = :endsAt, "
            + "time_zone = :timeZone, venue = :venue, capacity = :capacity, visibility = :visibility, registration_opens_at = :registrationOpensAt, "
            + "registration_closes_at = :registrationClosesAt, price_options = cast(:priceOptions as jsonb), hold_minutes = :holdMinutes, "
            + "offer_hours = :offerHours, cancellation_cutoff_hours = :cancellationCutoffHours, participants_per_staff = :participantsPerStaff, "
            + "sensitive_retention_days = :sensitiveRetentionDays, updated_at = :at where id = :id")
    void change(UUID id, String type, String title, String description, Instant startsAt, Instant endsAt, String timeZone, String venue,
                int capacity, String visibility, @Nullable Instant registrationOpensAt, @Nullable Instant registrationClosesAt,
                String priceOptions, int holdMinutes, int offerHours, int cancellationCutoffHours, @Nullable Integer participantsPerStaff,
                int sensitiveRetentionDays, Instant at);

    @Query("update events set status = 'CANCELLED', cancel_reason = :reason, updated_at = :at where id = :id")
    void cancel(UUID id, String reason, Instant at);

    /** Every open registration of the event ends with it. */
    @Query("update registrations set status = 'CANCELLED', cancelled_at = :at, cancelled_by = :by, cancel_reason = :reason, updated_at = :at "
            + "where event_id = :eventId and status not in ('CANCELLED', 'EXPIRED')")
    void cancelRegistrations(UUID eventId, UUID by, String reason, Instant at);

    @Query("select exists (select 1 from registrations where event_id = :eventId)")
    boolean hasRegistrations(UUID eventId);

    @Query("insert into event_staff (event_id, person_id, role) values (:eventId, :personId, 'LEAD')")
    void addLead(UUID eventId, UUID personId);

    @Query("select exists (select 1 from event_staff where event_id = :eventId and person_id = :personId)")
    boolean isStaff(UUID eventId, UUID personId);

    @Query("delete from event_questions where event_id = :eventId")
    void removeQuestions(UUID eventId);

    @Query("insert into event_questions (id, event_id, position, kind, label, required, choices) values (:id, :eventId, :position, :kind, "
            + ":label, :required, array(select jsonb_array_elements_text(cast(:choices as jsonb))))")
    void addQuestion(UUID id, UUID eventId, int position, String kind, String label, boolean required, String choices);

    @Query("select coalesce(max(version), 0) + 1 from event_waivers where event_id = :eventId")
    int nextWaiverVersion(UUID eventId);

    @Query("insert into event_waivers (id, event_id, version, title, body, created_at) values (:id, :eventId, :version, :title, :body, :at)")
    void addWaiver(UUID id, UUID eventId, int version, String title, String body, Instant at);

    @Query("select e.id, e.type_code, e.title, e.description, e.starts_at, e.ends_at, e.time_zone, e.venue, e.capacity, e.visibility, "
            + "e.registration_opens_at, e.registration_closes_at, cast(e.price_options as text) as price_options, e.hold_minutes, e.offer_hours, "
            + "e.cancellation_cutoff_hours, e.participants_per_staff, e.sensitive_retention_days, e.status, e.cancel_reason, "
            + "(select count(*) from registrations r where r.event_id = e.id and r.status = 'CONFIRMED') as confirmed, "
            + "(select count(*) from registrations r where r.event_id = e.id and r.status = 'PENDING_PAYMENT') as held, "
            + "(select count(*) from registrations r where r.event_id = e.id and r.status = 'OFFERED') as offered, "
            + "(select count(*) from registrations r where r.event_id = e.id and r.status = 'WAITLISTED') as waitlisted "
            + "from events e where e.id in (:ids)")
    List<EventLine> findLines(Collection<UUID> ids);

    @Query("select event_id, id, kind, label, required, cast(array_to_json(choices) as text) as choices from event_questions "
            + "where event_id in (:eventIds) order by event_id, position")
    List<QuestionLine> findQuestions(Collection<UUID> eventIds);

    /** The current version of each waiver title. */
    @Query("select distinct on (event_id, title) event_id, id, version, title, body from event_waivers where event_id in (:eventIds) "
            + "order by event_id, title, version desc")
    List<WaiverLine> findWaivers(Collection<UUID> eventIds);

    @Query("select e.id " + FILTER + " order by e.starts_at, e.id limit :limit offset :offset")
    List<UUID> findIds(@Nullable String type, @Nullable Instant from, @Nullable Instant to, @Nullable String status,
                       @Nullable UUID staffedBy, boolean publicOnly, int limit, long offset);

    @Query("select count(*) " + FILTER)
    long countFiltered(@Nullable String type, @Nullable Instant from, @Nullable Instant to, @Nullable String status, @Nullable UUID staffedBy,
               boolean publicOnly);

    /** Locks the event's row for the rest of the transaction: its seats cannot change under us. */
    @Query("select id from events where id = :id for update")
    Optional<UUID> lock(UUID id);

    /** The events he holds or is offered a seat at, or staffs, that overlap [from, to). */
    @Query("select e.id from registrations r join events e on e.id = r.event_id where r.person_id = :personId "
            + "and r.status in ('CONFIRMED', 'PENDING_PAYMENT', 'OFFERED') and e.ends_at > :from and e.starts_at < :to "
            + "union select s.event_id from event_staff s join events e on e.id = s.event_id where s.person_id = :personId "
            + "and e.ends_at > :from and e.starts_at < :to")
    List<UUID> findIdsOf(UUID personId, Instant from, Instant to);
}
