package io.hearth.tenancy;

/**
 * An organisation as the directory knows it.
 *
 * @param cluster          the database cluster holding the schema (one today; recorded so a tenant can move)
 * @param migrationVersion the latest tenant migration applied to its schema, null before the first
 * @param migrationError   why the last migration of its schema failed, null when it did not
 */
public record Tenant(TenantId id, String slug, String name, String plan, String adminEmail, String schemaName,
                     String cluster, TenantStatus status, String migrationVersion, String migrationError) implements ForTenant {

    /** A tenant is its own organisation: a use case given one knows for whom it works. */
    @Override
    public Tenant tenant() {
        return this;
    }

    /** Whether requests to this tenant's host are served. */
    public boolean isServing() {
        return status == TenantStatus.ACTIVE && migrationError == null;
    }
}
