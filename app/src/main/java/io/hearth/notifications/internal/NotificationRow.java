package io.hearth.notifications.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/**
 * One man's notification. A must-reach one climbs a ladder: {@code step} is how far it went, {@code nextStepAt} when it
 * climbs again unless he acknowledged it, {@code tried} the channels it went out on (comma-separated).
 */
@MappedEntity("notifications")
public record NotificationRow(@Id UUID id, UUID personId, String kind, String source, boolean direct, boolean inApp, String sealedTitle,
                              String sealedBody, String link, Instant createdAt, @Nullable Instant readAt, @Nullable Instant acknowledgedAt,
                              boolean forDigest, int step, @Nullable Instant nextStepAt, String tried, @Nullable UUID sentBy, boolean heldPush,
                              boolean heldText) {
}
