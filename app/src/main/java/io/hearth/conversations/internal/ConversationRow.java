package io.hearth.conversations.internal;

import io.hearth.conversations.ConversationKind;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

@MappedEntity("conversations")
public record ConversationRow(@Id UUID id, ConversationKind kind, @Nullable UUID circleId, @Nullable UUID eventId,
                              @Nullable UUID personA, @Nullable UUID personB, long lastOffset, String epoch,
                              @Nullable Integer retentionDays, Instant createdAt) {
}
