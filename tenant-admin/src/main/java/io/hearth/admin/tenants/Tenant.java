package io.hearth.admin.tenants;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/** An organisation in the registry, as the API shows it. */
@Schema(name = "Tenant")
@Serdeable
public record Tenant(UUID id, String slug, String name, String adminEmail, String plan, TenantStatus status,
                     @Nullable String failureReason, Instant createdAt, Instant updatedAt, @Nullable Instant activatedAt,
                     @Schema(description = "Its own texting number (E.164); absent: it texts from the platform's shared number")
                     @Nullable String smsNumber) {
}
