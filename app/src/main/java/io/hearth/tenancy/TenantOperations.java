package io.hearth.tenancy;

import io.hearth.tenancy.internal.OperationTables;
import io.hearth.tenancy.internal.SchemaCopies;
import io.hearth.tenancy.internal.SchemaDumps;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What operators do to one organisation's schema: move it to another cluster while it is served, back it up, restore
 * a backup (in its place, or as a new organisation), and rehearse a restore. Each runs to its end on the caller's
 * thread and records how it went on the home cluster ({@link OperationTables}); none holds a pooled connection while
 * it copies: it opens its own to each cluster.
 *
 * <p>A move: writes to the schema are refused (SQLSTATE {@code HM001}, answered 503 with Retry-After) from the moment
 * it is frozen until the directory names the new cluster; reads go on. It is dumped in one snapshot, loaded on the
 * target at the same migration version, and every table's row count and checksum compared before the switch. The old
 * copy stays, frozen, until an operator drops it ({@link #dropOldCopy}).
 */
@Singleton
public class TenantOperations {

    private static final Logger LOG = LoggerFactory.getLogger(TenantOperations.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    /** How a move ended. */
    public record MoveResult(boolean ok, String detail, long pausedMillis) {
    }

    /** How a rehearsal ended. */
    public record RehearsalResult(boolean ok, String detail, long millis, UUID backupId) {
    }

    private final TenantDirectory directory;
    private final DatabaseClusters clusters;
    private final TenantMigrations migrations;
    private final OperationTables tables;
    private final BackupStore store;
    private final ServedTenants served;
    private final SchemaCopies copies;
    private final Duration freezeWait;

    public TenantOperations(TenantDirectory directory, DatabaseClusters clusters, TenantMigrations migrations, OperationTables tables,
                            BackupStore store, ServedTenants served, SchemaCopies copies,
                            @Property(name = "hearth.operations.freeze-wait", defaultValue = "5s") Duration freezeWait) {
        this.directory = directory;
        this.clusters = clusters;
        this.migrations = migrations;
        this.tables = tables;
        this.store = store;
        this.served = served;
        this.copies = copies;
        this.freezeWait = freezeWait;
    }

    /** Moves the organisation's schema to the cluster; refuses (IllegalArgumentException) what cannot start. */
    public MoveResult move(TenantId id, String target) {
        Tenant tenant = directory.findById(id).orElseThrow(() -> new IllegalArgumentException("no organisation " + id));
        if (!clusters.exists(target)) {
            throw new IllegalArgumentException("no database cluster " + target);
        }
        if (tenant.cluster().equals(target)) {
            throw new IllegalArgumentException(tenant.slug() + " is on " + target + " already");
        }
        if (tenant.status() == TenantStatus.PROVISIONING) {
            throw new IllegalArgumentException(tenant.slug() + " is still being provisioned");
        }
        String schema = tenant.schemaName();
        String version = tenant.migrationVersion() != null ? tenant.migrationVersion() : migrations.latestVersion();
        homeDo(() -> tables.startMove(id, target));
        Path file = null;
        boolean frozen = false;
        boolean made = false;
        long frozenAt = 0;
        try {
            if (copies.exists(target, schema)) {
                throw new IllegalStateException("schema " + schema + " exists on " + target + " already (a copy an earlier move left): "
                        + "drop it there first");
            }
            file = Files.createTempFile("hearth-move-", ".zip");
            frozenAt = System.nanoTime();
            copies.freeze(tenant.cluster(), schema, freezeWait);
            frozen = true;
            SchemaDumps.Manifest manifest = copies.dump(tenant.cluster(), schema, version, file, false);
            homeDo(() -> tables.moveProgress(id, "VERIFYING", manifest.rows() + " rows in " + manifest.tables().size() + " tables copied"));
            made = true;
            migrations.migrateSchema(target, schema, version);
            // Loads, then compares every table's count and checksum with the frozen source's before it commits.
            copies.restore(target, schema, file);
            long paused = (System.nanoTime() - frozenAt) / 1_000_000;
            String detail = manifest.rows() + " rows in " + manifest.tables().size() + " tables, counts and checksums equal; "
                    + "the copy on " + tenant.cluster() + " is kept, frozen, until an operator drops it";
            homeDo(() -> tables.finishMove(id, "DONE", detail, paused, target, tenant.cluster()));
            served.forget(tenant.slug());
            LOG.info("organisation {} moved from {} to {}: writes paused {} ms; {}", tenant.slug(), tenant.cluster(), target, paused, detail);
            return new MoveResult(true, detail, paused);
        } catch (IOException | RuntimeException e) {
            String detail = "the move failed and was undone: " + e.getMessage();
            LOG.error("moving organisation {} to {} failed", tenant.slug(), target, e);
            undoMove(tenant, target, frozen, made);
            long paused = frozen ? (System.nanoTime() - frozenAt) / 1_000_000 : 0;
            homeDo(() -> tables.finishMove(id, "FAILED", detail, paused, null, null));
            return new MoveResult(false, detail, paused);
        } finally {
            delete(file);
        }
    }

    private void undoMove(Tenant tenant, String target, boolean frozen, boolean made) {
        if (made) {
            try {
                copies.drop(target, tenant.schemaName());
            } catch (RuntimeException e) {
                LOG.error("could not drop the partial copy of {} on {}: drop schema {} there by hand", tenant.slug(), target, tenant.schemaName(), e);
            }
        }
        if (frozen) {
            try {
                copies.thaw(tenant.cluster(), tenant.schemaName());
            } catch (RuntimeException e) {
                LOG.error("could not let writes to {} through again: its writes stay refused until thawed", tenant.slug(), e);
            }
        }
    }

    /** Drops the frozen copy a move left on the old cluster. */
    public String dropOldCopy(TenantId id) {
        Tenant tenant = directory.findById(id).orElseThrow(() -> new IllegalArgumentException("no organisation " + id));
        OperationTables.Move move = home(() -> tables.move(id)).orElseThrow();
        String old = move.oldCluster();
        if (old == null) {
            throw new IllegalArgumentException(tenant.slug() + " has no old copy to drop");
        }
        if (old.equals(tenant.cluster())) {
            throw new IllegalStateException(tenant.slug() + " is served from " + old + ": that copy is not old");
        }
        copies.drop(old, tenant.schemaName());
        homeDo(() -> tables.forgetOldCopy(id));
        return old;
    }

    /** Takes a backup of the organisation's schema into the store; returns its id (its record says how it went). */
    public UUID backup(TenantId id, String reason) {
        UUID backupId = UUID.randomUUID();
        backup(id, backupId, reason);
        return backupId;
    }

    /** As {@link #backup(TenantId, String)}, under an id the caller chose (a request's, so that a retry finds it). */
    public OperationTables.Backup backup(TenantId id, UUID backupId, String reason) {
        Optional<OperationTables.Backup> earlier = home(() -> tables.backup(backupId));
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Tenant tenant = directory.findById(id).orElseThrow(() -> new IllegalArgumentException("no organisation " + id));
        String version = tenant.migrationVersion() != null ? tenant.migrationVersion() : migrations.latestVersion();
        homeDo(() -> tables.startBackup(backupId, id, tenant.slug(), tenant.cluster(), reason));
        Path file = null;
        try {
            file = Files.createTempFile("hearth-backup-", ".zip");
            // An operator's backup carries the organisation's own export too (CSV and JSON), for it to be handed out.
            SchemaDumps.Manifest manifest = copies.dump(tenant.cluster(), tenant.schemaName(), version, file, "operator".equals(reason));
            String key = tenant.slug() + "-" + STAMP.format(Instant.now()) + "-" + backupId + ".zip";
            String location = store.put(key, file);
            file = null;
            long size = store.size(location);
            homeDo(() -> tables.finishBackup(backupId, "DONE", manifest.rows() + " rows in " + manifest.tables().size() + " tables",
                    version, location, size, manifest.rows()));
        } catch (IOException | RuntimeException e) {
            LOG.error("backup of organisation {} failed", tenant.slug(), e);
            homeDo(() -> tables.finishBackup(backupId, "FAILED", String.valueOf(e.getMessage()), version, null, null, null));
        } finally {
            delete(file);
        }
        return home(() -> tables.backup(backupId)).orElseThrow();
    }

    /**
     * Everything the organisation keeps, from one snapshot, as a zip of CSV and JSON per table (its admins' own export;
     * nothing is kept on the server).
     */
    public void export(TenantId id, java.io.OutputStream out) {
        Tenant tenant = directory.findById(id).orElseThrow(() -> new IllegalArgumentException("no organisation " + id));
        String version = tenant.migrationVersion() != null ? tenant.migrationVersion() : migrations.latestVersion();
        Path file = null;
        try {
            file = Files.createTempFile("hearth-export-", ".zip");
            copies.dump(tenant.cluster(), tenant.schemaName(), version, file, true);
            io.hearth.kit.data.BackupExports.copy(file, out);
        } catch (IOException e) {
            throw new IllegalStateException("could not export " + tenant.slug() + ": " + e.getMessage(), e);
        } finally {
            delete(file);
        }
    }

    public List<OperationTables.Backup> backups(TenantId id) {
        return home(() -> tables.backups(id));
    }

    public Optional<OperationTables.Backup> findBackup(UUID backupId) {
        return home(() -> tables.backup(backupId));
    }

    /**
     * Restores a backup into a schema of its own name on a cluster, and checks every table against the backup. The
     * schema must not exist there; on any failure it is dropped again. Returns the restore's duration in ms.
     */
    public long restoreInto(UUID backupId, String cluster, String schema) {
        OperationTables.Backup backup = home(() -> tables.backup(backupId)).orElseThrow(() -> new IllegalArgumentException("no backup " + backupId));
        if (!"DONE".equals(backup.state()) || backup.location() == null) {
            throw new IllegalArgumentException("backup " + backupId + " did not complete: it cannot be restored");
        }
        if (!clusters.exists(cluster)) {
            throw new IllegalArgumentException("no database cluster " + cluster);
        }
        long started = System.nanoTime();
        Path file = store.fetch(backup.location());
        boolean made = false;
        try {
            if (copies.exists(cluster, schema)) {
                throw new IllegalStateException("schema " + schema + " exists on " + cluster + " already");
            }
            made = true;
            migrations.migrateSchema(cluster, schema, backup.schemaVersion());
            copies.restore(cluster, schema, file);
            made = false;
            return (System.nanoTime() - started) / 1_000_000;
        } finally {
            if (made) {
                dropQuietly(cluster, schema);
            }
            delete(file);
        }
    }

    /**
     * Puts an organisation back as its backup had it, on the cluster named (its own when null): the backup is restored
     * beside, then, writes paused, the current schema is renamed aside ({@code <schema>_replaced_<time>}, kept frozen)
     * and the restored one takes its name. What was written after the backup is in the renamed schema only.
     */
    public String restoreInPlace(UUID backupId, @Nullable String targetCluster) {
        OperationTables.Backup backup = home(() -> tables.backup(backupId)).orElseThrow(() -> new IllegalArgumentException("no backup " + backupId));
        TenantId id = new TenantId(backup.tenantId());
        Tenant tenant = directory.findById(id).orElseThrow(() -> new IllegalArgumentException("no organisation " + id));
        String cluster = targetCluster == null ? tenant.cluster() : targetCluster;
        String schema = tenant.schemaName();
        String staging = schema + "_restoring";
        dropQuietly(cluster, staging);
        restoreInto(backupId, cluster, staging);
        String aside = schema + "_replaced_" + STAMP.format(Instant.now());
        boolean frozen = false;
        boolean putAside = false;
        try {
            if (!cluster.equals(tenant.cluster()) && copies.exists(cluster, schema)) {
                throw new IllegalStateException("schema " + schema + " exists on " + cluster + " already (an old copy): drop it first");
            }
            copies.freeze(tenant.cluster(), schema, freezeWait);
            frozen = true;
            copies.rename(tenant.cluster(), schema, aside);
            putAside = true;
            copies.rename(cluster, staging, schema);
            if (!cluster.equals(tenant.cluster())) {
                directory.recordCluster(id, cluster);
            }
            served.forget(tenant.slug());
        } catch (RuntimeException e) {
            // Undone in reverse: the live schema back under its name, its writes let through, the restored copy dropped.
            try {
                if (putAside) {
                    copies.rename(tenant.cluster(), aside, schema);
                }
                if (frozen) {
                    copies.thaw(tenant.cluster(), schema);
                }
            } catch (RuntimeException undo) {
                LOG.error("could not undo a failed restore of {}: schema {} on {} needs an operator (rename it back, drop its hearth_frozen triggers)",
                        tenant.slug(), putAside ? aside : schema, tenant.cluster(), undo);
                e.addSuppressed(undo);
            }
            dropQuietly(cluster, staging);
            throw new IllegalStateException("could not put the restored schema in place: " + e.getMessage(), e);
        }
        LOG.info("organisation {} restored from backup {} on {}; what it had is kept as {} on {}", tenant.slug(), backupId, cluster, aside,
                tenant.cluster());
        return aside;
    }

    /**
     * Restores the organisation's latest backup (taking one first) into a scratch schema on its cluster, compares every
     * table with the backup, drops the scratch schema and records the result.
     */
    public RehearsalResult rehearse(TenantId id) {
        Tenant tenant = directory.findById(id).orElseThrow(() -> new IllegalArgumentException("no organisation " + id));
        OperationTables.Backup backup = backup(id, UUID.randomUUID(), "rehearsal");
        long started = System.nanoTime();
        boolean ok;
        String detail;
        if (!"DONE".equals(backup.state())) {
            ok = false;
            detail = "the backup failed: " + backup.detail();
        } else {
            String scratch = "rehearsal_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
            try {
                long millis = restoreInto(backup.id(), tenant.cluster(), scratch);
                ok = true;
                detail = backup.rows() + " rows restored in " + millis + " ms; every table's count and checksum equal";
            } catch (RuntimeException e) {
                ok = false;
                detail = String.valueOf(e.getMessage());
            } finally {
                dropQuietly(tenant.cluster(), scratch);
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        boolean result = ok;
        String said = detail;
        homeDo(() -> tables.recordRehearsal(UUID.randomUUID(), id, backup.id(), result, said, millis));
        (ok ? LOG.atInfo() : LOG.atError()).log("restore rehearsal of {}: {}", tenant.slug(), detail);
        return new RehearsalResult(ok, detail, millis, backup.id());
    }

    /** The serving organisation rehearsed longest ago: the nightly job's pick. */
    public Optional<TenantId> nextToRehearse() {
        return home(tables::leastRecentlyRehearsed).map(TenantId::new);
    }

    public Optional<OperationTables.Move> move(TenantId id) {
        return home(() -> tables.move(id));
    }

    public Optional<OperationTables.Rehearsal> lastRehearsal(TenantId id) {
        return home(() -> tables.lastRehearsal(id));
    }

    /** What a stopped service left half done: moves are undone (the copy dropped, the source thawed), backups failed. */
    @EventListener
    void onStartup(StartupEvent event) {
        try {
            int backups = home(tables::failBackupsUnderWay);
            if (backups > 0) {
                LOG.warn("{} backups were running when the service stopped: recorded as failed", backups);
            }
            for (UUID stuck : home(tables::movesUnderWay)) {
                directory.findById(new TenantId(stuck)).ifPresent(tenant -> {
                    OperationTables.Move move = home(() -> tables.move(tenant.id())).orElseThrow();
                    LOG.warn("the move of {} to {} was under way when the service stopped: undoing it", tenant.slug(), move.target());
                    undoMove(tenant, move.target(), true, true);
                    homeDo(() -> tables.finishMove(tenant.id(), "FAILED", "the service stopped during the move; it was undone", null, null, null));
                });
            }
        } catch (RuntimeException e) {
            LOG.error("could not tidy operations a stopped service left", e);
        }
    }

    private void dropQuietly(String cluster, String schema) {
        try {
            copies.drop(cluster, schema);
        } catch (RuntimeException e) {
            LOG.error("could not drop schema {} on {}: drop it by hand", schema, cluster, e);
        }
    }

    private <T> T home(java.util.function.Supplier<T> work) {
        return clusters.onHome(work);
    }

    private void homeDo(Runnable work) {
        clusters.onHome(() -> {
            work.run();
            return null;
        });
    }

    private static void delete(@Nullable Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.warn("could not delete {}", file, e);
            }
        }
    }
}
