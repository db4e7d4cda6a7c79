package io.hearth.circles.internal;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.UUID;

/** A circle with its seat counts: current members, and seats offered to the waiting list. */
@Introspected
public record CircleLine(UUID id, String name, String description, int capacity, boolean openToJoin, @Nullable String location,
                         @Nullable String videoLink, @Nullable String scheduleRrule, @Nullable LocalDateTime scheduleStart,
                         @Nullable String scheduleTimeZone, @Nullable Integer meetingMinutes, @Nullable Long duesAmountCents,
                         @Nullable String duesCurrency, @Nullable String duesInterval, String status, Instant createdAt,
                         @Nullable Instant archivedAt, long memberCount, long offerCount) {
}
