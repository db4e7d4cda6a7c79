package io.hearth.tenancy;

import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.core.propagation.PropagatedContextElement;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The tenant the current work belongs to. Set once at the edge (the host of an HTTP request, the tenant of an
 * event) and carried in Micronaut's propagated context, so it follows the work across threads. Micronaut Data
 * reads it to select the schema; with none set, no tenant query runs.
 */
public final class TenantScope {

    private TenantScope() {
    }

    /** The element carried in the propagated context. */
    public record Current(Tenant tenant) implements PropagatedContextElement {
    }

    public static Optional<Tenant> current() {
        return PropagatedContext.find().flatMap(context -> context.find(Current.class)).map(Current::tenant);
    }

    public static Tenant require() {
        return current().orElseThrow(NoTenantInScopeException::new);
    }

    /** The id of the tenant in scope, for the events a change publishes. */
    public static TenantId requireId() {
        return require().id();
    }

    /** Runs the work as the given tenant, on this thread and wherever Micronaut propagates the context. */
    public static <T> T call(Tenant tenant, Supplier<T> work) {
        // Work for an organisation (a consumer's, a job's) marks its span with it.
        io.hearth.kit.tracing.Tracing.tenant(tenant.slug());
        try (PropagatedContext.Scope ignored = PropagatedContext.getOrEmpty().plus(new Current(tenant)).propagate()) {
            return work.get();
        }
    }

    public static void run(Tenant tenant, Runnable work) {
        call(tenant, () -> {
            work.run();
            return null;
        });
    }
}
