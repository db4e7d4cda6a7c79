package io.hearth.tenancy;

import jakarta.inject.Singleton;

import java.util.Optional;
import java.util.function.Function;

/**
 * Runs work in the scope of one organisation named by its id, for code that learns which from outside a request
 * (a payment provider's webhook names an account, the account names the organisation). A suspended organisation
 * is still one: facts about its money are recorded.
 */
@Singleton
public class InTenant {

    private final TenantDirectory directory;

    public InTenant(TenantDirectory directory) {
        this.directory = directory;
    }

    /** The work's result, given the organisation, or empty when there is no such organisation. */
    public <T> Optional<T> call(TenantId id, Function<Tenant, T> work) {
        return directory.findById(id).map(tenant -> TenantScope.call(tenant, () -> work.apply(tenant)));
    }
}
