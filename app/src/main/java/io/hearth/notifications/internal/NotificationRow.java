package io.hearth.notifications.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

@MappedEntity("notifications")
public record NotificationRow(@Id UUID id, UUID personId, String kind, String source, boolean direct, boolean inApp, String sealedTitle,
                              String sealedBody, String link, Instant createdAt, @Nullable Instant readAt, @Nullable Instant acknowledgedAt,
                              boolean forDigest) {
}
