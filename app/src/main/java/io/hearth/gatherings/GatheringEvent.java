package io.hearth.gatherings;

import io.hearth.tenancy.TenantEvent;
import io.hearth.tenancy.TenantId;

import java.time.Instant;
import java.util.UUID;

/**
 * Gatherings' domain events (events, registrations, staff, care teams, check-in), on {@code hearth.events}
 * (contracts in docs/events.md). {@code eventId} is the gathering's id; {@code by} is who did it.
 */
public sealed interface GatheringEvent extends TenantEvent {

    String TOPIC = "hearth.events";

    @Override
    default String topic() {
        return TOPIC;
    }

    record EventTypeAdded(TenantId tenant, String code, String name, UUID by) implements GatheringEvent {
    }

    record EventScheduled(TenantId tenant, UUID eventId, String title, String type, Instant startsAt, Integer capacity, UUID by) implements GatheringEvent {
    }

    record EventChanged(TenantId tenant, UUID eventId, Integer capacity, Instant startsAt, UUID by) implements GatheringEvent {
    }

    record EventCancelled(TenantId tenant, UUID eventId, String reason, UUID by) implements GatheringEvent {
    }

    record StaffAssigned(TenantId tenant, UUID eventId, UUID personId, StaffRole role, UUID by) implements GatheringEvent {
    }

    record StaffRemoved(TenantId tenant, UUID eventId, UUID personId, UUID by) implements GatheringEvent {
    }

    record CareTeamFormed(TenantId tenant, UUID eventId, UUID careTeamId, UUID staffId) implements GatheringEvent {
    }

    record CareTeamsAssigned(TenantId tenant, UUID eventId, int placed, UUID by) implements GatheringEvent {
    }

    record CareTeamAssigned(TenantId tenant, UUID eventId, UUID registrationId, UUID careTeamId, UUID by) implements GatheringEvent {
    }

    /**
     * A seat is his: at registration ({@code sponsorId} when a member brought him), on accepting an offered seat
     * ({@code fromWaitlist}), or when his payment is confirmed ({@code paid}, {@code by}).
     */
    record RegistrationConfirmed(TenantId tenant, UUID eventId, UUID registrationId, UUID personId, UUID sponsorId,
                                 Boolean fromWaitlist, Boolean paid, UUID by) implements GatheringEvent {
    }

    /** A paid seat is held until it is paid or the hold runs out. */
    record RegistrationHeld(TenantId tenant, UUID eventId, UUID registrationId, UUID personId, UUID sponsorId,
                            Boolean fromWaitlist) implements GatheringEvent {
    }

    record RegistrationWaitlisted(TenantId tenant, UUID eventId, UUID registrationId, UUID personId, UUID sponsorId) implements GatheringEvent {
    }

    record RegistrationCancelled(TenantId tenant, UUID eventId, UUID registrationId, UUID personId, UUID by, String reason) implements GatheringEvent {
    }

    record WaitlistSeatOffered(TenantId tenant, UUID eventId, UUID registrationId, Instant offerUntil) implements GatheringEvent {
    }

    record SeatOfferLapsed(TenantId tenant, UUID eventId, UUID registrationId, Instant offerUntil) implements GatheringEvent {
    }

    record RegistrationHoldExpired(TenantId tenant, UUID eventId, UUID registrationId, Instant offerUntil) implements GatheringEvent {
    }

    record SensitiveDataErased(TenantId tenant, int registrations, Instant at) implements GatheringEvent {
    }

    record AttendeeCheckedIn(TenantId tenant, UUID eventId, UUID registrationId, UUID personId, UUID by, Instant at) implements GatheringEvent {
    }
}
