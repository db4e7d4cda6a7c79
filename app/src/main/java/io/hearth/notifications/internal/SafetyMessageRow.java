package io.hearth.notifications.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

@MappedEntity("safety_messages")
public record SafetyMessageRow(@Id UUID id, UUID senderId, String sealedText, String link, Instant createdAt, @Nullable String idempotencyKey) {
}
