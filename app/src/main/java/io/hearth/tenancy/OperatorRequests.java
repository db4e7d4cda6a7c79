package io.hearth.tenancy;

import io.hearth.kit.outbox.EventEnvelope;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Operators' requests from tenant-admin on an organisation's data (a move, a backup, a restore, dropping an old copy),
 * each run once, one at a time, on a thread of its own: a copy may take longer than a consumer may keep a record. Each
 * ends with a report of the organisation ({@link TenantReports}); one that cannot start or fails says why
 * ({@link ProvisioningEvent.TenantOperationFailed}).
 */
@Singleton
public class OperatorRequests {

    private static final Logger LOG = LoggerFactory.getLogger(OperatorRequests.class);

    private final TenantOperations operations;
    private final TenantReports reports;
    private final ProcessedEvents processed;
    private final DatabaseClusters clusters;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "tenant-operations");
        thread.setDaemon(true);
        return thread;
    });

    public OperatorRequests(TenantOperations operations, TenantReports reports, ProcessedEvents processed, DatabaseClusters clusters) {
        this.operations = operations;
        this.reports = reports;
        this.processed = processed;
        this.clusters = clusters;
    }

    /** Takes the request (once: a redelivered one is ignored) and runs it in turn. */
    public void accept(EventEnvelope event) {
        boolean first = clusters.onHome(() -> processed.record(event.eventId(), event.type()));
        if (!first) {
            return;
        }
        worker.execute(() -> run(event));
    }

    void run(EventEnvelope event) {
        TenantId id = new TenantId(event.tenantId());
        String operation = switch (event.type()) {
            case "TenantMoveRequested" -> "move";
            case "TenantBackupRequested" -> "backup";
            case "TenantRestoreRequested" -> "restore";
            default -> "drop old copy";
        };
        try {
            switch (event.type()) {
                case "TenantMoveRequested" -> {
                    TenantOperations.MoveResult moved = operations.move(id, event.text("cluster"));
                    if (!moved.ok()) {
                        reports.publish(new ProvisioningEvent.TenantOperationFailed(id, operation, moved.detail()));
                    }
                }
                case "TenantBackupRequested" -> {
                    var backup = operations.backup(id, UUID.fromString(event.text("backupId")), "operator");
                    reports.publish(new ProvisioningEvent.TenantBackupFinished(id, backup.id(), backup.state(), backup.detail(), backup.schemaVersion(),
                            backup.sizeBytes(), backup.rows(), backup.finishedAt() == null ? java.time.Instant.now() : backup.finishedAt(), backup.location()));
                }
                case "TenantRestoreRequested" -> operations.restoreInPlace(UUID.fromString(event.text("backupId")),
                        event.optionalText("cluster").orElse(null));
                case "TenantOldCopyDropRequested" -> operations.dropOldCopy(id);
                default -> throw new IllegalArgumentException("not an operation: " + event.type());
            }
        } catch (RuntimeException e) {
            LOG.error("{} of organisation {} failed", operation, id, e);
            tell(id, operation, String.valueOf(e.getMessage()));
        }
        try {
            reports.report(id);
        } catch (RuntimeException e) {
            LOG.error("could not report organisation {} after its {}", id, operation, e);
        }
    }

    private void tell(TenantId id, String operation, String reason) {
        try {
            reports.publish(new ProvisioningEvent.TenantOperationFailed(id, operation, reason));
        } catch (RuntimeException e) {
            LOG.error("could not tell tenant-admin that the {} of {} failed", operation, id, e);
        }
    }

    @PreDestroy
    void stop() {
        worker.shutdown();
    }
}
