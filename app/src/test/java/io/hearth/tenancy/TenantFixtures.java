package io.hearth.tenancy;

import io.hearth.kit.outbox.EventEnvelope;

import java.util.Map;
import java.util.UUID;

/** Organisations for tests: each call a new, unique one. */
public final class TenantFixtures {

    private TenantFixtures() {
    }

    public static String uniqueSlug(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static EventEnvelope registered(UUID tenantId, String slug) {
        return EventEnvelope.of("TenantRegistered", tenantId, Map.of("slug", slug, "name", "Org " + slug,
                "adminEmail", "admin@" + slug + ".test", "plan", "standard"));
    }

    /** As {@link #registered(UUID, String)}, with more fields (a cluster, a backup to restore from). */
    public static EventEnvelope registered(UUID tenantId, String slug, Map<String, Object> more) {
        Map<String, Object> payload = new java.util.HashMap<>(registered(tenantId, slug).payload());
        payload.putAll(more);
        return EventEnvelope.of("TenantRegistered", tenantId, payload);
    }

    /** Provisions a tenant through the same path the Kafka event takes, and returns it as the directory has it. */
    public static Tenant provisioned(TenantProvisioning provisioning, TenantDirectory directory, String prefix) {
        UUID id = UUID.randomUUID();
        String slug = uniqueSlug(prefix);
        provisioning.provision(registered(id, slug));
        return directory.findById(new TenantId(id)).orElseThrow();
    }
}
