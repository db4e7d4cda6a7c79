package io.hearth.circles.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

@MappedEntity("circle_join_requests")
public record JoinRequestRow(@Id UUID id, UUID circleId, UUID personId, String status, String message, Instant createdAt,
                             @Nullable Instant decidedAt, @Nullable UUID decidedBy) {
}
