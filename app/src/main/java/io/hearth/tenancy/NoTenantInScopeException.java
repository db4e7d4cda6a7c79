package io.hearth.tenancy;

/** Tenant data was touched outside a tenant scope: a programming error, refused rather than served from a shared schema. */
public final class NoTenantInScopeException extends IllegalStateException {

    public NoTenantInScopeException() {
        super("no tenant in scope: tenant data is only reachable inside TenantScope or a tenant's HTTP request");
    }
}
