package io.hearth.tenancy;

import io.hearth.kit.outbox.DomainEvent;

import java.util.UUID;

/** A domain event of app: a record whose first component is the organisation it is about. */
public interface TenantEvent extends DomainEvent {

    TenantId tenant();

    @Override
    default UUID tenantId() {
        return tenant().value();
    }
}
