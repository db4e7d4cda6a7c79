package io.hearth.identity.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

@MappedEntity("role_grants")
public record GrantRow(@Id UUID id, UUID personId, String role, @Nullable UUID grantedBy, Instant grantedAt,
                       @Nullable Instant validUntil, @Nullable Instant revokedAt, @Nullable UUID revokedBy) {
}
