package io.hearth.tenancy;

import io.micronaut.core.annotation.Nullable;

/** app's answers to a registration, on {@code hearth.tenant-provisioning} (docs/events.md), read by tenant-admin. */
public sealed interface ProvisioningEvent extends TenantEvent {

    String TOPIC = "hearth.tenant-provisioning";

    @Override
    default String topic() {
        return TOPIC;
    }

    record TenantProvisioned(TenantId tenant, String slug, String schemaName, String migrationVersion) implements ProvisioningEvent {
    }

    record TenantProvisioningFailed(TenantId tenant, String slug, String reason) implements ProvisioningEvent {
    }

    /**
     * What operators see of an organisation's data, sent after each operation on it and every hour: where its schema
     * is and at which migration, its size, active members, last activity (newest audit entry), last backup, last restore
     * rehearsal and last move; and the clusters app knows.
     */
    record TenantOperationsReported(TenantId tenant, String slug, String cluster, @Nullable String schemaVersion, @Nullable Long sizeBytes, long members,
                                    @Nullable java.time.Instant lastActivityAt, @Nullable java.time.Instant lastBackupAt,
                                    @Nullable java.time.Instant rehearsedAt, @Nullable Boolean rehearsalOk, @Nullable String rehearsalDetail,
                                    @Nullable String moveTarget, @Nullable String moveState, @Nullable String moveDetail,
                                    @Nullable java.time.Instant moveStartedAt, @Nullable java.time.Instant moveFinishedAt,
                                    @Nullable Long movePausedMillis, @Nullable String oldCluster, @Nullable java.util.UUID moveRequestId,
                                    java.util.List<String> clusters) implements ProvisioningEvent {
    }

    /**
     * A backup an operator asked for ({@code TenantBackupRequested}) ended: {@code state} DONE or FAILED; {@code location}
     * names its file in the backup store both services share.
     */
    record TenantBackupFinished(TenantId tenant, java.util.UUID backupId, String state, @Nullable String detail, @Nullable String schemaVersion,
                                @Nullable Long sizeBytes, @Nullable Long rows, java.time.Instant finishedAt,
                                @Nullable String location) implements ProvisioningEvent {
    }

    /** An operation an operator asked for (a move, a restore, dropping an old copy) could not start or failed; {@code requestId}: a move's. */
    record TenantOperationFailed(TenantId tenant, String operation, String reason, @Nullable java.util.UUID requestId) implements ProvisioningEvent {
    }
}
