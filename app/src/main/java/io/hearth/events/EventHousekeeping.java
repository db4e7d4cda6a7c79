package io.hearth.events;

import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantDirectory;
import io.hearth.tenancy.TenantScope;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;

/**
 * Work no request triggers, per organisation: holds and offers that ran out while nobody touched their event
 * (settled under the event's lock, exactly as a request would), and retreat participants' emergency contacts and
 * medical notes once the retention after the event has passed.
 */
@Singleton
@Requires(property = "hearth.events.housekeeping.enabled", notEquals = "false")
public class EventHousekeeping {

    private static final Logger LOG = LoggerFactory.getLogger(EventHousekeeping.class);

    private final TenantDirectory directory;
    private final Registrations registrations;

    public EventHousekeeping(TenantDirectory directory, Registrations registrations) {
        this.directory = directory;
        this.registrations = registrations;
    }

    @Scheduled(fixedDelay = "${hearth.events.housekeeping.interval:1m}", initialDelay = "30s")
    void run() {
        for (Tenant tenant : directory.all()) {
            if (!tenant.isServing()) {
                continue;
            }
            try {
                TenantScope.run(tenant, () -> {
                    for (UUID event : registrations.eventsWithDueSeats()) {
                        registrations.settleNow(event);
                    }
                    registrations.eraseSensitiveDataDue();
                });
            } catch (RuntimeException e) {
                LOG.error("event housekeeping failed for tenant {}", tenant.slug(), e);
            }
        }
    }
}
