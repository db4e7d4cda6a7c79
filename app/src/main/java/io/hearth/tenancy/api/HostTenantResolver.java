package io.hearth.tenancy.api;

import io.hearth.kit.Slugs;
import io.hearth.tenancy.ServedTenants;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantScope;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.multitenancy.exceptions.TenantNotFoundException;
import io.micronaut.multitenancy.tenantresolver.HttpRequestTenantResolver;
import io.micronaut.multitenancy.tenantresolver.SubdomainTenantResolver;
import io.micronaut.multitenancy.tenantresolver.TenantResolver;
import jakarta.inject.Singleton;

import java.io.Serializable;
import java.util.Locale;
import java.util.Optional;

/**
 * Host -> tenant: the first label under {@code hearth.base-domain}, case-insensitive, port ignored, looked up in
 * the directory. Anything else (an unknown, suspended, reserved or malformed label, a deeper subdomain, a bare IP,
 * the base domain alone) is not a tenant: it fails closed, never falling back to a shared schema.
 *
 * <p>Replaces Micronaut's {@link SubdomainTenantResolver}, which strips two labels, has no allow-list and would
 * select {@code public} for {@code public.x.y}.
 */
@Singleton
@Replaces(SubdomainTenantResolver.class)
public class HostTenantResolver implements HttpRequestTenantResolver, TenantResolver {

    private final String baseDomainSuffix;
    private final ServedTenants tenants;

    public HostTenantResolver(@Property(name = "hearth.base-domain") String baseDomain, ServedTenants tenants) {
        this.baseDomainSuffix = "." + baseDomain.toLowerCase(Locale.ROOT);
        this.tenants = tenants;
    }

    /** The tenant label of a Host header value, if it has the shape of one; says nothing of whether it exists. */
    public Optional<String> label(String host) {
        if (host == null || host.isBlank() || host.startsWith("[")) {
            return Optional.empty();
        }
        String name = host.trim().toLowerCase(Locale.ROOT);
        int colon = name.indexOf(':');
        if (colon >= 0) {
            name = name.substring(0, colon);
        }
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (!name.endsWith(baseDomainSuffix)) {
            return Optional.empty();
        }
        String label = name.substring(0, name.length() - baseDomainSuffix.length());
        if (label.contains(".") || !Slugs.isValid(label)) {
            return Optional.empty();
        }
        return Optional.of(label);
    }

    /** The tenant served at this host. */
    public Tenant resolve(String host) {
        String label = label(host).orElseThrow(() -> new TenantNotFoundException("no organisation at this address"));
        return tenants.bySlug(label).filter(Tenant::isServing)
                .orElseThrow(() -> new TenantNotFoundException("no organisation at this address"));
    }

    @Override
    public Serializable resolveTenantIdentifier(HttpRequest<?> request) {
        return resolve(request.getHeaders().get(HttpHeaders.HOST)).id();
    }

    @Override
    public Serializable resolveTenantIdentifier() {
        return TenantScope.current().map(Tenant::id)
                .orElseThrow(() -> new TenantNotFoundException("no tenant in scope"));
    }
}
