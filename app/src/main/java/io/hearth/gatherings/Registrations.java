package io.hearth.gatherings;

import io.hearth.ErrorCode;
import io.hearth.circles.Meetings;
import io.hearth.gatherings.internal.RegistrationLine;
import io.hearth.gatherings.internal.RegistrationRepository;
import io.hearth.identity.Caller;
import io.hearth.identity.People;
import io.hearth.kit.CommonCode;
import io.hearth.kit.Refusal;
import io.hearth.kit.SqlFailures;
import io.hearth.kit.outbox.Outbox;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import io.hearth.tenancy.TenantId;
import io.hearth.web.Paged;
import io.micronaut.context.BeanProvider;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.inject.Singleton;

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
 * notes, {@link Referrals} for who brought whom). Every change locks the event's row and applies {@link SeatRules} before it
 * commits, so promotion happens inside the change that freed the seat and the capacity is never exceeded.
 */
@TenantBound
@Singleton
public class Registrations {

    private static final Set<String> RETREATS = Set.of("DAY_RETREAT", "MULTI_DAY_RETREAT");

    private final RegistrationRepository registrations;
    private final People people;
    private final Gatherings events;
    private final Seats seats;
    private final SensitiveData sensitiveData;
    private final Outbox outbox;
    private final Meetings meetings;
    private final SeatQueue queue;
    private final BeanProvider<Registrations> self;
    private final Clock clock;

    public Registrations(RegistrationRepository registrations, People people, Gatherings events, Seats seats, SensitiveData sensitiveData,
                         Outbox outbox, Meetings meetings, SeatQueue queue, BeanProvider<Registrations> self, Clock clock) {
        this.registrations = registrations;
        this.people = people;
        this.events = events;
        this.seats = seats;
        this.sensitiveData = sensitiveData;
        this.outbox = outbox;
        this.meetings = meetings;
        this.queue = queue;
        this.self = self;
        this.clock = clock;
    }

    /** What a man gives when he registers. */
    public record Application(@Nullable String priceOption, @Nullable UUID sponsorId, boolean keepWithSponsor, Map<UUID, String> answers,
                              List<UUID> acceptedWaivers, @Nullable String emergencyContact, @Nullable String medicalNotes,
                              @Nullable Integer instalments) {
    }

    @Schema(name = "SensitiveDetails")
    @Serdeable
    public record Sensitive(UUID registrationId, UUID personId, @Nullable String emergencyContact, @Nullable String medicalNotes,
                            @Nullable Instant erasedAt) {
    }

    /**
     * Registers; with an idempotency key, the same key answers the registration it made the first time. He is checked
     * against the event as it is now, then queued for his seat ({@link SeatQueue}): the men who queue together are
     * seated in one change, in the order they came. If the event's terms changed before his turn, he is checked again.
     */
    public RegistrationView register(Caller caller, UUID eventId, Application application, @Nullable String idempotencyKey) {
        for (int attempt = 1; ; attempt++) {
            if (idempotencyKey != null) {
                Optional<RegistrationView> earlier = self.get().madeWithKey(caller, idempotencyKey);
                if (earlier.isPresent()) {
                    if (!earlier.get().eventId().equals(eventId)) {
                        throw Refusal.conflict("This Idempotency-Key was used for a registration for another event");
                    }
                    return earlier.get();
                }
            }
            Prepared prepared = self.get().prepare(eventId, application, caller, idempotencyKey);
            SeatBatches.Outcome outcome;
            try {
                outcome = queue.take(caller.tenant(), eventId, prepared.arrival());
            } catch (DataAccessException e) {
                // Only a race on the idempotency key gets here (the event's lock rules out two open registrations):
                // the same key for another event at the same moment. Coming again answers it.
                if (!SqlFailures.isUniqueViolation(e)) {
                    throw e;
                }
                outcome = null;
            }
            if (outcome != null && outcome.kind() == SeatBatches.Outcome.Kind.REFUSED) {
                throw outcome.refusal();
            }
            if (outcome != null && outcome.kind() == SeatBatches.Outcome.Kind.REGISTERED) {
                UUID id = prepared.arrival().id();
                return self.get().registered(caller, id, prepared.event());
            }
            if (attempt == 3) {
                throw Refusal.conflict("The event changed while you registered: look at it again and register again");
            }
        }
    }

    record Prepared(EventView event, SeatBatches.Arrival arrival) {
    }

    /** The registration he made with this key, if any (a step of {@link #register}, read in one transaction). */
    @Transactional(readOnly = true)
    Optional<RegistrationView> madeWithKey(Caller caller, String idempotencyKey) {
        return registrations.findIdByKey(caller.person(), idempotencyKey).flatMap(this::registration);
    }

    /** His registration as seated, with the warnings of his other commitments (a step of {@link #register}). */
    @Transactional(readOnly = true)
    RegistrationView registered(Caller caller, UUID id, EventView event) {
        return registration(id).orElseThrow().withWarnings(conflicts(event, caller.person()));
    }

    /**
     * Checks his registration against the event as it is now, and seals what must be sealed (a step of
     * {@link #register}, read in one transaction).
     */
    @Transactional(readOnly = true)
    Prepared prepare(UUID eventId, Application application, Caller caller, @Nullable String idempotencyKey) {
        EventView event = events.load(eventId).orElseThrow(() -> Refusal.notFound("No event with this id"));
        SeatBatches.requireOpen(event, clock.instant());
        check(event, application, caller);
        UUID id = UUID.randomUUID();
        Tenant tenant = caller.tenant();
        return new Prepared(event, new SeatBatches.Arrival(id, caller.person(), SeatBatches.Terms.of(event), application.priceOption(),
                application.sponsorId(), application.keepWithSponsor(), application.answers(), application.acceptedWaivers(),
                sensitiveData.seal(application.emergencyContact(), tenant, id, "emergency"),
                sensitiveData.seal(application.medicalNotes(), tenant, id, "medical"), idempotencyKey, null));
    }

    /** Cancels: the man himself until the cutoff, the event's PTMs and admins at any time with a reason. */
    @Transactional
    public RegistrationView cancel(Caller caller, UUID eventId, UUID registrationId, @Nullable String reason) {
        EventView event = events.lock(eventId);
        RegistrationView registration = registration(registrationId).filter(r -> r.eventId().equals(eventId))
                .orElseThrow(() -> Refusal.notFound("No such registration for this event"));
        boolean own = registration.personId().equals(caller.person());
        boolean manager = events.manages(eventId, caller);
        if (!own && !manager) {
            throw Refusal.notFound("No such registration for this event");
        }
        if (registration.status() == SeatRules.Status.CANCELLED || registration.status() == SeatRules.Status.EXPIRED) {
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
        registrations.cancel(registrationId, caller.person(), reason == null ? "" : reason, now);
        outbox.publish(new GatheringEvent.RegistrationCancelled(caller.tenant().id(), eventId, registrationId, registration.personId(), caller.person(), reason == null ? "" : reason));
        seats.settle(caller.tenant(), eventId);
        return registration(registrationId).orElseThrow();
    }

    /** The man takes the seat offered to him: confirmed, or held for payment on a paid event. */
    @Transactional
    public RegistrationView acceptOffer(Caller caller, UUID eventId, UUID registrationId) {
        EventView event = events.lock(eventId);
        seats.settle(caller.tenant(), eventId);
        RegistrationView registration = registration(registrationId)
                .filter(r -> r.eventId().equals(eventId) && r.personId().equals(caller.person()))
                .orElseThrow(() -> Refusal.notFound("No such registration of yours"));
        if (registration.status() != SeatRules.Status.OFFERED) {
            throw Refusal.conflict("There is no seat on offer to you (the registration is " + registration.status() + ")");
        }
        Instant now = clock.instant();
        SeatRules.Status next = event.paid() ? SeatRules.Status.PENDING_PAYMENT : SeatRules.Status.CONFIRMED;
        registrations.take(registrationId, next.name(), event.paid() ? now.plus(Duration.ofMinutes(event.holdMinutes())) : null, now);
        outbox.publish(event.paid()
                ? new GatheringEvent.RegistrationHeld(caller.tenant().id(), eventId, registrationId, caller.person(), null, true)
                : new GatheringEvent.RegistrationConfirmed(caller.tenant().id(), eventId, registrationId, caller.person(), null, true, null, null));
        return registration(registrationId).orElseThrow();
    }

    /** Marks a held seat paid (by hand until payments exist). */
    @Transactional
    public RegistrationView confirmPayment(Caller caller, UUID eventId, UUID registrationId) {
        events.lockForManagement(eventId, caller);
        seats.settle(caller.tenant(), eventId);
        if (registrations.confirmPayment(eventId, registrationId, clock.instant()) == 0) {
            throw Refusal.conflict("No held seat with this id waits for payment");
        }
        outbox.publish(new GatheringEvent.RegistrationConfirmed(caller.tenant().id(), eventId, registrationId, null, null, null, true, caller.person()));
        return registration(registrationId).orElseThrow();
    }

    /** What a payment made of a seat: see {@link #paid}. */
    public enum PaidSeat {
        /** The held seat is confirmed. */
        CONFIRMED,
        /** The hold had run out, a seat was free: it is his again, confirmed. */
        REINSTATED,
        /** The seat was confirmed already (paid before, or by hand): this payment is one too many. */
        ALREADY_CONFIRMED,
        /** No seat for him: the hold ran out and the event is full, he cancelled, or the event is off. The payment goes back. */
        NO_SEAT
    }

    /**
     * A payment for the registration has arrived (no caller: the payment provider says so). A held seat is confirmed;
     * a hold that ran out is seated again if a seat is free. Anything else is {@link PaidSeat#NO_SEAT}, and the caller
     * refunds: never a paid man without a seat.
     */
    @Transactional
    public PaidSeat paid(Tenant tenant, UUID registrationId) {
        RegistrationView before = registration(registrationId).orElseThrow(() -> Refusal.notFound("No such registration"));
        EventView event = events.lock(before.eventId());
        seats.settle(tenant, event.id());
        RegistrationView registration = registration(registrationId).orElseThrow();
        Instant now = clock.instant();
        TenantId tenantId = tenant.id();
        if (registration.status() == SeatRules.Status.CONFIRMED) {
            return PaidSeat.ALREADY_CONFIRMED;
        }
        if (!"SCHEDULED".equals(event.status())) {
            return PaidSeat.NO_SEAT;
        }
        if (registration.status() == SeatRules.Status.PENDING_PAYMENT || registration.status() == SeatRules.Status.OFFERED) {
            registrations.take(registrationId, SeatRules.Status.CONFIRMED.name(), null, now);
            outbox.publish(new GatheringEvent.RegistrationConfirmed(tenantId, event.id(), registrationId, registration.personId(), null,
                    registration.status() == SeatRules.Status.OFFERED ? true : null, true, null));
            return PaidSeat.CONFIRMED;
        }
        if (registration.status() == SeatRules.Status.EXPIRED && !registrations.hasOpen(event.id(), registration.personId())
                && SeatRules.hasFreeSeat(event.capacity(), seats.of(event.id()))
                && registrations.reinstatePaid(registrationId, now) == 1) {
            outbox.publish(new GatheringEvent.RegistrationConfirmed(tenantId, event.id(), registrationId, registration.personId(), null, null, true, null));
            return PaidSeat.REINSTATED;
        }
        return PaidSeat.NO_SEAT;
    }

    /**
     * Gives the seat back to the event (its payment was refunded): the registration is cancelled with the reason and
     * the waiting list moves, in one change. Nothing when it is already over. {@code by} may be null (Hearth itself).
     */
    @Transactional
    public void release(Tenant tenant, UUID registrationId, @Nullable UUID by, String reason) {
        RegistrationView registration = registration(registrationId).orElseThrow(() -> Refusal.notFound("No such registration"));
        events.lock(registration.eventId());
        RegistrationView now = registration(registrationId).orElseThrow();
        if (now.status() == SeatRules.Status.CANCELLED || now.status() == SeatRules.Status.EXPIRED) {
            return;
        }
        registrations.cancel(registrationId, by, reason, clock.instant());
        outbox.publish(new GatheringEvent.RegistrationCancelled(tenant.id(), now.eventId(), registrationId, now.personId(), by, reason));
        seats.settle(tenant, now.eventId());
    }

    /** Seats held for payment now, soonest to run out first: for payments (grants from the scholarship fund), no caller rules. */
    @Transactional(readOnly = true)
    public List<RegistrationView> held() {
        return registrations.findHeld().stream().map(Registrations::view).toList();
    }

    /** The men registered for the event (confirmed, holding, waiting or offered a seat): whom a change of it concerns. */
    @Transactional(readOnly = true)
    public List<UUID> peopleComing(UUID eventId) {
        return registrations.peopleComing(eventId);
    }

    /** The registration as payments need it, without a caller (a webhook has none). */
    @Transactional(readOnly = true)
    public Optional<RegistrationView> find(UUID registrationId) {
        return registration(registrationId);
    }

    /** The event's registrations in order of arrival (its PTMs and admins). Holds and offers that ran out are settled first. */
    @Transactional
    public Paged<RegistrationView> list(Caller caller, UUID eventId, @Nullable SeatRules.Status status, int page, int size) {
        EventView event = events.lock(eventId);
        events.requireManager(event, caller);
        seats.settle(caller.tenant(), eventId);
        String filter = status == null ? null : status.name();
        return new Paged<>(registrations.findOfEvent(eventId, filter, size, (long) page * size).stream().map(Registrations::view).toList(),
                page, size, registrations.countOfEvent(eventId, filter));
    }

    /** One registration: its man, or the event's PTMs and admins. */
    @Transactional
    public RegistrationView get(Caller caller, UUID eventId, UUID registrationId) {
        events.lock(eventId);
        seats.settle(caller.tenant(), eventId);
        RegistrationView registration = registration(registrationId).filter(r -> r.eventId().equals(eventId))
                .orElseThrow(() -> Refusal.notFound("No such registration for this event"));
        if (!registration.personId().equals(caller.person()) && !events.manages(eventId, caller)) {
            throw Refusal.notFound("No such registration for this event");
        }
        return registration;
    }

    @Schema(name = "Answers")
    @Serdeable
    public record Answers(UUID registrationId, List<Answer> answers, List<Acceptance> waivers) {
    }

    @Schema(name = "Answer")
    @Serdeable
    public record Answer(UUID questionId, String label, String answer) {
    }

    @Schema(name = "WaiverAcceptance")
    @Serdeable
    public record Acceptance(UUID waiverId, String title, int version, Instant acceptedAt) {
    }

    /** What he answered and which waiver versions he accepted, when: his own, or for the event's PTMs and admins. */
    @Transactional(readOnly = true)
    public Answers answers(Caller caller, UUID eventId, UUID registrationId) {
        RegistrationView registration = registration(registrationId).filter(r -> r.eventId().equals(eventId))
                .filter(r -> r.personId().equals(caller.person()) || events.manages(eventId, caller))
                .orElseThrow(() -> Refusal.notFound("No such registration for this event"));
        return new Answers(registration.id(),
                registrations.findAnswers(registrationId).stream().map(a -> new Answer(a.questionId(), a.label(), a.answer())).toList(),
                registrations.findAcceptances(registrationId).stream()
                        .map(a -> new Acceptance(a.waiverId(), a.title(), a.version(), a.acceptedAt())).toList());
    }

    @Transactional(readOnly = true)
    public Paged<RegistrationView> mine(Caller caller, int page, int size) {
        return new Paged<>(registrations.findOfPerson(caller.person(), size, (long) page * size).stream()
                .map(Registrations::view).toList(), page, size, registrations.countOfPerson(caller.person()));
    }

    @Schema(name = "Referral")
    @Serdeable
    public record Referral(UUID personId, String firstName, String lastName, long referrals) {
    }

    /** An event a man is registered for (or waits for a seat at), for other features to check against. */
    public record Commitment(String title, Instant startsAt, Instant endsAt) {
    }

    /** His registrations for scheduled events that overlap [from, to): what a poll's slots are checked against. */
    @Transactional(readOnly = true)
    public List<Commitment> commitmentsOf(UUID person, Instant from, Instant to) {
        return registrations.findCommitments(person, from, to).stream().map(o -> new Commitment(o.title(), o.startsAt(), o.endsAt())).toList();
    }

    private void check(EventView event, Application application, Caller caller) {
        List<Refusal.FieldError> errors = new ArrayList<>();
        if (event.paid()) {
            if (application.priceOption() == null || event.priceOptions().stream().noneMatch(o -> o.code().equals(application.priceOption()))) {
                errors.add(new Refusal.FieldError("priceOption", "must be one of " + event.priceOptions().stream().map(EventView.PriceOption::code).toList()));
            }
        } else if (application.priceOption() != null && event.priceOptions().stream().noneMatch(o -> o.code().equals(application.priceOption()))) {
            errors.add(new Refusal.FieldError("priceOption", "is not a price option of this event"));
        }
        if (application.instalments() != null && application.instalments() > 1) {
            int most = event.priceOptions().stream().filter(o -> o.code().equals(application.priceOption())).mapToInt(EventView.PriceOption::maxInstalments)
                    .findFirst().orElse(1);
            if (application.instalments() > most) {
                errors.add(new Refusal.FieldError("instalments", most == 1 ? "must be 1: this price is paid in full" : "must be 1 to " + most + " for this price"));
            }
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
            } else if (!people.isActive(application.sponsorId())) {
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
    private List<String> conflicts(EventView event, UUID person) {
        List<String> warnings = new ArrayList<>(registrations.findOverlaps(person, event.id(), event.startsAt(), event.endsAt()).stream()
                .map(o -> "Overlaps your registration for " + o.title() + " starting " + o.startsAt()).toList());
        for (Meetings.Scheduled meeting : meetings.meetingsOf(person, event.startsAt(), event.endsAt())) {
            warnings.add("Overlaps your circle " + meeting.circleName() + " meeting at " + meeting.start());
        }
        return warnings;
    }

    Optional<RegistrationView> registration(UUID id) {
        return registrations.findLine(id).map(Registrations::view);
    }

    static RegistrationView view(RegistrationLine line) {
        return new RegistrationView(line.id(), line.eventId(), line.personId(), line.status(),
                line.waitlistPosition() == null ? null : line.waitlistPosition().intValue(), line.holdUntil(), line.offerUntil(),
                line.priceOption(), line.sponsorId(), line.checkedInAt(), line.careTeamId(), line.cancelReason(), line.createdAt(), List.of(), null);
    }
}
