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
 * Registrations for the tenant in scope's events, their answers and waiver acceptances. Every method is a query of
 * its own; the entity type is nominal. Open means neither CANCELLED nor EXPIRED.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface RegistrationRepository extends GenericRepository<CareTeamRow, UUID> {

    String LINE = "select r.id, r.event_id, r.person_id, r.status, r.hold_until, r.offer_until, r.price_option, r.sponsor_id, "
            + "r.checked_in_at, r.care_team_id, r.cancel_reason, r.created_at, "
            + "case when r.status = 'WAITLISTED' then (select count(*) from registrations w where w.event_id = r.event_id "
            + "and w.status = 'WAITLISTED' and w.arrival <= r.arrival) end as waitlist_position from registrations r ";

    @Query(LINE + "where r.status = 'PENDING_PAYMENT' and r.hold_until > now() order by r.hold_until limit 200")
    List<RegistrationLine> findHeld();

    @Query(LINE + "where r.id = :id")
    Optional<RegistrationLine> findLine(UUID id);

    @Query(LINE + "where r.event_id = :eventId and (cast(:status as text) is null or r.status = :status) order by r.arrival limit :limit offset :offset")
    List<RegistrationLine> findOfEvent(UUID eventId, @Nullable String status, int limit, long offset);

    @Query("select count(*) from registrations r where r.event_id = :eventId and (cast(:status as text) is null or r.status = :status)")
    long countOfEvent(UUID eventId, @Nullable String status);

    @Query(LINE + "where r.person_id = :personId order by r.created_at desc, r.id limit :limit offset :offset")
    List<RegistrationLine> findOfPerson(UUID personId, int limit, long offset);

    @Query("select count(*) from registrations where person_id = :personId")
    long countOfPerson(UUID personId);

    @Query("select exists (select 1 from registrations where event_id = :eventId and person_id = :personId "
            + "and status not in ('CANCELLED', 'EXPIRED'))")
    boolean hasOpen(UUID eventId, UUID personId);

    @Query("select id from registrations where person_id = :personId and idempotency_key = :idempotencyKey")
    Optional<UUID> findIdByKey(UUID personId, String idempotencyKey);

    /** Which of these men have an open registration for the event, with its idempotency key. */
    @Query("select person_id, idempotency_key from registrations where event_id = :eventId and person_id in (:personIds) "
            + "and status not in ('CANCELLED', 'EXPIRED')")
    List<OpenLine> findOpenAmong(UUID eventId, List<UUID> personIds);

    @Query("insert into registrations (id, event_id, person_id, status, price_option, sponsor_id, keep_with_sponsor, hold_until, "
            + "created_at, updated_at, sealed_emergency_contact, sealed_medical_notes, idempotency_key) values (:id, :eventId, :personId, "
            + ":status, :priceOption, :sponsorId, :keepWithSponsor, :holdUntil, :createdAt, :at, :sealedEmergencyContact, :sealedMedicalNotes, "
            + ":idempotencyKey)")
    void insert(UUID id, UUID eventId, UUID personId, String status, @Nullable String priceOption, @Nullable UUID sponsorId,
                boolean keepWithSponsor, @Nullable Instant holdUntil, Instant createdAt, Instant at, @Nullable String sealedEmergencyContact,
                @Nullable String sealedMedicalNotes, @Nullable String idempotencyKey);

    @Query("insert into registration_answers (registration_id, question_id, answer) values (:registrationId, :questionId, :answer)")
    void answer(UUID registrationId, UUID questionId, String answer);

    @Query("insert into waiver_acceptances (registration_id, waiver_id, accepted_at) values (:registrationId, :waiverId, :at)")
    void accept(UUID registrationId, UUID waiverId, Instant at);

    @Query("update registrations set status = 'CANCELLED', cancelled_at = :at, cancelled_by = :by, cancel_reason = :reason, updated_at = :at "
            + "where id = :id")
    void cancel(UUID id, @Nullable UUID by, String reason, Instant at);

    /** The offered seat is his: confirmed, or held for payment until {@code holdUntil}. */
    @Query("update registrations set status = :status, offer_until = null, hold_until = :holdUntil, updated_at = :at where id = :id")
    void take(UUID id, String status, @Nullable Instant holdUntil, Instant at);

    /** A held seat is paid; 0 when no held seat of the event has this id. */
    @Query("update registrations set status = 'CONFIRMED', hold_until = null, updated_at = :at where id = :id and event_id = :eventId "
            + "and status = 'PENDING_PAYMENT'")
    int confirmPayment(UUID eventId, UUID id, Instant at);

    /** A hold that ran out is paid after all, and a seat is free: the seat is his again. 0 when it is not an expired hold. */
    @Query("update registrations set status = 'CONFIRMED', hold_until = null, updated_at = :at where id = :id and status = 'EXPIRED' "
            + "and hold_until is not null")
    int reinstatePaid(UUID id, Instant at);

    @Query("select q.id as question_id, q.label, a.answer from registration_answers a join event_questions q on q.id = a.question_id "
            + "where a.registration_id = :registrationId order by q.position")
    List<AnswerLine> findAnswers(UUID registrationId);

    @Query("select w.id as waiver_id, w.title, w.version, a.accepted_at from waiver_acceptances a join event_waivers w on w.id = a.waiver_id "
            + "where a.registration_id = :registrationId order by w.title")
    List<AcceptanceLine> findAcceptances(UUID registrationId);

    /** His other open registrations for scheduled events that overlap [startsAt, endsAt). */
    @Query("select e.title, e.starts_at from registrations r join events e on e.id = r.event_id where r.person_id = :personId "
            + "and r.event_id <> :eventId and r.status not in ('CANCELLED', 'EXPIRED') and e.status = 'SCHEDULED' "
            + "and e.starts_at < :endsAt and e.ends_at > :startsAt order by e.starts_at")
    List<OverlapLine> findOverlaps(UUID personId, UUID eventId, Instant startsAt, Instant endsAt);

    /** His open registrations for scheduled events that overlap [from, to). */
    @Query("select e.title, e.starts_at, e.ends_at from registrations r join events e on e.id = r.event_id where r.person_id = :personId "
            + "and r.status not in ('CANCELLED', 'EXPIRED') and e.status = 'SCHEDULED' and e.starts_at < :to and e.ends_at > :from order by e.starts_at")
    List<CommitmentLine> findCommitments(UUID personId, Instant from, Instant to);

    /** The men who are coming or waiting for a seat (not those who cancelled or whose hold ran out). */
    @Query("select distinct person_id from registrations where event_id = :eventId "
            + "and status in ('CONFIRMED', 'PENDING_PAYMENT', 'WAITLISTED', 'OFFERED')")
    java.util.List<java.util.UUID> peopleComing(java.util.UUID eventId);
}
