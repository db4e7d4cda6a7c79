package io.hearth.conversations.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

@MappedEntity("announcement_comments")
public record CommentRow(@Id UUID id, UUID announcementId, UUID authorId, String sealedText, Instant writtenAt, @Nullable String idempotencyKey) {
}
