package io.hearth.identity.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

@MappedEntity("people")
public record PersonRow(@Id UUID id, String email, String firstName, String lastName, @Nullable String sealedPhone,
                        @Nullable Instant phoneVerifiedAt, String status, @Nullable Instant emailVerifiedAt,
                        boolean mfaEnabled, Instant createdAt, Instant updatedAt, @Nullable Instant erasedAt) {
}
