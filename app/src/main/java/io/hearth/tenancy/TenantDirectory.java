package io.hearth.tenancy;

import io.hearth.tenancy.internal.ControlTables;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;

/** The tenant directory in app's shared schema (its table and SQL are {@link ControlTables}'). */
@Singleton
public class TenantDirectory {

    private final ControlTables tables;

    public TenantDirectory(ControlTables tables) {
        this.tables = tables;
    }

    public Optional<Tenant> findBySlug(String slug) {
        return tables.tenantBySlug(slug);
    }

    public Optional<Tenant> findById(TenantId id) {
        return tables.tenantById(id);
    }

    public List<Tenant> all() {
        return tables.tenants();
    }

    /** Adds a tenant in {@code PROVISIONING}; does nothing when the id is already there. Returns the stored tenant. */
    public Tenant register(TenantId id, String slug, String name, String plan, String adminEmail, String cluster) {
        return tables.register(id, slug, name, plan, adminEmail, cluster);
    }

    public void changeStatus(TenantId id, TenantStatus newStatus) {
        tables.setStatus(id, newStatus);
    }

    public void recordMigration(TenantId id, String version) {
        tables.recordMigration(id, version);
    }

    public void recordMigrationFailure(TenantId id, String error) {
        tables.recordMigrationFailure(id, error);
    }
}
