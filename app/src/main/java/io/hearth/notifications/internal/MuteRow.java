package io.hearth.notifications.internal;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** A circle a man muted; the table's key is (person, circle) and the repository writes by it. */
@MappedEntity("circle_mutes")
public record MuteRow(@Id UUID personId, UUID circleId, Instant mutedAt) {
}
