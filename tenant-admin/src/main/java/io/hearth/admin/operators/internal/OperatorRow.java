package io.hearth.admin.operators.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

@MappedEntity("operators")
public record OperatorRow(@Id UUID id, String email, String passwordHash, Instant createdAt, @Nullable String totpSecretSealed,
                          @Nullable Long totpLastStep, boolean active) {
}
