package io.hearth.tenancy;

/**
 * In-process: a new organisation's schema is migrated and waits for what other features set up in it (identity
 * invites the first admin). Published synchronously inside provisioning, so a listener that fails makes the
 * provisioning fail (TenantProvisioningFailed) instead of leaving an organisation nobody can enter.
 */
public record TenantSchemaReady(Tenant tenant, String adminEmail) {
}
