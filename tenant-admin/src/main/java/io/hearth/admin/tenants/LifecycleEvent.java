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

    record TenantRegistered(UUID tenantId, String slug, String name, String adminEmail, String plan) implements LifecycleEvent {
    }

    record TenantSuspended(UUID tenantId, String slug) implements LifecycleEvent {
    }

    record TenantReactivated(UUID tenantId, String slug) implements LifecycleEvent {
    }
}
