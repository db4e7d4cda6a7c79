package io.hearth.identity.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

@MappedEntity("invitations")
public record InvitationRow(@Id UUID id, String email, String role, String tokenHash, Instant expiresAt,
                            @Nullable Instant acceptedAt, @Nullable Instant sentAt, Instant createdAt,
                            @Nullable UUID invitedBy, @Nullable UUID personId) {
}
