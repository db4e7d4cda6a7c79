package io.hearth.admin.tenants.internal;

import io.hearth.admin.tenants.Tenant;
import io.hearth.admin.tenants.TenantStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

@MappedEntity("tenants")
public record TenantRow(@Id UUID id, String slug, String name, String adminEmail, String plan, String status,
                        @Nullable String failureReason, Instant createdAt, Instant updatedAt, @Nullable Instant activatedAt,
                        @Nullable String smsNumber) {

    /** As the API shows it. */
    public Tenant view() {
        return new Tenant(id, slug, name, adminEmail, plan, TenantStatus.valueOf(status), failureReason, createdAt, updatedAt, activatedAt, smsNumber);
    }
}
