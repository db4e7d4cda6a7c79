package io.hearth.architecture.planted;

import io.hearth.tenancy.TenantBound;
import jakarta.inject.Singleton;

/**
 * Planted for WhoAsksTest: a use case its controller ({@code planted.api.AsksNobodyEdge}) calls without saying who
 * asks: it would lean on the scope its controller entered.
 */
@TenantBound
@Singleton
public class AsksNobody {

    public long total() {
        return 42;
    }
}
