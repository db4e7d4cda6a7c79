package io.hearth.admin.tenants;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/**
 * An organisation in the registry, as the API shows it, with its data's figures as app last reported them.
 *
 * @param lastRehearsal the last restore rehearsal: a backup restored into a scratch schema and compared table by table
 * @param move          its last move to another cluster, from the operator's request to app's end of it
 */
@Schema(name = "Tenant")
@Serdeable
public record Tenant(UUID id, String slug, String name, String adminEmail, String plan, TenantStatus status,
                     @Nullable String failureReason, Instant createdAt, Instant updatedAt, @Nullable Instant activatedAt,
                     @Schema(description = "Its own texting number (E.164); absent: it texts from the platform's shared number")
                     @Nullable String smsNumber,
                     @Schema(description = "The database cluster its schema is on (absent until app first reports it)") @Nullable String cluster,
                     @Schema(description = "The last tenant migration its schema is at") @Nullable String schemaVersion,
                     @Schema(description = "Its schema's size on disk, tables with their indexes") @Nullable Long sizeBytes,
                     @Schema(description = "Active members") @Nullable Long members,
                     @Schema(description = "Its newest audit entry: the last time anyone signed in or changed anything") @Nullable Instant lastActivityAt,
                     @Schema(description = "When its last complete backup was taken") @Nullable Instant lastBackupAt,
                     @Nullable Rehearsal lastRehearsal,
                     @Nullable Move move,
                     @Schema(description = "When app last reported these figures") @Nullable Instant reportedAt,
                     @Schema(description = "The last operation app could not do (a move, a backup, a restore), and why") @Nullable String operationFailed) {

    /** The organisation as the registry has it, before app's figures are added. */
    public Tenant(UUID id, String slug, String name, String adminEmail, String plan, TenantStatus status, @Nullable String failureReason,
                  Instant createdAt, Instant updatedAt, @Nullable Instant activatedAt, @Nullable String smsNumber) {
        this(id, slug, name, adminEmail, plan, status, failureReason, createdAt, updatedAt, activatedAt, smsNumber, null, null, null, null, null,
                null, null, null, null, null);
    }

    /** With app's figures. */
    public Tenant with(@Nullable String cluster, @Nullable String schemaVersion, @Nullable Long sizeBytes, @Nullable Long members,
                       @Nullable Instant lastActivityAt, @Nullable Instant lastBackupAt, @Nullable Rehearsal lastRehearsal, @Nullable Move move,
                       @Nullable Instant reportedAt, @Nullable String operationFailed) {
        return new Tenant(id, slug, name, adminEmail, plan, status, failureReason, createdAt, updatedAt, activatedAt, smsNumber, cluster, schemaVersion,
                sizeBytes, members, lastActivityAt, lastBackupAt, lastRehearsal, move, reportedAt, operationFailed);
    }

    @Schema(name = "Rehearsal")
    @Serdeable
    public record Rehearsal(Instant at, boolean ok, @Nullable String detail) {
    }

    /**
     * @param state REQUESTED (asked, app has not begun), COPYING, VERIFYING, DONE or FAILED
     */
    @Schema(name = "Move")
    @Serdeable
    public record Move(String target, String state, @Nullable String detail, @Nullable Instant requestedAt, @Nullable Instant startedAt,
                       @Nullable Instant finishedAt, @Nullable Long pausedMillis,
                       @Schema(description = "The cluster that still holds a frozen copy, until an operator drops it") @Nullable String oldCluster) {
    }
}
