package io.hearth.conversations.internal;

import io.hearth.conversations.Audience;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

@MappedEntity("announcements")
public record AnnouncementRow(@Id UUID id, UUID authorId, Audience audience, @Nullable String audienceRole, @Nullable UUID audienceCircle,
                              String sealedTitle, String sealedBody, boolean commentsEnabled, @Nullable Instant pinnedUntil,
                              Instant publishedAt, @Nullable String idempotencyKey) {
}
