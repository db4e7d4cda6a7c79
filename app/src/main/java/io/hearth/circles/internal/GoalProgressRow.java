package io.hearth.circles.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

@MappedEntity("goal_progress")
public record GoalProgressRow(@Id UUID id, UUID goalId, String note, @Nullable Integer percent, Instant recordedAt) {
}
