package io.hearth.notifications;

import io.hearth.tenancy.EachTenant;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;

/**
 * Work no request triggers, per organisation: must-reach notifications nobody acknowledged climb their ladder (a
 * text, then a mail); digests go out at their hour and what quiet hours held back when they end; reach-outs past the sensitive-data period are erased; devices unseen for 60 days are dropped.
 */
@Singleton
@Requires(property = "hearth.notifications.housekeeping.enabled", notEquals = "false")
public class NotificationHousekeeping {

    private final EachTenant tenants;
    private final Notifications notifications;
    private final ReachOuts reachOuts;
    private final Devices devices;
    private final Digests digests;

    public NotificationHousekeeping(EachTenant tenants, Notifications notifications, ReachOuts reachOuts, Devices devices, Digests digests) {
        this.digests = digests;
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

    /** Digest mails whose hour has come, and what quiet hours held back once they end: looked at every few minutes. */
    @Scheduled(fixedDelay = "${hearth.notifications.digest-interval:5m}", initialDelay = "30s")
    void digests() {
        tenants.run("notification digests", tenant -> {
            digests.sendDigests(tenant);
            digests.releaseHeld(tenant);
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
