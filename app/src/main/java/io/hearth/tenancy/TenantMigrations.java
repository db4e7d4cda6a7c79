package io.hearth.tenancy;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.context.annotation.Property;
import jakarta.inject.Singleton;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Brings tenant schemas to the latest {@code db/tenant} migration, each schema with its own Flyway history. The
 * version reached is recorded in the directory, so start-up skips schemas already current instead of asking Flyway
 * about every one of them.
 */
@Singleton
public class TenantMigrations {

    private static final Logger LOG = LoggerFactory.getLogger(TenantMigrations.class);
    private static final String LOCATION = "classpath:db/tenant";

    private final String url;
    private final String user;
    private final String password;
    private final TenantDirectory directory;
    private final io.hearth.tenancy.internal.ClusterPools clusters;
    private final TenancyConfiguration configuration;
    private final String latestVersion;
    private final io.micrometer.core.instrument.Counter migrated;
    private final io.micrometer.core.instrument.Counter failed;

    public TenantMigrations(@Property(name = "hearth.db.url") String url, @Property(name = "hearth.db.username") String user,
                            @Property(name = "hearth.db.password") String password,
                            TenantDirectory directory, io.hearth.tenancy.internal.ClusterPools clusters, TenancyConfiguration configuration,
                            io.micrometer.core.instrument.MeterRegistry metrics) {
        // Migrations open their own connections: the search_path Flyway sets never reaches the request pool.
        this.url = url;
        this.user = user;
        this.password = password;
        this.directory = directory;
        this.clusters = clusters;
        this.configuration = configuration;
        this.latestVersion = latestAvailableVersion();
        this.migrated = io.micrometer.core.instrument.Counter.builder("hearth.tenant.migrations").tag("outcome", "migrated")
                .description("Organisations' schemas migrated, and migrations that failed").register(metrics);
        this.failed = io.micrometer.core.instrument.Counter.builder("hearth.tenant.migrations").tag("outcome", "failed")
                .description("Organisations' schemas migrated, and migrations that failed").register(metrics);
    }

    /** The newest migration this build carries. */
    public String latestVersion() {
        return latestVersion;
    }

    /** Creates the tenant's schema on its cluster if needed, migrates it and records the version. Throws when the migration fails. */
    public String migrate(Tenant tenant) {
        try {
            migrateSchema(tenant.cluster(), tenant.schemaName(), null);
        } catch (RuntimeException e) {
            failed.increment();
            directory.recordMigrationFailure(tenant.id(), String.valueOf(e.getMessage()));
            throw e;
        }
        migrated.increment();
        directory.recordMigration(tenant.id(), latestVersion);
        return latestVersion;
    }

    /**
     * Creates a schema on a cluster (if it is not there) and brings it to a version of this build's tenant migrations:
     * {@code version} null is the latest. Records nothing in the directory: a copy being made is no organisation yet.
     */
    public void migrateSchema(String cluster, String schema, String version) {
        io.hearth.tenancy.internal.ClusterPools.Settings settings = clusters.settings(cluster);
        org.flywaydb.core.api.configuration.FluentConfiguration flyway = Flyway.configure()
                .dataSource(settings.url(), settings.username(), settings.password())
                .schemas(schema)
                .defaultSchema(schema)
                .createSchemas(true)
                .locations(configuration.migrationLocations(LOCATION));
        if (version != null) {
            flyway.target(MigrationVersion.fromVersion(version));
        }
        flyway.load().migrate();
    }

    @EventListener
    void onStartup(StartupEvent event) {
        MigrationReport report = migrateAll();
        LOG.info("tenant schemas: {} current, {} migrated, {} failed (latest version {})",
                report.current(), report.migrated(), report.failed().size(), latestVersion);
    }

    /**
     * Migrates every tenant behind the latest version, a bounded number at a time. One tenant's failure is
     * recorded on that tenant (its host stops being served) and does not stop the others.
     */
    public MigrationReport migrateAll() {
        List<Tenant> behind = new ArrayList<>();
        int current = 0;
        for (Tenant tenant : directory.all()) {
            if (latestVersion.equals(tenant.migrationVersion()) && tenant.migrationError() == null) {
                current++;
            } else if (tenant.migrationVersion() != null || tenant.status() != TenantStatus.PROVISIONING) {
                behind.add(tenant);
            }
        }
        if (behind.isEmpty()) {
            return new MigrationReport(current, 0, List.of());
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, configuration.migrationParallelism()));
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Tenant tenant : behind) {
                futures.add(pool.submit(() -> migrate(tenant)));
            }
            int migrated = 0;
            List<String> failed = new ArrayList<>();
            long started = System.nanoTime();
            long reported = started;
            LOG.info("tenant schemas: migrating {} behind version {} ({} current), {} at a time", behind.size(), latestVersion, current,
                    configuration.migrationParallelism());
            for (int i = 0; i < futures.size(); i++) {
                try {
                    futures.get(i).get();
                    migrated++;
                } catch (ExecutionException e) {
                    failed.add(behind.get(i).slug());
                    LOG.error("migration of tenant {} failed; it is not served until fixed", behind.get(i).slug(), e.getCause());
                }
                long now = System.nanoTime();
                if (now - reported >= 10_000_000_000L && i + 1 < futures.size()) {
                    reported = now;
                    double seconds = (now - started) / 1e9;
                    LOG.info("tenant schemas: {} of {} migrated, {} failed, {}/s, about {} s to go", migrated, behind.size(), failed.size(),
                            String.format("%.1f", (i + 1) / seconds), Math.round((behind.size() - i - 1) * seconds / (i + 1)));
                }
            }
            return new MigrationReport(current, migrated, failed);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while migrating tenants", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private String latestAvailableVersion() {
        // info() on a schema with no history lists every migration on the classpath as pending; nothing is written.
        MigrationInfo[] all = Flyway.configure().dataSource(url, user, password).schemas("public").table("tenant_migrations_probe")
                .locations(configuration.migrationLocations(LOCATION)).load().info().all();
        return Arrays.stream(all).map(MigrationInfo::getVersion).max(MigrationVersion::compareTo)
                .map(MigrationVersion::getVersion)
                .orElseThrow(() -> new IllegalStateException("no tenant migrations found in " + LOCATION));
    }

    /** What a start-up migration did. */
    public record MigrationReport(int current, int migrated, List<String> failed) {
    }
}
