package io.hearth.identity;

import io.hearth.tenancy.EachTenant;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;

/** Work no request triggers, per organisation: men whose timed role ends soon are told (once per end). */
@Singleton
@Requires(property = "hearth.identity.housekeeping.enabled", notEquals = "false")
public class IdentityHousekeeping {

    private final EachTenant tenants;
    private final RoleEndings endings;

    public IdentityHousekeeping(EachTenant tenants, RoleEndings endings) {
        this.tenants = tenants;
        this.endings = endings;
    }

    @Scheduled(fixedDelay = "${hearth.identity.housekeeping.interval:1h}", initialDelay = "2m")
    public void run() {
        tenants.run("role endings", tenant -> {
            while (endings.tell(tenant) == RoleEndings.BATCH) {
                // A full batch: more may be due.
            }
        });
    }
}
