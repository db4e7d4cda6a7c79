package io.hearth.tenancy;

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
}
