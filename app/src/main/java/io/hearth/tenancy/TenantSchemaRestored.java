package io.hearth.tenancy;

/**
 * In-process: a new organisation's schema was made from a backup of another ({@code from}), and waits for what other
 * features keep outside it (identity copies the men's credentials). Published synchronously inside provisioning: a
 * listener that fails makes the provisioning fail.
 */
public record TenantSchemaRestored(Tenant tenant, TenantId from) {
}
