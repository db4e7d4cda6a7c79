package io.hearth.gatherings;

import io.hearth.ErrorCode;
import io.hearth.circles.Meetings;
import io.hearth.identity.Caller;
import io.hearth.kit.CommonCode;
import io.hearth.kit.Refusal;
import io.hearth.kit.SqlFailures;
import io.hearth.kit.outbox.Outbox;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantScope;
import io.hearth.tenancy.TenantSql;
import io.hearth.web.Paged;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Registrations: seats while they last, then the waiting list; holds for paid events; accepting an offered seat;
 * cancellation (with {@link Seats} for what frees and moves, {@link SensitiveData} for emergency contacts and medical
 * notes, {@link Referrals} for who brought whom). Every change locks the event's row and applies {@link Settlement} before it
 * commits, so promotion happens inside the change that freed the seat and the capacity is never exceeded.
 */
@Singleton
public class Registrations {

    private static final Set<String> RETREATS = Set.of("DAY_RETREAT", "MULTI_DAY_RETREAT");

    private final TenantSql sql;
    private final Events events;
    private final Seats seats;
    private final SensitiveData sensitiveData;
    private final Outbox outbox;
    private final Meetings meetings;
    private final Clock clock;

    public Registrations(TenantSql sql, Events events, Seats seats, SensitiveData sensitiveData, Outbox outbox, Meetings meetings, Clock clock) {
        this.sql = sql;
        this.events = events;
        this.seats = seats;
        this.sensitiveData = sensitiveData;
        this.outbox = outbox;
        this.meetings = meetings;
        this.clock = clock;
    }

    /** What a man gives when he registers. */
    public record Application(@Nullable String priceOption, @Nullable UUID sponsorId, boolean keepWithSponsor, Map<UUID, String> answers,
                              List<UUID> acceptedWaivers, @Nullable String emergencyContact, @Nullable String medicalNotes) {
    }

    @Serdeable
    public record RegistrationView(UUID id, UUID eventId, UUID personId, Settlement.Status status, @Nullable Integer waitlistPosition,
                                   @Nullable Instant holdUntil, @Nullable Instant offerUntil, @Nullable String priceOption,
                                   @Nullable UUID sponsorId, @Nullable Instant checkedInAt, @Nullable UUID careTeamId,
                                   @Nullable String cancelReason, Instant createdAt, List<String> warnings) {
        RegistrationView withWarnings(List<String> more) {
            return new RegistrationView(id, eventId, personId, status, waitlistPosition, holdUntil, offerUntil, priceOption, sponsorId,
                    checkedInAt, careTeamId, cancelReason, createdAt, more);
        }
    }

    @Serdeable
    public record Sensitive(UUID registrationId, UUID personId, @Nullable String emergencyContact, @Nullable String medicalNotes,
                            @Nullable Instant erasedAt) {
    }

    public RegistrationView register(UUID eventId, Application application) {
        Caller caller = Caller.require();
        Instant now = clock.instant();
        RegistrationView registered = sql.write(db -> {
            EventView event = events.lock(db, eventId);
            Events.requireScheduled(event);
            if ((event.registrationOpensAt() != null && now.isBefore(event.registrationOpensAt()))
                    || (event.registrationClosesAt() != null && !now.isBefore(event.registrationClosesAt())) || !now.isBefore(event.startsAt())) {
                throw new Refusal(Refusal.Kind.CONFLICT, ErrorCode.REGISTRATION_CLOSED, "Registration for this event is not open");
            }
            if (db.count("select count(*) from registrations where event_id = ? and person_id = ? and status not in ('CANCELLED', 'EXPIRED')",
                    eventId, caller.person()) > 0) {
                throw new Refusal(Refusal.Kind.CONFLICT, ErrorCode.ALREADY_REGISTERED, "You are registered for this event already");
            }
            check(db, event, application, caller);
            seats.settle(db, eventId);
            Settlement.Status status = Settlement.arrive(event.capacity(), seats.of(eventId), event.paid());
            UUID id = UUID.randomUUID();
            Tenant tenant = TenantScope.require();
            try {
                db.update("insert into registrations (id, event_id, person_id, status, price_option, sponsor_id, keep_with_sponsor, hold_until, "
                                + "created_at, updated_at, sealed_emergency_contact, sealed_medical_notes) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        id, eventId, caller.person(), status, application.priceOption(), application.sponsorId(), application.keepWithSponsor(),
                        status == Settlement.Status.PENDING_PAYMENT ? now.plus(Duration.ofMinutes(event.holdMinutes())) : null, now, now,
                        sensitiveData.seal(application.emergencyContact(), tenant, id, "emergency"), sensitiveData.seal(application.medicalNotes(), tenant, id, "medical"));
            } catch (DataAccessException e) {
                if (!SqlFailures.isUniqueViolation(e)) {
                    throw e;
                }
                throw new Refusal(Refusal.Kind.CONFLICT, ErrorCode.ALREADY_REGISTERED, "You are registered for this event already");
            }
            for (Map.Entry<UUID, String> answer : application.answers().entrySet()) {
                db.update("insert into registration_answers (registration_id, question_id, answer) values (?, ?, ?)", id, answer.getKey(), answer.getValue());
            }
            for (UUID waiver : application.acceptedWaivers()) {
                db.update("insert into waiver_acceptances (registration_id, waiver_id, accepted_at) values (?, ?, ?)", id, waiver, now);
            }
            outbox.publish(switch (status) {
                case CONFIRMED -> new GatheringEvent.RegistrationConfirmed(tenant.id(), eventId, id, caller.person(), application.sponsorId(), null, null, null);
                case PENDING_PAYMENT -> new GatheringEvent.RegistrationHeld(tenant.id(), eventId, id, caller.person(), application.sponsorId(), null);
                default -> new GatheringEvent.RegistrationWaitlisted(tenant.id(), eventId, id, caller.person(), application.sponsorId());
            });
            return registration(db, id).orElseThrow();
        });
        return registered.withWarnings(conflicts(eventId, caller.person()));
    }

    /** Cancels: the man himself until the cutoff, the event's PTMs and admins at any time with a reason. */
    public RegistrationView cancel(UUID eventId, UUID registrationId, @Nullable String reason) {
        Caller caller = Caller.require();
        return sql.write(db -> {
            EventView event = events.lock(db, eventId);
            RegistrationView registration = registration(db, registrationId).filter(r -> r.eventId().equals(eventId))
                    .orElseThrow(() -> Refusal.notFound("No such registration for this event"));
            boolean own = registration.personId().equals(caller.person());
            boolean manager = Events.manages(db, eventId, caller);
            if (!own && !manager) {
                throw Refusal.notFound("No such registration for this event");
            }
            if (registration.status() == Settlement.Status.CANCELLED || registration.status() == Settlement.Status.EXPIRED) {
                return registration;
            }
            Instant now = clock.instant();
            if (!manager && !now.isBefore(event.startsAt().minus(Duration.ofHours(event.cancellationCutoffHours())))) {
                throw new Refusal(Refusal.Kind.CONFLICT, ErrorCode.CANCELLATION_CLOSED,
                        "Cancelling yourself closed " + event.cancellationCutoffHours() + " hours before the start: ask the event's staff");
            }
            if (!own && (reason == null || reason.isBlank())) {
                throw Refusal.invalid("reason", "is required when staff cancel someone's registration");
            }
            db.update("update registrations set status = 'CANCELLED', cancelled_at = ?, cancelled_by = ?, cancel_reason = ?, updated_at = ? where id = ?",
                    now, caller.person(), reason == null ? "" : reason, now, registrationId);
            outbox.publish(new GatheringEvent.RegistrationCancelled(TenantScope.requireId(), eventId, registrationId, registration.personId(), caller.person(), reason == null ? "" : reason));
            seats.settle(db, eventId);
            return registration(db, registrationId).orElseThrow();
        });
    }

    /** The man takes the seat offered to him: confirmed, or held for payment on a paid event. */
    public RegistrationView acceptOffer(UUID eventId, UUID registrationId) {
        Caller caller = Caller.require();
        return sql.write(db -> {
            EventView event = events.lock(db, eventId);
            seats.settle(db, eventId);
            RegistrationView registration = registration(db, registrationId)
                    .filter(r -> r.eventId().equals(eventId) && r.personId().equals(caller.person()))
                    .orElseThrow(() -> Refusal.notFound("No such registration of yours"));
            if (registration.status() != Settlement.Status.OFFERED) {
                throw Refusal.conflict("There is no seat on offer to you (the registration is " + registration.status() + ")");
            }
            Instant now = clock.instant();
            Settlement.Status next = event.paid() ? Settlement.Status.PENDING_PAYMENT : Settlement.Status.CONFIRMED;
            db.update("update registrations set status = ?, offer_until = null, hold_until = ?, updated_at = ? where id = ?",
                    next, event.paid() ? now.plus(Duration.ofMinutes(event.holdMinutes())) : null, now, registrationId);
            outbox.publish(event.paid()
                    ? new GatheringEvent.RegistrationHeld(TenantScope.requireId(), eventId, registrationId, caller.person(), null, true)
                    : new GatheringEvent.RegistrationConfirmed(TenantScope.requireId(), eventId, registrationId, caller.person(), null, true, null, null));
            return registration(db, registrationId).orElseThrow();
        });
    }

    /** Marks a held seat paid (by hand until payments exist). */
    public RegistrationView confirmPayment(UUID eventId, UUID registrationId) {
        Caller caller = Caller.require();
        return sql.write(db -> {
            events.lockForManagement(db, eventId, caller);
            seats.settle(db, eventId);
            if (db.update("update registrations set status = 'CONFIRMED', hold_until = null, updated_at = ? where id = ? and event_id = ? "
                    + "and status = 'PENDING_PAYMENT'", clock.instant(), registrationId, eventId) == 0) {
                throw Refusal.conflict("No held seat with this id waits for payment");
            }
            outbox.publish(new GatheringEvent.RegistrationConfirmed(TenantScope.requireId(), eventId, registrationId, null, null, null, true, caller.person()));
            return registration(db, registrationId).orElseThrow();
        });
    }

    /** The event's registrations in order of arrival (its PTMs and admins). Holds and offers that ran out are settled first. */
    public Paged<RegistrationView> list(UUID eventId, @Nullable Settlement.Status status, int page, int size) {
        Caller caller = Caller.require();
        return sql.write(db -> {
            EventView event = events.lock(db, eventId);
            events.requireManager(db, event, caller);
            seats.settle(db, eventId);
            String where = " from registrations r where r.event_id = ? and (cast(? as text) is null or r.status = ?)";
            return new Paged<>(db.list(SELECT + where.substring(" from registrations r".length()) + " order by r.arrival limit ? offset ?",
                    Registrations::registration, eventId, status, status, size, (long) page * size), page, size,
                    db.count("select count(*)" + where, eventId, status, status));
        });
    }

    /** One registration: its man, or the event's PTMs and admins. */
    public RegistrationView get(UUID eventId, UUID registrationId) {
        Caller caller = Caller.require();
        return sql.write(db -> {
            events.lock(db, eventId);
            seats.settle(db, eventId);
            RegistrationView registration = registration(db, registrationId).filter(r -> r.eventId().equals(eventId))
                    .orElseThrow(() -> Refusal.notFound("No such registration for this event"));
            if (!registration.personId().equals(caller.person()) && !Events.manages(db, eventId, caller)) {
                throw Refusal.notFound("No such registration for this event");
            }
            return registration;
        });
    }

    @Serdeable
    public record Answers(UUID registrationId, List<Answer> answers, List<Acceptance> waivers) {
    }

    @Serdeable
    public record Answer(UUID questionId, String label, String answer) {
    }

    @Serdeable
    public record Acceptance(UUID waiverId, String title, int version, Instant acceptedAt) {
    }

    /** What he answered and which waiver versions he accepted, when: his own, or for the event's PTMs and admins. */
    public Answers answers(UUID eventId, UUID registrationId) {
        Caller caller = Caller.require();
        return sql.read(db -> {
            RegistrationView registration = registration(db, registrationId).filter(r -> r.eventId().equals(eventId))
                    .filter(r -> r.personId().equals(caller.person()) || Events.manages(db, eventId, caller))
                    .orElseThrow(() -> Refusal.notFound("No such registration for this event"));
            return new Answers(registration.id(),
                    db.list("select q.id, q.label, a.answer from registration_answers a join event_questions q on q.id = a.question_id "
                            + "where a.registration_id = ? order by q.position", rs -> new Answer(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)),
                            registrationId),
                    db.list("select w.id, w.title, w.version, a.accepted_at from waiver_acceptances a join event_waivers w on w.id = a.waiver_id "
                            + "where a.registration_id = ? order by w.title", rs -> new Acceptance(rs.getObject(1, UUID.class), rs.getString(2), rs.getInt(3),
                            TenantSql.instant(rs, "accepted_at")), registrationId));
        });
    }

    public Paged<RegistrationView> mine(int page, int size) {
        Caller caller = Caller.require();
        return sql.read(db -> new Paged<>(db.list(SELECT + " where r.person_id = ? order by r.created_at desc, r.id limit ? offset ?",
                Registrations::registration, caller.person(), size, (long) page * size), page, size,
                db.count("select count(*) from registrations where person_id = ?", caller.person())));
    }

    @Serdeable
    public record Referral(UUID personId, String firstName, String lastName, long referrals) {
    }

    private void check(TenantSql.Sql db, EventView event, Application application, Caller caller) {
        List<Refusal.FieldError> errors = new ArrayList<>();
        if (event.paid()) {
            if (application.priceOption() == null || event.priceOptions().stream().noneMatch(o -> o.code().equals(application.priceOption()))) {
                errors.add(new Refusal.FieldError("priceOption", "must be one of " + event.priceOptions().stream().map(EventView.PriceOption::code).toList()));
            }
        } else if (application.priceOption() != null && event.priceOptions().stream().noneMatch(o -> o.code().equals(application.priceOption()))) {
            errors.add(new Refusal.FieldError("priceOption", "is not a price option of this event"));
        }
        errors.addAll(Questions.check(event.questions().stream().map(q -> new Questions.Question(q.id(), q.kind(), q.label(), q.required(), q.choices())).toList(),
                application.answers()));
        Set<UUID> accepted = new HashSet<>(application.acceptedWaivers());
        for (EventView.WaiverView waiver : event.waivers()) {
            if (!accepted.remove(waiver.id())) {
                errors.add(new Refusal.FieldError("acceptedWaivers", "must include " + waiver.id() + " (" + waiver.title() + ", version " + waiver.version() + ")"));
            }
        }
        if (!accepted.isEmpty()) {
            errors.add(new Refusal.FieldError("acceptedWaivers", "names waivers that are not this event's current ones"));
        }
        if (application.sponsorId() != null) {
            if (application.sponsorId().equals(caller.person())) {
                errors.add(new Refusal.FieldError("sponsorId", "cannot be yourself"));
            } else if (db.count("select count(*) from people where id = ? and status = 'ACTIVE'", application.sponsorId()) == 0) {
                errors.add(new Refusal.FieldError("sponsorId", "is not an active member of this organisation"));
            }
        }
        if (RETREATS.contains(event.type()) && (application.emergencyContact() == null || application.emergencyContact().isBlank())) {
            errors.add(new Refusal.FieldError("emergencyContact", "is required for a retreat"));
        }
        if (!errors.isEmpty()) {
            throw new Refusal(Refusal.Kind.INVALID, CommonCode.VALIDATION_ERROR, "The request has invalid fields", errors);
        }
    }

    /** Warnings, not refusals: his other registrations and his circle's meetings that overlap this event. */
    private List<String> conflicts(UUID eventId, UUID person) {
        EventView event = sql.read(db -> events.load(db, eventId).orElseThrow());
        List<String> warnings = new ArrayList<>(sql.read(db -> db.list("select e.title, e.starts_at from registrations r join events e on e.id = r.event_id "
                        + "where r.person_id = ? and r.event_id <> ? and r.status not in ('CANCELLED', 'EXPIRED') and e.status = 'SCHEDULED' "
                        + "and e.starts_at < ? and e.ends_at > ? order by e.starts_at",
                rs -> "Overlaps your registration for " + rs.getString(1) + " starting " + TenantSql.instant(rs, "starts_at"),
                person, eventId, event.endsAt(), event.startsAt())));
        for (Meetings.Scheduled meeting : meetings.meetingsOf(person, event.startsAt(), event.endsAt())) {
            warnings.add("Overlaps your circle " + meeting.circleName() + " meeting at " + meeting.start());
        }
        return warnings;
    }

    static final String SELECT = "select r.id, r.event_id, r.person_id, r.status, r.hold_until, r.offer_until, r.price_option, r.sponsor_id, "
            + "r.checked_in_at, r.care_team_id, r.cancel_reason, r.created_at, "
            + "case when r.status = 'WAITLISTED' then (select count(*) from registrations w where w.event_id = r.event_id "
            + "and w.status = 'WAITLISTED' and w.arrival <= r.arrival) end as position from registrations r";

    static Optional<RegistrationView> registration(TenantSql.Sql db, UUID id) {
        return db.one(SELECT + " where r.id = ?", Registrations::registration, id);
    }

    static RegistrationView registration(ResultSet rs) throws SQLException {
        long position = rs.getLong("position");
        Integer waitlistPosition = rs.wasNull() ? null : (int) position;
        return new RegistrationView(rs.getObject("id", UUID.class), rs.getObject("event_id", UUID.class), rs.getObject("person_id", UUID.class),
                Settlement.Status.valueOf(rs.getString("status")), waitlistPosition, TenantSql.instant(rs, "hold_until"),
                TenantSql.instant(rs, "offer_until"), rs.getString("price_option"), rs.getObject("sponsor_id", UUID.class),
                TenantSql.instant(rs, "checked_in_at"), rs.getObject("care_team_id", UUID.class), rs.getString("cancel_reason"),
                TenantSql.instant(rs, "created_at"), List.of());
    }
}
