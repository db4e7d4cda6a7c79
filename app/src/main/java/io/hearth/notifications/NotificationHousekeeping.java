package io.hearth.notifications;

import io.hearth.tenancy.EachTenant;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;

/**
 * Work no request triggers, per organisation: must-reach notifications nobody acknowledged climb their ladder (a
 * text, then a mail); reach-outs past the sensitive-data period are erased; devices unseen for 60 days are dropped.
 */
@Singleton
@Requires(property = "hearth.notifications.housekeeping.enabled", notEquals = "false")
public class NotificationHousekeeping {

    private final EachTenant tenants;
    private final Notifications notifications;
    private final ReachOuts reachOuts;
    private final Devices devices;

    public NotificationHousekeeping(EachTenant tenants, Notifications notifications, ReachOuts reachOuts, Devices devices) {
        this.tenants = tenants;
        this.notifications = notifications;
        this.reachOuts = reachOuts;
        this.devices = devices;
    }

    @Scheduled(fixedDelay = "${hearth.notifications.ladder-interval:30s}", initialDelay = "10s")
    void climb() {
        tenants.run("must-reach ladder", tenant -> {
            while (notifications.climb(tenant) == 200) {
                // A full batch: more may be due.
            }
        });
    }

    @Scheduled(fixedDelay = "${hearth.notifications.housekeeping.interval:1h}", initialDelay = "1m")
    void sweep() {
        tenants.run("notification housekeeping", tenant -> {
            reachOuts.eraseDue(tenant);
            devices.dropUnseen(tenant);
        });
    }
}
