package io.hearth.admin.tenants;

import io.hearth.admin.tenants.internal.OperationRecords;
import io.hearth.kit.Refusal;
import io.hearth.kit.outbox.EventEnvelope;
import io.hearth.kit.outbox.Outbox;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Operators' work on organisations' data, carried out by app (which holds the clusters): a move to another cluster,
 * a backup, a restore in place or as a new organisation, dropping the copy a move left. Each request is recorded and
 * sent as an event in one transaction; app's reports ({@code TenantOperationsReported}, {@code TenantBackupFinished},
 * {@code TenantOperationFailed}) say how it went and fill in the organisation's figures.
 */
@Singleton
public class TenantOperations {

    private static final Logger LOG = LoggerFactory.getLogger(TenantOperations.class);

    /** A backup as the console lists it; {@code state} REQUESTED, DONE or FAILED. */
    @Schema(name = "Backup")
    @Serdeable
    public record Backup(UUID id, String state, Instant requestedAt, @Nullable UUID requestedBy, @Nullable String detail,
                         @Nullable String schemaVersion, @Nullable Long sizeBytes, @Nullable Long rows, @Nullable Instant finishedAt) {
    }

    /** A database cluster and how many organisations it holds, by app's latest reports. */
    @Schema(name = "Cluster")
    @Serdeable
    public record Cluster(String name, long organisations) {
    }

    private final TenantRegistry registry;
    private final OperationRecords records;
    private final Outbox outbox;
    private final JsonMapper json;
    /** The backup store app writes to, read here (a shared volume; the same directory on one machine). */
    private final java.nio.file.Path store;

    /** Who asks, for the operators' log: his id (the token's subject) and address. */
    public record Operator(UUID id, @Nullable String ip) {
    }

    private final io.hearth.admin.operators.Operators operators;

    public TenantOperations(TenantRegistry registry, OperationRecords records, Outbox outbox, JsonMapper json,
                            io.hearth.admin.operators.Operators operators,
                            @io.micronaut.context.annotation.Property(name = "hearth.backups.directory") String store) {
        this.operators = operators;
        // Unset: the system's temporary directory, as app's backup store reads it.
        this.store = (store == null || store.isBlank() ? java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "hearth-backups")
                : java.nio.file.Path.of(store)).toAbsolutePath();
        this.registry = registry;
        this.records = records;
        this.outbox = outbox;
        this.json = json;
    }

    /** Asks app to move the organisation to the cluster. 404, 422 for an unknown cluster, 409 unless ACTIVE or SUSPENDED or if it is there already. */
    @Transactional
    public Tenant move(Operator operator, String slug, String cluster) {
        Tenant tenant = withFigures(serving(slug));
        if (!clusters().stream().map(Cluster::name).toList().contains(cluster)) {
            throw Refusal.invalid("cluster", "is not a database cluster app holds organisations on");
        }
        if (cluster.equals(tenant.cluster())) {
            throw Refusal.conflict(slug + " is on " + cluster + " already");
        }
        if (tenant.move() != null && List.of("REQUESTED", "COPYING", "VERIFYING").contains(tenant.move().state())) {
            throw Refusal.conflict(slug + " is being moved already");
        }
        UUID request = UUID.randomUUID();
        records.requestMove(tenant.id(), cluster, request);
        outbox.publish(new LifecycleEvent.TenantMoveRequested(tenant.id(), slug, cluster, request));
        audit(operator, "MOVE_REQUESTED", slug + " to " + cluster);
        LOG.info("tenant {}: move to {} requested", slug, cluster);
        return withFigures(registry.find(slug).orElseThrow());
    }

    /** Asks app for a backup of the organisation's schema. */
    @Transactional
    public Backup backup(Operator operator, String slug) {
        Tenant tenant = serving(slug);
        UUID id = UUID.randomUUID();
        records.requestBackup(id, tenant.id(), operator.id());
        outbox.publish(new LifecycleEvent.TenantBackupRequested(tenant.id(), slug, id));
        audit(operator, "BACKUP_REQUESTED", slug + " backup " + id);
        return view(records.backup(id).orElseThrow());
    }

    public List<Backup> backups(String slug) {
        Tenant tenant = registry.find(slug).orElseThrow(() -> Refusal.notFound("No organisation with slug '" + slug + "'"));
        return records.backups(tenant.id()).stream().map(TenantOperations::view).toList();
    }

    /**
     * Restores one of the organisation's backups: in its place (on {@code cluster}, else its own), or, with a new slug,
     * as a new organisation beside it (same name and plan, on {@code cluster}, else where app places it).
     */
    @Transactional
    public Tenant restore(Operator operator, String slug, UUID backupId, @Nullable String cluster, @Nullable String newSlug) {
        Tenant tenant = registry.find(slug).orElseThrow(() -> Refusal.notFound("No organisation with slug '" + slug + "'"));
        OperationRecords.BackupRow backup = records.backup(backupId).filter(row -> row.tenantId().equals(tenant.id()))
                .orElseThrow(() -> Refusal.invalid("backup", "is not a backup of " + slug));
        if (!"DONE".equals(backup.state())) {
            throw Refusal.invalid("backup", "did not complete (" + backup.state() + "): it cannot be restored");
        }
        if (cluster != null && !clusters().stream().map(Cluster::name).toList().contains(cluster)) {
            throw Refusal.invalid("targetCluster", "is not a database cluster app holds organisations on");
        }
        if (newSlug != null) {
            Tenant copy = registry.register(newSlug, tenant.name(), tenant.adminEmail(), tenant.plan(), cluster, backupId);
            audit(operator, "RESTORE_REQUESTED", slug + " backup " + backupId + " as " + newSlug + (cluster == null ? "" : " on " + cluster));
            LOG.info("tenant {}: backup {} restored as new organisation {}", slug, backupId, newSlug);
            return copy;
        }
        serving(slug);
        outbox.publish(new LifecycleEvent.TenantRestoreRequested(tenant.id(), slug, backupId, cluster));
        audit(operator, "RESTORE_REQUESTED", slug + " backup " + backupId + " in place" + (cluster == null ? "" : " on " + cluster));
        LOG.info("tenant {}: restore of backup {} requested", slug, backupId);
        return withFigures(tenant);
    }

    /** Asks app to drop the frozen copy the last move left behind. 409 when there is none. */
    @Transactional
    public Tenant dropOldCopy(Operator operator, String slug) {
        Tenant tenant = withFigures(registry.find(slug).orElseThrow(() -> Refusal.notFound("No organisation with slug '" + slug + "'")));
        if (tenant.move() == null || tenant.move().oldCluster() == null) {
            throw Refusal.conflict(slug + " has no old copy to drop");
        }
        outbox.publish(new LifecycleEvent.TenantOldCopyDropRequested(tenant.id(), slug));
        audit(operator, "OLD_COPY_DROP_REQUESTED", slug + " on " + tenant.move().oldCluster());
        return tenant;
    }

    /**
     * The organisation's own export (CSV and JSON of every table) from its newest complete backup, written to the
     * stream. 409 NO_BACKUP when it has none yet: take one first.
     */
    @Transactional
    public void export(Operator operator, String slug, java.io.OutputStream out) {
        Tenant tenant = registry.find(slug).orElseThrow(() -> Refusal.notFound("No organisation with slug '" + slug + "'"));
        OperationRecords.BackupRow newest = records.backups(tenant.id()).stream()
                .filter(row -> "DONE".equals(row.state()) && row.location() != null).findFirst()
                .orElseThrow(() -> new Refusal(Refusal.Kind.CONFLICT, io.hearth.admin.AdminCode.NO_BACKUP,
                        slug + " has no complete backup to export from: take one (POST /api/v1/tenants/" + slug + "/backups) and try again"));
        if (!newest.location().matches("[a-z0-9][a-z0-9._-]{0,200}") || newest.location().contains("..")) {
            throw new IllegalStateException("a backup location that is not a file name of the store: " + newest.location());
        }
        java.nio.file.Path file = store.resolve(newest.location());
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new Refusal(Refusal.Kind.CONFLICT, io.hearth.admin.AdminCode.NO_BACKUP,
                    "The backup file of " + newest.requestedAt() + " is not in the backup store tenant-admin reads");
        }
        audit(operator, "EXPORTED", slug + " from its backup of " + newest.requestedAt());
        io.hearth.kit.data.BackupExports.copy(file, out);
    }

    /** The operators' log entry, in the transaction of what it records. */
    private void audit(Operator operator, String action, String detail) {
        operators.recordAction(operator.id(), action, operator.ip(), detail);
    }

    public List<Cluster> clusters() {
        return records.clusters().entrySet().stream().map(entry -> new Cluster(entry.getKey(), entry.getValue())).toList();
    }

    /** The organisation with app's latest figures. */
    public Tenant withFigures(Tenant tenant) {
        return withFigures(List.of(tenant)).get(0);
    }

    public List<Tenant> withFigures(List<Tenant> tenants) {
        List<UUID> ids = tenants.stream().map(Tenant::id).toList();
        Map<UUID, OperationRecords.Report> reports = records.reports(ids);
        Map<UUID, OperationRecords.MoveRequest> requests = records.moveRequests(ids);
        return tenants.stream().map(tenant -> figures(tenant, reports.get(tenant.id()), requests.get(tenant.id()))).toList();
    }

    private Tenant figures(Tenant tenant, @Nullable OperationRecords.Report report, @Nullable OperationRecords.MoveRequest request) {
        Map<String, Object> facts = report == null ? Map.of() : read(report.json());
        Tenant.Rehearsal rehearsal = facts.get("rehearsedAt") == null ? null
                : new Tenant.Rehearsal(instant(facts.get("rehearsedAt")), Boolean.TRUE.equals(facts.get("rehearsalOk")), text(facts.get("rehearsalDetail")));
        Tenant.Move move = null;
        Object reported = facts.get("moveRequestId");
        boolean answered = request != null && request.id() != null && reported != null && request.id().toString().equals(reported.toString());
        if (request != null && request.id() != null && !answered) {
            // Asked, and app has not reported this request's move begun: waiting, or refused before it began.
            boolean failed = request.id().equals(request.failedRequest());
            move = new Tenant.Move(request.cluster(), failed ? "FAILED" : "REQUESTED", failed ? request.failed() : null, request.at(), null,
                    failed ? request.failedAt() : null, null, text(facts.get("oldCluster")));
        } else if (facts.get("moveState") != null) {
            move = new Tenant.Move(text(facts.get("moveTarget")), text(facts.get("moveState")), text(facts.get("moveDetail")),
                    answered ? request.at() : null, instant(facts.get("moveStartedAt")), instant(facts.get("moveFinishedAt")),
                    number(facts.get("movePausedMillis")), text(facts.get("oldCluster")));
        }
        return tenant.with(text(facts.get("cluster")), text(facts.get("schemaVersion")), number(facts.get("sizeBytes")), number(facts.get("members")),
                instant(facts.get("lastActivityAt")), instant(facts.get("lastBackupAt")), rehearsal, move,
                report == null ? null : report.reportedAt(), request == null ? null : request.failed());
    }

    /** app's report of an organisation, its backup's end, or an operation it could not do. */
    @Transactional
    public void recordFromApp(EventEnvelope event) {
        switch (event.type()) {
            case "TenantOperationsReported" -> {
                records.saveReport(event.tenantId(), event.occurredAt(), write(event.payload()));
                Object clusters = event.payload().get("clusters");
                if (clusters instanceof List<?> names) {
                    records.sawClusters(names.stream().map(String::valueOf).toList());
                }
            }
            case "TenantBackupFinished" -> records.finishBackup(UUID.fromString(event.text("backupId")), event.tenantId(), event.text("state"),
                    text(event.payload().get("detail")), text(event.payload().get("schemaVersion")), number(event.payload().get("sizeBytes")),
                    number(event.payload().get("rows")), Optional.ofNullable(instant(event.payload().get("finishedAt"))).orElse(event.occurredAt()),
                    text(event.payload().get("location")));
            case "TenantOperationFailed" -> records.recordFailure(event.tenantId(), event.text("operation") + ": " + event.text("reason"),
                    event.optionalText("requestId").map(UUID::fromString).orElse(null));
            default -> throw new IllegalArgumentException("not a report: " + event.type());
        }
    }

    private Tenant serving(String slug) {
        Tenant tenant = registry.find(slug).orElseThrow(() -> Refusal.notFound("No organisation with slug '" + slug + "'"));
        if (tenant.status() != TenantStatus.ACTIVE && tenant.status() != TenantStatus.SUSPENDED) {
            throw Refusal.conflict("The organisation is " + tenant.status() + ": its data can be operated on once it is ACTIVE or SUSPENDED");
        }
        return tenant;
    }

    private static Backup view(OperationRecords.BackupRow row) {
        return new Backup(row.id(), row.state(), row.requestedAt(), row.requestedBy(), row.detail(), row.schemaVersion(), row.sizeBytes(), row.rows(),
                row.finishedAt());
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> read(String text) {
        try {
            return json.readValue(text, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException("an unreadable report", e);
        }
    }

    private String write(Map<String, Object> payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (IOException e) {
            throw new UncheckedIOException("could not keep a report", e);
        }
    }

    private static @Nullable String text(@Nullable Object value) {
        return value == null ? null : value.toString();
    }

    private static @Nullable Long number(@Nullable Object value) {
        return value instanceof Number number ? number.longValue() : value == null ? null : Long.valueOf(value.toString());
    }

    private static @Nullable Instant instant(@Nullable Object value) {
        return value == null ? null : Instant.parse(value.toString());
    }
}
