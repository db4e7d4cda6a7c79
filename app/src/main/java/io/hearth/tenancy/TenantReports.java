package io.hearth.tenancy;

import io.hearth.kit.outbox.Outbox;
import io.hearth.tenancy.internal.OperationTables;
import io.hearth.tenancy.internal.SchemaCopies;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Optional;

/** Tells tenant-admin what operators see of each organisation's data ({@link ProvisioningEvent.TenantOperationsReported}). */
@Singleton
public class TenantReports {

    private static final Logger LOG = LoggerFactory.getLogger(TenantReports.class);

    private final TenantDirectory directory;
    private final DatabaseClusters clusters;
    private final TenantOperations operations;
    private final OrganisationActivity activity;
    private final Outbox outbox;
    private final SchemaCopies copies;

    public TenantReports(TenantDirectory directory, DatabaseClusters clusters, TenantOperations operations, OrganisationActivity activity,
                         Outbox outbox, SchemaCopies copies) {
        this.directory = directory;
        this.clusters = clusters;
        this.operations = operations;
        this.activity = activity;
        this.outbox = outbox;
        this.copies = copies;
    }

    /** Reports one organisation now. */
    public void report(TenantId id) {
        Optional<Tenant> found = directory.findById(id);
        if (found.isEmpty()) {
            return;
        }
        Tenant tenant = found.get();
        Long size = null;
        try {
            size = copies.sizeBytes(tenant.cluster(), tenant.schemaName());
        } catch (RuntimeException e) {
            LOG.warn("could not measure {}'s schema on {}", tenant.slug(), tenant.cluster(), e);
        }
        OrganisationActivity.Activity figures = tenant.status() == TenantStatus.PROVISIONING ? new OrganisationActivity.Activity(0, null)
                : activity.activity(tenant);
        Instant lastBackup = operations.backups(id).stream().filter(backup -> "DONE".equals(backup.state()))
                .map(OperationTables.Backup::createdAt).findFirst().orElse(null);
        Optional<OperationTables.Rehearsal> rehearsal = operations.lastRehearsal(id);
        OperationTables.Move move = operations.move(id).orElse(new OperationTables.Move(null, null, null, null, null, null, null, null));
        ProvisioningEvent.TenantOperationsReported report = new ProvisioningEvent.TenantOperationsReported(id, tenant.slug(), tenant.cluster(),
                tenant.migrationVersion(), size, figures.members(), figures.lastActivityAt(), lastBackup,
                rehearsal.map(OperationTables.Rehearsal::at).orElse(null), rehearsal.map(OperationTables.Rehearsal::ok).orElse(null),
                rehearsal.map(OperationTables.Rehearsal::detail).orElse(null), move.target(), move.state(), move.detail(), move.startedAt(),
                move.finishedAt(), move.pausedMillis(), move.oldCluster(), move.requestId(), clusters.names());
        publish(report);
    }

    /** Publishes an event of tenancy's on the home cluster's outbox (in a transaction of its own: none is in progress here). */
    public void publish(ProvisioningEvent event) {
        clusters.onHome(() -> {
            outbox.publish(event);
            return null;
        });
    }

    /** Every hour: each organisation's figures (size, members, last activity move with time). */
    @Scheduled(fixedDelay = "${hearth.operations.report-interval:1h}", initialDelay = "${hearth.operations.report-delay:1m}")
    void reportAll() {
        // Every instance schedules it; one reports, for most of the hour.
        if (!operations.claim("reports", java.time.Duration.ofMinutes(50))) {
            return;
        }
        for (Tenant tenant : directory.all()) {
            try {
                report(tenant.id());
            } catch (RuntimeException e) {
                LOG.error("could not report organisation {}", tenant.slug(), e);
            }
        }
    }
}
