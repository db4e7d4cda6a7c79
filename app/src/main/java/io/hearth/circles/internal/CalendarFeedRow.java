package io.hearth.circles.internal;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

@MappedEntity("calendar_feeds")
public record CalendarFeedRow(@Id UUID personId, String tokenHash, Instant createdAt) {
}
