package io.hearth.tenancy;

import io.hearth.tenancy.internal.ControlTables;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;

/** The tenant directory in app's shared schema on the home cluster (its table and SQL are {@link ControlTables}'). */
@Singleton
public class TenantDirectory {

    private final ControlTables tables;
    private final DatabaseClusters clusters;

    public TenantDirectory(ControlTables tables, DatabaseClusters clusters) {
        this.tables = tables;
        this.clusters = clusters;
    }

    public Optional<Tenant> findBySlug(String slug) {
        return clusters.onHome(() -> tables.tenantBySlug(slug));
    }

    public Optional<Tenant> findById(TenantId id) {
        return clusters.onHome(() -> tables.tenantById(id));
    }

    public List<Tenant> all() {
        return clusters.onHome(() -> tables.tenants());
    }

    /** Adds a tenant in {@code PROVISIONING}; does nothing when the id is already there. Returns the stored tenant. */
    public Tenant register(TenantId id, String slug, String name, String plan, String adminEmail, String cluster) {
        return clusters.onHome(() -> tables.register(id, slug, name, plan, adminEmail, cluster));
    }

    public void changeStatus(TenantId id, TenantStatus newStatus) {
        clusters.onHome(() -> {
            tables.setStatus(id, newStatus);
            return null;
        });
    }

    public void recordMigration(TenantId id, String version) {
        clusters.onHome(() -> {
            tables.recordMigration(id, version);
            return null;
        });
    }

    /** How many organisations' schemas each cluster holds (clusters that hold none are missing). */
    public java.util.Map<String, Long> schemasPerCluster() {
        return clusters.onHome(tables::schemasPerCluster);
    }

    /** Records that the organisation's schema now lives on another cluster (the old copy stays where it was). */
    public void recordCluster(TenantId id, String cluster) {
        clusters.onHome(() -> {
            tables.setCluster(id, cluster);
            return null;
        });
    }

    public void recordMigrationFailure(TenantId id, String error) {
        clusters.onHome(() -> {
            tables.recordMigrationFailure(id, error);
            return null;
        });
    }
}
