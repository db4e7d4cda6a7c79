package io.hearth.tenancy;

import io.hearth.kit.outbox.EventEnvelope;
import io.hearth.kit.outbox.MalformedEventException;
import io.hearth.kit.tracing.Tracing;
import io.hearth.outbox.Topics;
import io.micronaut.configuration.kafka.annotation.ErrorStrategy;
import io.micronaut.configuration.kafka.annotation.ErrorStrategyValue;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.UUID;

/**
 * Operators' requests from tenant-admin on an organisation's data (a move, a backup, a restore, dropping an old copy),
 * read by a consumer group of their own ({@code hearth-app-operations}), one at a time, each to its end before the next
 * (a copy may take minutes: the group may keep a record that long, and provisioning is never held up behind one). A
 * request is recorded as done only once it has run: one cut short by a stopped instance is read again and run again
 * (what it had begun was undone at start-up). Each ends with a report of the organisation ({@link TenantReports}); one
 * that cannot start or fails says why ({@link ProvisioningEvent.TenantOperationFailed}).
 */
@KafkaListener(groupId = "hearth-app-operations", offsetReset = OffsetReset.EARLIEST, offsetStrategy = OffsetStrategy.SYNC_PER_RECORD,
        properties = {@Property(name = ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, value = "3600000"),
                @Property(name = ConsumerConfig.MAX_POLL_RECORDS_CONFIG, value = "1")},
        errorStrategy = @ErrorStrategy(value = ErrorStrategyValue.RETRY_EXPONENTIALLY_ON_ERROR, retryCount = 8, retryDelay = "500ms"))
public class OperatorRequests {

    private static final Logger LOG = LoggerFactory.getLogger(OperatorRequests.class);
    private static final java.util.Set<String> OPERATIONS = java.util.Set.of("TenantMoveRequested", "TenantBackupRequested",
            "TenantRestoreRequested", "TenantOldCopyDropRequested");

    private final TenantOperations operations;
    private final TenantReports reports;
    private final ProcessedEvents processed;
    private final DatabaseClusters clusters;
    private final JsonMapper json;
    private final Tracing tracing;

    public OperatorRequests(TenantOperations operations, TenantReports reports, ProcessedEvents processed, DatabaseClusters clusters,
                            JsonMapper json, Tracing tracing) {
        this.operations = operations;
        this.reports = reports;
        this.processed = processed;
        this.clusters = clusters;
        this.json = json;
        this.tracing = tracing;
    }

    @Topic(Topics.TENANT_LIFECYCLE)
    public void receive(ConsumerRecord<String, String> record) {
        tracing.consume(record, () -> handle(record));
    }

    private void handle(ConsumerRecord<String, String> record) {
        Optional<EventEnvelope> read = EventEnvelope.read(json, record);
        if (read.isEmpty() || !OPERATIONS.contains(read.get().type())) {
            return;
        }
        EventEnvelope event = read.get();
        if (clusters.onHome(() -> processed.contains(event.eventId()))) {
            return;
        }
        try {
            run(event);
        } catch (MalformedEventException e) {
            LOG.error("malformed event {} {}: skipped", event.type(), event.eventId(), e);
        }
        clusters.onHome(() -> processed.record(event.eventId(), event.type()));
    }

    void run(EventEnvelope event) {
        TenantId id = new TenantId(event.tenantId());
        UUID request = event.optionalText("requestId").map(UUID::fromString).orElse(null);
        String operation = switch (event.type()) {
            case "TenantMoveRequested" -> "move";
            case "TenantBackupRequested" -> "backup";
            case "TenantRestoreRequested" -> "restore";
            default -> "drop old copy";
        };
        try {
            switch (event.type()) {
                case "TenantMoveRequested" -> {
                    TenantOperations.MoveResult moved = operations.move(id, event.text("cluster"), request);
                    if (!moved.ok()) {
                        reports.publish(new ProvisioningEvent.TenantOperationFailed(id, operation, moved.detail(), request));
                    }
                }
                case "TenantBackupRequested" -> {
                    UUID backupId = UUID.fromString(event.text("backupId"));
                    try {
                        var backup = operations.backup(id, backupId, "operator");
                        reports.publish(new ProvisioningEvent.TenantBackupFinished(id, backup.id(), backup.state(), backup.detail(),
                                backup.schemaVersion(), backup.sizeBytes(), backup.rows(),
                                backup.finishedAt() == null ? java.time.Instant.now() : backup.finishedAt(), backup.location()));
                    } catch (IllegalArgumentException | IllegalStateException e) {
                        // Could not begin (another operation under way, no such organisation): the backup the operator sees ends.
                        reports.publish(new ProvisioningEvent.TenantBackupFinished(id, backupId, "FAILED", e.getMessage(), null, null, null,
                                java.time.Instant.now(), null));
                    }
                }
                case "TenantRestoreRequested" -> operations.restoreInPlace(UUID.fromString(event.text("backupId")),
                        event.optionalText("cluster").orElse(null));
                case "TenantOldCopyDropRequested" -> operations.dropOldCopy(id);
                default -> throw new IllegalArgumentException("not an operation: " + event.type());
            }
        } catch (MalformedEventException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.error("{} of organisation {} failed", operation, id, e);
            tell(id, operation, String.valueOf(e.getMessage()), request);
        }
        try {
            reports.report(id);
        } catch (RuntimeException e) {
            LOG.error("could not report organisation {} after its {}", id, operation, e);
        }
    }

    private void tell(TenantId id, String operation, String reason, UUID request) {
        try {
            reports.publish(new ProvisioningEvent.TenantOperationFailed(id, operation, reason, request));
        } catch (RuntimeException e) {
            LOG.error("could not tell tenant-admin that the {} of {} failed", operation, id, e);
        }
    }
}
