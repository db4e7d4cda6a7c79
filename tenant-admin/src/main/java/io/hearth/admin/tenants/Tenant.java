package io.hearth.admin.tenants;

import io.hearth.admin.tenants.internal.TenantRow;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.UUID;

/** An organisation in the registry, as the API shows it. */
@Serdeable
public record Tenant(UUID id, String slug, String name, String adminEmail, String plan, TenantStatus status,
                     @Nullable String failureReason, Instant createdAt, Instant updatedAt, @Nullable Instant activatedAt) {

    static Tenant of(TenantRow row) {
        return new Tenant(row.id(), row.slug(), row.name(), row.adminEmail(), row.plan(), TenantStatus.valueOf(row.status()),
                row.failureReason(), row.createdAt(), row.updatedAt(), row.activatedAt());
    }
}
