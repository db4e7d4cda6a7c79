package io.hearth.outreach;

import io.hearth.tenancy.EachTenant;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Asks the members who brought a contact to follow up when he has not answered an invitation for some days. */
@Singleton
@Requires(property = "hearth.outreach.reminders.enabled", notEquals = "false")
public class OutreachReminders {

    private static final Logger LOG = LoggerFactory.getLogger(OutreachReminders.class);

    private final EachTenant tenants;
    private final Outreach outreach;

    public OutreachReminders(EachTenant tenants, Outreach outreach) {
        this.tenants = tenants;
        this.outreach = outreach;
    }

    @Scheduled(fixedDelay = "${hearth.outreach.reminders.interval:15m}", initialDelay = "2m")
    void run() {
        tenants.run("outreach follow-ups", tenant -> {
            int due = outreach.followUpsDue(tenant);
            if (due > 0) {
                LOG.info("asked members to follow up {} invitations in {}", due, tenant.slug());
            }
        });
    }
}
