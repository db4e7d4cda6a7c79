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

    /**
     * Moves the organisation's schema to the cluster. Refuses (IllegalArgumentException) what cannot start: an unknown
     * cluster, the one it is on, one still provisioning, an old copy not yet dropped, another operation under way.
     */
    public MoveResult move(TenantId id, String target) {
        return move(id, target, null);
    }

    /** As {@link #move(TenantId, String)}, answering an operator's request (its id is reported with the move). */
    public MoveResult move(TenantId id, String target, @Nullable UUID request) {
        try (AutoCloseable ignored = lock(id)) {
            return moveLocked(id, target, request);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("could not release the operations lock: " + e.getMessage(), e);
        }
    }

    private MoveResult moveLocked(TenantId id, String target, @Nullable UUID request) {
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
        OperationTables.Move last = home(() -> tables.move(id)).orElseThrow();
        if (last.oldCluster() != null) {
            throw new IllegalArgumentException(tenant.slug() + " still has the frozen copy its last move left on " + last.oldCluster()
                    + ": drop it before moving again");
        }
        String schema = tenant.schemaName();
        String version = tenant.migrationVersion() != null ? tenant.migrationVersion() : migrations.latestVersion();
        if (!home(() -> tables.startMove(id, target, request))) {
            throw new IllegalStateException(tenant.slug() + " is being moved already");
        }
        Path file = null;
        boolean frozen = false;
        boolean made = false;
        boolean switched = false;
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
            switched = true;
            served.forget(tenant.slug());
            LOG.info("organisation {} moved from {} to {}: writes paused {} ms; {}", tenant.slug(), tenant.cluster(), target, paused, detail);
            return new MoveResult(true, detail, paused);
        } catch (IOException | RuntimeException e) {
            if (switched) {
                // The directory names the new cluster: nothing is undone (what failed came after the switch).
                LOG.error("organisation {} moved to {}, but what followed the switch failed", tenant.slug(), target, e);
                return new MoveResult(true, "moved; after the switch: " + e.getMessage(), (System.nanoTime() - frozenAt) / 1_000_000);
            }
            LOG.error("moving organisation {} to {} failed", tenant.slug(), target, e);
            String undone = undoMove(tenant, target, frozen, made);
            String detail = "the move failed: " + e.getMessage() + "; " + undone;
            long paused = frozen ? (System.nanoTime() - frozenAt) / 1_000_000 : 0;
            homeDo(() -> tables.finishMove(id, "FAILED", detail, paused, null, null));
            return new MoveResult(false, detail, paused);
        } finally {
            delete(file);
        }
    }

    /** Undoes what a failed move did, and says how far that got (a source that stays frozen needs an operator). */
    private String undoMove(Tenant tenant, String target, boolean frozen, boolean made) {
        String said = "undone";
        if (made) {
            try {
                copies.drop(target, tenant.schemaName());
            } catch (RuntimeException e) {
                LOG.error("could not drop the partial copy of {} on {}: drop schema {} there by hand", tenant.slug(), target, tenant.schemaName(), e);
                said = "its partial copy on " + target + " could not be dropped (drop schema " + tenant.schemaName() + " there by hand)";
            }
        }
        if (frozen) {
            try {
                copies.thaw(tenant.cluster(), tenant.schemaName());
            } catch (RuntimeException e) {
                LOG.error("could not let writes to {} through again: its writes stay refused until thawed", tenant.slug(), e);
                return "ITS WRITES ARE STILL REFUSED: drop the hearth_frozen triggers of " + tenant.schemaName() + " on " + tenant.cluster()
                        + " (" + e.getMessage() + ")";
            }
        }
        return said;
    }

    /** The organisation's operations lock, or a refusal when another operation on it is under way (on any instance). */
    private AutoCloseable lock(TenantId id) {
        return clusters.tryLock(id).orElseThrow(() -> new IllegalStateException("another operation on this organisation is under way"));
    }

    /** Drops the frozen copy a move left on the old cluster. */
    public String dropOldCopy(TenantId id) {
        try (AutoCloseable ignored = lock(id)) {
            return dropOldCopyLocked(id);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("could not release the operations lock: " + e.getMessage(), e);
        }
    }

    private String dropOldCopyLocked(TenantId id) {
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
        try (AutoCloseable ignored = lock(id)) {
            return backupLocked(id, backupId, reason);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("could not release the operations lock: " + e.getMessage(), e);
        }
    }

    private OperationTables.Backup backupLocked(TenantId id, UUID backupId, String reason) {
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
     * A new organisation's schema from another's backup, during its provisioning. What an earlier, interrupted attempt
     * left is dropped first: an organisation still provisioning, with no migration recorded, has no data of its own.
     */
    public void restoreAsNew(UUID backupId, TenantId id) {
        Tenant tenant = directory.findById(id).orElseThrow(() -> new IllegalArgumentException("no organisation " + id));
        if (tenant.status() != TenantStatus.PROVISIONING || tenant.migrationVersion() != null) {
            throw new IllegalStateException(tenant.slug() + " is provisioned already: a backup is restored into it in place, not as new");
        }
        dropQuietly(tenant.cluster(), tenant.schemaName());
        restoreInto(backupId, tenant.cluster(), tenant.schemaName());
    }

    /**
     * Puts an organisation back as its backup had it, on the cluster named (its own when null): the backup is restored
     * beside, then, writes paused, the current schema is renamed aside ({@code <schema>_replaced_<time>}, kept frozen)
     * and the restored one takes its name. What was written after the backup is in the renamed schema only.
     */
    public String restoreInPlace(UUID backupId, @Nullable String targetCluster) {
        OperationTables.Backup backup = home(() -> tables.backup(backupId)).orElseThrow(() -> new IllegalArgumentException("no backup " + backupId));
        TenantId id = new TenantId(backup.tenantId());
        try (AutoCloseable ignored = lock(id)) {
            return restoreInPlaceLocked(backup, id, targetCluster);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("could not release the operations lock: " + e.getMessage(), e);
        }
    }

    private String restoreInPlaceLocked(OperationTables.Backup backup, TenantId id, @Nullable String targetCluster) {
        Tenant tenant = directory.findById(id).orElseThrow(() -> new IllegalArgumentException("no organisation " + id));
        String cluster = targetCluster == null ? tenant.cluster() : targetCluster;
        String schema = tenant.schemaName();
        String staging = schema + "_restoring";
        if (!cluster.equals(tenant.cluster()) && copies.exists(cluster, schema)) {
            throw new IllegalStateException("schema " + schema + " exists on " + cluster + " already (an old copy): drop it first");
        }
        dropQuietly(cluster, staging);
        restoreInto(backup.id(), cluster, staging);
        String aside = schema + "_replaced_" + STAMP.format(Instant.now());
        boolean putAside = false;
        boolean swapped = false;
        try {
            // Restored at the backup's version; served at this build's.
            migrations.migrateSchema(cluster, staging, null);
            if (cluster.equals(tenant.cluster())) {
                copies.putAside(cluster, schema, aside, staging, freezeWait);
                putAside = true;
                swapped = true;
            } else {
                copies.putAside(tenant.cluster(), schema, aside, null, freezeWait);
                putAside = true;
                copies.rename(cluster, staging, schema);
                swapped = true;
                directory.recordCluster(id, cluster);
            }
            directory.recordMigration(id, migrations.latestVersion());
            served.forget(tenant.slug());
        } catch (RuntimeException e) {
            undoRestore(tenant, cluster, schema, staging, aside, putAside, swapped, e);
            throw new IllegalStateException("could not put the restored schema in place: " + e.getMessage(), e);
        }
        LOG.info("organisation {} restored from backup {} on {}; what it had is kept as {} on {}", tenant.slug(), backup.id(), cluster, aside,
                tenant.cluster());
        return aside;
    }

    /** Undone in reverse: the restored copy out of the way, the live schema back under its name and its writes let through. */
    private void undoRestore(Tenant tenant, String cluster, String schema, String staging, String aside, boolean putAside, boolean swapped,
                             RuntimeException failure) {
        try {
            if (swapped) {
                copies.rename(cluster, schema, staging);
            }
            if (putAside) {
                copies.rename(tenant.cluster(), aside, schema);
                copies.thaw(tenant.cluster(), schema);
            }
            directory.recordCluster(tenant.id(), tenant.cluster());
        } catch (RuntimeException undo) {
            LOG.error("could not undo a failed restore of {}: schema {} on {} needs an operator (rename it back to {}, drop its hearth_frozen "
                    + "triggers)", tenant.slug(), putAside ? aside : schema, tenant.cluster(), schema, undo);
            failure.addSuppressed(undo);
        }
        dropQuietly(cluster, staging);
    }

    /**
     * Restores the organisation's latest backup (taking one first) into a scratch schema on its cluster, compares every
     * table with the backup, drops the scratch schema and records the result.
     */
    public RehearsalResult rehearse(TenantId id) {
        try (AutoCloseable ignored = lock(id)) {
            return rehearseLocked(id);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("could not release the operations lock: " + e.getMessage(), e);
        }
    }

    private RehearsalResult rehearseLocked(TenantId id) {
        Tenant tenant = directory.findById(id).orElseThrow(() -> new IllegalArgumentException("no organisation " + id));
        OperationTables.Backup backup = backupLocked(id, UUID.randomUUID(), "rehearsal");
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
                // A rehearsal's backup proved what it had to: its file goes (operators' backups stay).
                forgetFile(backup);
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        boolean result = ok;
        String said = detail;
        homeDo(() -> tables.recordRehearsal(UUID.randomUUID(), id, backup.id(), result, said, millis));
        (ok ? LOG.atInfo() : LOG.atError()).log("restore rehearsal of {}: {}", tenant.slug(), detail);
        return new RehearsalResult(ok, detail, millis, backup.id());
    }

    /** Whether this instance runs a job all instances schedule (the first to claim it for the time given). */
    public boolean claim(String job, Duration holdFor) {
        return home(() -> tables.claim(job, holdFor));
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
        // Only what no instance is working on: an operation holds its organisation's lock while it runs, and the
        // database lets the lock go when its holder dies.
        try {
            for (OperationTables.Backup running : home(tables::backupsUnderWay)) {
                TenantId id = new TenantId(running.tenantId());
                clusters.tryLock(id).ifPresent(held -> {
                    try (held) {
                        homeDo(() -> tables.finishBackup(running.id(), "FAILED", "the service stopped while it ran", null, null, null, null));
                        LOG.warn("backup {} of {} was running when its service stopped: recorded as failed", running.id(), running.slug());
                    } catch (Exception e) {
                        LOG.error("could not record backup {} as failed", running.id(), e);
                    }
                });
            }
            for (UUID stuck : home(tables::movesUnderWay)) {
                TenantId id = new TenantId(stuck);
                clusters.tryLock(id).ifPresent(held -> {
                    try (held) {
                        directory.findById(id).ifPresent(tenant -> {
                            OperationTables.Move move = home(() -> tables.move(tenant.id())).orElseThrow();
                            if (!List.of("COPYING", "VERIFYING").contains(String.valueOf(move.state()))) {
                                return;
                            }
                            LOG.warn("the move of {} to {} was under way when its service stopped: undoing it", tenant.slug(), move.target());
                            String undone = undoMove(tenant, move.target(), true, true);
                            homeDo(() -> tables.finishMove(tenant.id(), "FAILED", "the service stopped during the move; " + undone, null, null, null));
                        });
                    } catch (Exception e) {
                        LOG.error("could not undo the interrupted move of {}", stuck, e);
                    }
                });
            }
        } catch (RuntimeException e) {
            LOG.error("could not tidy operations a stopped service left", e);
        }
    }

    private void forgetFile(OperationTables.Backup backup) {
        try {
            store.delete(backup.location());
            homeDo(() -> tables.forgetFile(backup.id()));
        } catch (RuntimeException e) {
            LOG.warn("could not delete the rehearsal's backup file {}", backup.location(), e);
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
