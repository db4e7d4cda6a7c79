package io.hearth.imports.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** One import: who uploaded the file, its digest, where it stands. */
@MappedEntity("member_imports")
public record ImportRow(@Id UUID id, UUID createdBy, Instant createdAt, String fileSha256, String status, int totalRows,
                        @Nullable UUID committedBy, @Nullable String committedIp, @Nullable Instant committedAt,
                        @Nullable Instant appliedAt, @Nullable Instant undoneAt) {
}
