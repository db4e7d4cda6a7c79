package io.hearth.admin.tenants;

import io.hearth.kit.outbox.DomainEvent;

import java.util.UUID;

/** An organisation's lifecycle as tenant-admin records it, on {@code hearth.tenant-lifecycle} (docs/events.md), read by app. */
public sealed interface LifecycleEvent extends DomainEvent {

    String TOPIC = "hearth.tenant-lifecycle";

    @Override
    default String topic() {
        return TOPIC;
    }

    /**
     * A new organisation; {@code feePercent} and {@code feeFixedCents} are its plan's platform fee. {@code cluster}: the
     * database cluster an operator chose (absent: app picks the one with the fewest schemas); {@code restoreFrom}: a
     * backup of another organisation it starts from (its people come with it, nobody is invited).
     */
    record TenantRegistered(UUID tenantId, String slug, String name, String adminEmail, String plan, java.math.BigDecimal feePercent,
                            Long feeFixedCents, @io.micronaut.core.annotation.Nullable String cluster,
                            @io.micronaut.core.annotation.Nullable UUID restoreFrom) implements LifecycleEvent {
    }

    /** An operator asks app to move the organisation's schema to another database cluster; app's reports name the request. */
    record TenantMoveRequested(UUID tenantId, String slug, String cluster, UUID requestId) implements LifecycleEvent {
    }

    /** An operator asks app for a backup of the organisation's schema, under this id. */
    record TenantBackupRequested(UUID tenantId, String slug, UUID backupId) implements LifecycleEvent {
    }

    /** An operator asks app to put the organisation back as the backup had it ({@code cluster}: on that cluster; absent: its own). */
    record TenantRestoreRequested(UUID tenantId, String slug, UUID backupId, @io.micronaut.core.annotation.Nullable String cluster)
            implements LifecycleEvent {
    }

    /** An operator asks app to drop the frozen copy a move left on the old cluster. */
    record TenantOldCopyDropRequested(UUID tenantId, String slug) implements LifecycleEvent {
    }

    /** The organisation's plan, or its plan's fee, changed: app takes this fee on its payments from now on. */
    record TenantPlanChanged(UUID tenantId, String slug, String plan, java.math.BigDecimal feePercent, long feeFixedCents) implements LifecycleEvent {
    }

    /** An operator asks app to provision again an organisation that failed (or seems stuck): the same steps, each safe to repeat. */
    record TenantProvisioningRetried(UUID tenantId, String slug, String name, String adminEmail, String plan) implements LifecycleEvent {
    }

    /** An operator asks app to send the first admin a new invitation (the old link stops working), unless he has joined. */
    record FirstAdminInvitationResent(UUID tenantId, String slug, String adminEmail) implements LifecycleEvent {
    }

    /** The organisation texts from its own number from now on, or ({@code number} absent) from the shared one again. */
    record TenantSmsNumberChanged(UUID tenantId, String slug, @io.micronaut.core.annotation.Nullable String number) implements LifecycleEvent {
    }

    record TenantSuspended(UUID tenantId, String slug) implements LifecycleEvent {
    }

    record TenantReactivated(UUID tenantId, String slug) implements LifecycleEvent {
    }
}
