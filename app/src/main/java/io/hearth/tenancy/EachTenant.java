package io.hearth.tenancy;

import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Consumer;

/**
 * Runs background work once per served organisation, in its scope, so jobs never touch the directory themselves.
 * One organisation's failure is logged and the others still run.
 */
@Singleton
public class EachTenant {

    private static final Logger LOG = LoggerFactory.getLogger(EachTenant.class);

    private final TenantDirectory directory;

    public EachTenant(TenantDirectory directory) {
        this.directory = directory;
    }

    /** Returns how many organisations the work failed for. */
    public int run(String what, Consumer<Tenant> work) {
        int failed = 0;
        for (Tenant tenant : directory.all()) {
            if (!tenant.isServing()) {
                continue;
            }
            try {
                TenantScope.run(tenant, () -> work.accept(tenant));
            } catch (RuntimeException e) {
                failed++;
                LOG.error("{} failed for tenant {}", what, tenant.slug(), e);
            }
        }
        return failed;
    }
}
