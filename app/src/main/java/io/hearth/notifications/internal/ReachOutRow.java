package io.hearth.notifications.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

@MappedEntity("reach_outs")
public record ReachOutRow(@Id UUID id, UUID personId, @Nullable String sealedMessage, Instant createdAt, @Nullable UUID takenBy,
                          @Nullable Instant takenAt, @Nullable String idempotencyKey) {
}
