package io.hearth.identity;

import io.hearth.web.Public;
import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.core.propagation.PropagatedContextElement;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The signed-in person a request acts for, with the roles and permissions he holds now. Put in scope by
 * identity's AccessRule (through CallerFilter), carried in Micronaut's propagated context like the tenant.
 *
 * @param session the sign-in (refresh-token family) the access token belongs to
 * @param ip      the client's address, for the audit log
 */
public record Caller(UUID person, UUID session, Set<Role> roles, Set<Permission> permissions, String ip)
        implements PropagatedContextElement {

    public boolean can(Permission permission) {
        return permissions.contains(permission);
    }

    public static Optional<Caller> current() {
        return PropagatedContext.find().flatMap(context -> context.find(Caller.class));
    }

    /** The caller of an endpoint that is not {@link io.hearth.web.Public}: always there, the filter let no one else through. */
    public static Caller require() {
        return current().orElseThrow(() -> new IllegalStateException("no signed-in caller in scope: is the endpoint marked @Public?"));
    }
}
