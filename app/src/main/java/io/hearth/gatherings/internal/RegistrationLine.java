package io.hearth.gatherings.internal;

import io.hearth.gatherings.SeatRules;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.UUID;

/** A registration with its place on the waiting list (1 is next), when it waits. */
@Introspected
public record RegistrationLine(UUID id, UUID eventId, UUID personId, SeatRules.Status status, @Nullable Instant holdUntil,
                               @Nullable Instant offerUntil, @Nullable String priceOption, @Nullable UUID sponsorId,
                               @Nullable Instant checkedInAt, @Nullable UUID careTeamId, @Nullable String cancelReason, Instant createdAt,
                               @Nullable Long waitlistPosition) {
}
