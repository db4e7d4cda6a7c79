package io.hearth.tenancy;

import io.micronaut.data.runtime.multitenancy.SchemaTenantResolver;
import jakarta.inject.Singleton;

/**
 * Tells Micronaut Data which schema a tenant query runs in: the schema the directory recorded for the tenant in
 * scope. Never a name taken from a request, never a default: without a tenant it refuses.
 */
@Singleton
public final class TenantSchemaResolver implements SchemaTenantResolver {

    @Override
    public String resolveTenantSchemaName() {
        return TenantScope.require().schemaName();
    }
}
