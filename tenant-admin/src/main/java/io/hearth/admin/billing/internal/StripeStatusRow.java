package io.hearth.admin.billing.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

@MappedEntity("organisation_stripe")
public record StripeStatusRow(@Id UUID tenantId, String accountId, String status, @Nullable String reason, Instant updatedAt) {
}
