package io.hearth.circles.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.UUID;

@MappedEntity("circles")
public record CircleRow(@Id UUID id, String name, String description, int capacity, boolean openToJoin, @Nullable String location,
                        @Nullable String videoLink, @Nullable String scheduleRrule, @Nullable LocalDateTime scheduleStart,
                        @Nullable String scheduleTimeZone, @Nullable Integer meetingMinutes, @Nullable Long duesAmountCents,
                        @Nullable String duesCurrency, @Nullable String duesInterval, String status, Instant createdAt, Instant updatedAt,
                        @Nullable Instant archivedAt) {
}
