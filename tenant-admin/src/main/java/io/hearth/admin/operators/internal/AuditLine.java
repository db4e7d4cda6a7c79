package io.hearth.admin.operators.internal;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.UUID;

@Introspected
public record AuditLine(UUID id, Instant at, @Nullable UUID operatorId, String email, String action, @Nullable String ip, @Nullable String detail) {
}
