package io.hearth.tenancy;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every night, one organisation's restore is rehearsed: the one rehearsed longest ago (never, first) is backed up,
 * restored into a scratch schema, compared table by table and the scratch dropped; the console shows the result.
 */
@Singleton
@Requires(property = "hearth.operations.rehearsal.enabled", notEquals = "false")
public class NightlyRehearsal {

    private static final Logger LOG = LoggerFactory.getLogger(NightlyRehearsal.class);

    private final TenantOperations operations;
    private final TenantReports reports;

    public NightlyRehearsal(TenantOperations operations, TenantReports reports) {
        this.operations = operations;
        this.reports = reports;
    }

    @Scheduled(cron = "${hearth.operations.rehearsal.cron:0 30 3 * * *}")
    void rehearse() {
        try {
            // Every instance schedules it; one runs it.
            if (!operations.claim("rehearsal", java.time.Duration.ofHours(12))) {
                return;
            }
            operations.nextToRehearse().ifPresent(id -> {
                operations.rehearse(id);
                reports.report(id);
            });
        } catch (RuntimeException e) {
            LOG.error("the nightly restore rehearsal failed to run", e);
        }
    }
}
