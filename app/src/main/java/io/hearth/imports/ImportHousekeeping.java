package io.hearth.imports;

import io.hearth.tenancy.EachTenant;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * Work no request triggers, per organisation: imports whose runner stopped are resumed, the invitations of imported men
 * are sent a few at a time (the throttle: {@code hearth.imports.invitations-per-sweep} per sweep), old imports forgotten.
 */
@Singleton
@Requires(property = "hearth.imports.housekeeping.enabled", notEquals = "false")
public class ImportHousekeeping {

    private final EachTenant tenants;
    private final ImportRunner runner;
    private final ImportWork work;
    private final ImportSettings settings;
    private final Clock clock;

    public ImportHousekeeping(EachTenant tenants, ImportRunner runner, ImportWork work, ImportSettings settings, Clock clock) {
        this.tenants = tenants;
        this.runner = runner;
        this.work = work;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${hearth.imports.sweep-interval:30s}", initialDelay = "${hearth.imports.sweep-initial-delay:30s}")
    public void run() {
        tenants.run("member imports", tenant -> {
            runner.resume(tenant);
            work.sendInvitations(tenant, settings.invitationsPerSweep());
            work.purge(tenant, clock.instant().minus(settings.keepFor()));
        });
    }
}
