package io.hearth.architecture.planted;

import io.hearth.tenancy.Tenant;
import jakarta.inject.Singleton;

/** Planted for WhoAsksTest: a use case given an organisation whose calls would run outside its scope (not TenantBound). */
@Singleton
public class ForgetsItsScope {

    public String slug(Tenant tenant) {
        return tenant.slug();
    }
}
