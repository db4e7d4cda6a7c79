package io.hearth.notifications.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

@MappedEntity("push_subscriptions")
public record DeviceRow(@Id String endpoint, UUID personId, String p256dh, String auth, boolean previews, @Nullable String userAgent,
                        Instant createdAt, Instant lastSeenAt) {
}
