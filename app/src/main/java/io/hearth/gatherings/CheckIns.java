package io.hearth.gatherings;

import com.nimbusds.jwt.JWTClaimsSet;
import io.hearth.ErrorCode;
import io.hearth.gatherings.internal.Attendee;
import io.hearth.gatherings.internal.CheckInRepository;
import io.hearth.identity.Caller;
import io.hearth.identity.SigningKeys;
import io.hearth.kit.Refusal;
import io.hearth.kit.outbox.Outbox;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.inject.Singleton;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Check-in: each confirmed registration has a ticket, a token signed with the organisation's ES256 keys naming the
 * tenant, event and registration, shown as a QR code. Scanning it twice is harmless.
 */
@TenantBound
@Singleton
public class CheckIns {

    static final String TYPE = "hearth-ticket+jwt";

    private final CheckInRepository checkIns;
    private final Registrations registrations;
    private final Gatherings events;
    private final SigningKeys keys;
    private final Outbox outbox;
    private final Clock clock;
    private final java.util.List<CheckInCondition> conditions;

    public CheckIns(CheckInRepository checkIns, Registrations registrations, Gatherings events, SigningKeys keys, Outbox outbox, Clock clock,
                    java.util.List<CheckInCondition> conditions) {
        this.conditions = conditions;
        this.checkIns = checkIns;
        this.registrations = registrations;
        this.events = events;
        this.keys = keys;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Schema(name = "Ticket")
    @Serdeable
    public record Ticket(UUID registrationId, String token, String qrCode) {
    }

    @Schema(name = "CheckedIn")
    @Serdeable
    public record CheckedIn(UUID registrationId, UUID personId, String firstName, String lastName, Instant checkedInAt, boolean alreadyCheckedIn) {
    }

    /** One man on an event's roster, as staff at the door need him: who he is, his seat's state, his care team. */
    @Schema(name = "RosterEntry")
    @Serdeable
    public record RosterEntry(UUID registrationId, UUID personId, String firstName, String lastName, SeatRules.Status status,
                              @Nullable Instant checkedInAt, @Nullable UUID careTeamId) {
    }

    @Schema(name = "Roster")
    @Serdeable
    public record Roster(UUID eventId, List<RosterEntry> entries) {
    }

    @Schema(name = "AttendanceReport")
    @Serdeable
    public record AttendanceReport(UUID eventId, long confirmed, long checkedIn, List<CheckedIn> attendees) {
    }

    /** The ticket of a confirmed registration: his own, or for the event's staff. */
    @Transactional(readOnly = true)
    public Ticket ticket(Caller caller, UUID eventId, UUID registrationId) {
        Tenant tenant = caller.tenant();
        EventView event = events.load(eventId).orElseThrow(() -> Refusal.notFound("No event with this id"));
        RegistrationView registration = registrations.registration(registrationId)
                .filter(r -> r.eventId().equals(eventId))
                .filter(r -> r.personId().equals(caller.person()) || events.manages(eventId, caller))
                .orElseThrow(() -> Refusal.notFound("No such registration for this event"));
        if (registration.status() != SeatRules.Status.CONFIRMED) {
            throw Refusal.conflict("Only a confirmed registration has a ticket; this one is " + registration.status());
        }
        String token = keys.sign(new JWTClaimsSet.Builder().audience(tenant.slug()).claim("tid", tenant.id().value().toString())
                .claim("eid", eventId.toString()).subject(registrationId.toString()).issueTime(Date.from(clock.instant()))
                .expirationTime(Date.from(event.endsAt().plus(Duration.ofDays(1)))).build(), TYPE);
        return new Ticket(registrationId, token, io.hearth.web.QrCodes.pngDataUri(token, 320));
    }

    /** Marks the ticket's man present (the event's staff and admins). Twice is harmless: the first time stands. */
    @Transactional
    public CheckedIn checkIn(Caller caller, UUID eventId, String token) {
        Tenant tenant = caller.tenant();
        events.lock(eventId);
        if (!events.staffRights(eventId, caller)) {
            throw Refusal.forbidden("Check-in is for the event's staff");
        }
        UUID registrationId = keys.verified(token, TYPE).filter(claims -> valid(claims, tenant, eventId)).map(claims -> UUID.fromString(claims.getSubject()))
                .orElseThrow(() -> new Refusal(Refusal.Kind.INVALID, ErrorCode.TICKET_INVALID, "This ticket is not valid for this event"));
        RegistrationView registration = registrations.registration(registrationId).filter(r -> r.eventId().equals(eventId))
                .orElseThrow(() -> new Refusal(Refusal.Kind.INVALID, ErrorCode.TICKET_INVALID, "This ticket is not valid for this event"));
        if (registration.status() != SeatRules.Status.CONFIRMED) {
            throw new Refusal(Refusal.Kind.CONFLICT, ErrorCode.TICKET_INVALID, "The registration is " + registration.status());
        }
        boolean already = registration.checkedInAt() != null;
        if (!already) {
            // What other features require first (his waiver acknowledged): the refusal says so to the staff.
            conditions.forEach(condition -> condition.require(eventId, registration.personId()));
            Instant now = clock.instant();
            checkIns.checkIn(registrationId, now);
            outbox.publish(new GatheringEvent.AttendeeCheckedIn(caller.tenant().id(), eventId, registrationId, registration.personId(), caller.person(), now));
        }
        return attendee(checkIns.findAttendee(registrationId).orElseThrow(), already);
    }

    @Transactional(readOnly = true)
    public AttendanceReport attendance(Caller caller, UUID eventId) {
        EventView event = events.load(eventId).orElseThrow(() -> Refusal.notFound("No event with this id"));
        if (!events.staffRights(eventId, caller)) {
            throw Refusal.forbidden("The attendance report is for the event's staff");
        }
        List<CheckedIn> attendees = checkIns.findCheckedIn(eventId).stream().map(line -> attendee(line, true)).toList();
        return new AttendanceReport(eventId, event.confirmed(), attendees.size(), attendees);
    }

    /** Everyone holding or waiting for a seat, by name (the event's staff): what a device keeps for check-in offline. */
    @Transactional(readOnly = true)
    public Roster roster(Caller caller, UUID eventId) {
        events.load(eventId).orElseThrow(() -> Refusal.notFound("No event with this id"));
        if (!events.staffRights(eventId, caller)) {
            throw Refusal.forbidden("The roster is for the event's staff");
        }
        return new Roster(eventId, checkIns.findRoster(eventId).stream()
                .map(line -> new RosterEntry(line.id(), line.personId(), line.firstName(), line.lastName(), line.status(),
                        line.checkedInAt(), line.careTeamId()))
                .toList());
    }

    private static boolean valid(JWTClaimsSet claims, Tenant tenant, UUID eventId) {
        try {
            Date expires = claims.getExpirationTime();
            return tenant.id().value().toString().equals(claims.getStringClaim("tid")) && eventId.toString().equals(claims.getStringClaim("eid"))
                    && expires != null && expires.toInstant().isAfter(Instant.now()) && claims.getSubject() != null;
        } catch (ParseException e) {
            return false;
        }
    }

    private static CheckedIn attendee(Attendee line, boolean already) {
        return new CheckedIn(line.id(), line.personId(), line.firstName(), line.lastName(), line.checkedInAt(), already);
    }

}
