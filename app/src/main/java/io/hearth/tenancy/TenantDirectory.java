package io.hearth.tenancy;

import io.hearth.tenancy.internal.ControlTables;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.List;
import java.util.Optional;

/** The tenant directory in app's shared schema (the SQL is {@link ControlTables}'). */
@Singleton
public class TenantDirectory {

    private final TransactionOperations<Connection> tx;

    public TenantDirectory(TransactionOperations<Connection> tx) {
        this.tx = tx;
    }

    public Optional<Tenant> findBySlug(String slug) {
        return tx.executeRead(status -> ControlTables.tenantBySlug(status.getConnection(), slug));
    }

    public Optional<Tenant> findById(TenantId id) {
        return tx.executeRead(status -> ControlTables.tenantById(status.getConnection(), id));
    }

    public List<Tenant> all() {
        return tx.executeRead(status -> ControlTables.tenants(status.getConnection()));
    }

    /** Adds a tenant in {@code PROVISIONING}; does nothing when the id is already there. Returns the stored tenant. */
    public Tenant register(TenantId id, String slug, String name, String plan, String adminEmail, String cluster) {
        return tx.executeWrite(status -> {
            ControlTables.insertTenant(status.getConnection(), id, slug, name, plan, adminEmail, cluster);
            return ControlTables.tenantById(status.getConnection(), id)
                    .orElseThrow(() -> new IllegalStateException("tenant " + id + " vanished after insert"));
        });
    }

    public void changeStatus(TenantId id, TenantStatus newStatus) {
        tx.executeWrite(status -> {
            ControlTables.setStatus(status.getConnection(), id, newStatus);
            return null;
        });
    }

    public void recordMigration(TenantId id, String version) {
        tx.executeWrite(status -> {
            ControlTables.recordMigration(status.getConnection(), id, version);
            return null;
        });
    }

    public void recordMigrationFailure(TenantId id, String error) {
        tx.executeWrite(status -> {
            ControlTables.recordMigrationFailure(status.getConnection(), id, error);
            return null;
        });
    }
}
