package io.hearth.circles.internal;

import io.hearth.circles.Goals;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

@MappedEntity("goals")
public record GoalRow(@Id UUID id, UUID personId, String title, String description, Goals.Visibility visibility,
                      Goals.Status status, Instant createdAt, Instant updatedAt) {
}
