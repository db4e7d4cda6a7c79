package io.hearth.tenancy;

import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The organisations this instance serves, by slug: read from the directory and remembered for
 * {@code hearth.tenancy.directory-cache-ttl}, so that a request does not ask the directory for its host each time.
 * Provisioning and lifecycle changes make it forget a slug at once.
 */
@Singleton
public class ServedTenants {

    private final TenantDirectory directory;
    private final TenancyConfiguration configuration;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public ServedTenants(TenantDirectory directory, TenancyConfiguration configuration) {
        this.directory = directory;
        this.configuration = configuration;
    }

    /** The tenant of this slug, whatever its status. */
    public Optional<Tenant> bySlug(String slug) {
        Instant now = clock.instant();
        Cached cached = cache.get(slug);
        if (cached != null && cached.loadedAt.plus(configuration.directoryCacheTtl()).isAfter(now)) {
            return Optional.of(cached.tenant);
        }
        Optional<Tenant> found = directory.findBySlug(slug);
        // Only known tenants are cached: caching misses would let random hosts grow the map without bound.
        found.ifPresentOrElse(tenant -> cache.put(slug, new Cached(tenant, now)), () -> cache.remove(slug));
        return found;
    }

    /** Forgets what this instance remembers of a tenant, so its next request reads the directory. */
    public void forget(String slug) {
        cache.remove(slug);
    }

    private record Cached(Tenant tenant, Instant loadedAt) {
    }
}
