package io.hearth.gatherings;

import io.hearth.tenancy.EachTenant;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;

import java.util.UUID;

/**
 * Work no request triggers, per organisation: holds and offers that ran out while nobody touched their event
 * (settled under the event's lock, exactly as a request would), and retreat participants' emergency contacts and
 * medical notes once the retention after the event has passed.
 */
@Singleton
@Requires(property = "hearth.events.housekeeping.enabled", notEquals = "false")
public class EventHousekeeping {

    private final EachTenant tenants;
    private final Seats seats;
    private final SensitiveData sensitiveData;

    public EventHousekeeping(EachTenant tenants, Seats seats, SensitiveData sensitiveData) {
        this.tenants = tenants;
        this.seats = seats;
        this.sensitiveData = sensitiveData;
    }

    @Scheduled(fixedDelay = "${hearth.events.housekeeping.interval:1m}", initialDelay = "30s")
    void run() {
        tenants.run("event housekeeping", tenant -> {
            for (UUID event : seats.eventsWithDueSeats()) {
                seats.settleNow(tenant, event);
            }
            sensitiveData.eraseSensitiveDataDue(tenant);
        });
    }
}
