package io.hearth.conversations.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** A message as stored: its text sealed (null once removed); the search vector is written beside it, never read. */
@MappedEntity("messages")
public record MessageRow(@Id UUID id, UUID conversationId, long seq, UUID authorId, @Nullable String sealedText, Instant sentAt,
                         @Nullable Instant editedAt, @Nullable Instant removedAt, @Nullable UUID removedBy,
                         @Nullable String idempotencyKey) {
}
