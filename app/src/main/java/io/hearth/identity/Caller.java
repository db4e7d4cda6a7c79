package io.hearth.identity;

import io.hearth.tenancy.ForTenant;
import io.hearth.tenancy.Tenant;

import java.security.Principal;
import java.util.Set;
import java.util.UUID;

/**
 * Who asks: the signed-in person a request acts for, in which organisation, with the roles and permissions he holds
 * now. Built once at the edge (identity's AccessRule admits him) and handed to the controller as a parameter
 * ({@code CallerBinder}); the controller passes it to the use case, which reads everything it needs about who asks
 * from it and from nowhere else.
 *
 * @param tenant  the organisation he is signed in to: the request's host
 * @param session the sign-in (refresh-token family) the access token belongs to
 * @param ip      the client's address, for the audit log
 */
public record Caller(Tenant tenant, UUID person, UUID session, Set<Role> roles, Set<Permission> permissions, String ip) implements ForTenant, Principal {

    /** His id: a caller is the request's principal, which also keeps him out of the API's documented parameters. */
    @Override
    public String getName() {
        return person.toString();
    }

    public boolean can(Permission permission) {
        return permissions.contains(permission);
    }
}
