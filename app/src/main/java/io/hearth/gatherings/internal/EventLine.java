package io.hearth.gatherings.internal;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.UUID;

/** An event as stored (price options as JSON text), with its seat counts by status. */
@Introspected
public record EventLine(UUID id, String typeCode, String title, String description, Instant startsAt, Instant endsAt, String timeZone,
                        String venue, int capacity, String visibility, @Nullable Instant registrationOpensAt,
                        @Nullable Instant registrationClosesAt, String priceOptions, int holdMinutes, int offerHours,
                        int cancellationCutoffHours, @Nullable Integer participantsPerStaff, int sensitiveRetentionDays, String status,
                        @Nullable String cancelReason, long confirmed, long held, long offered, long waitlisted) {
}
