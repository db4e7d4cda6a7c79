package io.hearth.identity;

import io.hearth.tenancy.TenantEvent;
import io.hearth.tenancy.TenantId;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.UUID;

/** Identity's domain events, on {@code hearth.identity} (contracts in docs/events.md). {@code by} is who did it. */
public sealed interface IdentityEvent extends TenantEvent {

    String TOPIC = "hearth.identity";

    @Override
    default String topic() {
        return TOPIC;
    }

    /** A role granted, or granted again with a new end ({@code validUntil} absent: no end). */
    record RoleGranted(TenantId tenant, UUID personId, Role role, @Nullable Instant validUntil, UUID by) implements IdentityEvent {
    }

    /** His address bounced for good: it is unconfirmed until he confirms it again (no address in the event). */
    record EmailBounced(TenantId tenant, UUID personId) implements IdentityEvent {
    }

    /** A timed role ends soon ({@code validUntil}): told once per end, some days before (hearth.identity.role-ending-notice). */
    record RoleEnding(TenantId tenant, UUID personId, Role role, Instant validUntil) implements IdentityEvent {
    }

    /** A role taken away before its end. */
    record RoleRevoked(TenantId tenant, UUID personId, Role role, UUID by) implements IdentityEvent {
    }
}
