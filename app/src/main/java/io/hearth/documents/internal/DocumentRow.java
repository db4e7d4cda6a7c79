package io.hearth.documents.internal;

import io.hearth.documents.DocumentAudience;
import io.hearth.documents.DocumentKind;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

@MappedEntity("documents")
public record DocumentRow(@Id UUID id, DocumentKind kind, String title, DocumentAudience audience, @Nullable UUID circleId, @Nullable UUID eventId,
                          int currentVersion, UUID createdBy, Instant createdAt, @Nullable Instant archivedAt, @Nullable String idempotencyKey) {
}
