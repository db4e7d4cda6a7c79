package io.hearth.architecture.planted;

import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantScope;

/** Planted for WhoAsksTest: a use case that reaches into context for its organisation instead of being given it. */
public class LooksUpItsTenant {

    public String slug() {
        return TenantScope.current().map(Tenant::slug).orElse("none");
    }
}
