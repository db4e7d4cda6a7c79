package io.hearth.circles.internal;

import io.hearth.circles.GoalStatus;
import io.hearth.circles.GoalVisibility;
import io.hearth.circles.Goals;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

@MappedEntity("goals")
public record GoalRow(@Id UUID id, UUID personId, String title, String description, GoalVisibility visibility,
                      GoalStatus status, Instant createdAt, Instant updatedAt) {
}
