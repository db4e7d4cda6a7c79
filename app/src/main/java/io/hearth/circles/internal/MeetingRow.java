package io.hearth.circles.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

@MappedEntity("circle_meetings")
public record MeetingRow(@Id UUID id, UUID circleId, Instant startsAt, String notes, UUID recordedBy, Instant recordedAt,
                         @Nullable String idempotencyKey) {
}
