package io.hearth.polls;

import io.hearth.tenancy.EachTenant;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Work no request triggers: the day before a poll's deadline, those who have not answered are reminded (once). */
@Singleton
@Requires(property = "hearth.polls.reminders.enabled", notEquals = "false")
public class PollReminders {

    private static final Logger LOG = LoggerFactory.getLogger(PollReminders.class);

    private final EachTenant tenants;
    private final Polls polls;

    public PollReminders(EachTenant tenants, Polls polls) {
        this.tenants = tenants;
        this.polls = polls;
    }

    @Scheduled(fixedDelay = "${hearth.polls.reminders.interval:5m}", initialDelay = "1m")
    void run() {
        tenants.run("poll reminders", tenant -> {
            int reminded = polls.remindDue(tenant);
            if (reminded > 0) {
                LOG.info("reminded the men who had not answered {} polls in {}", reminded, tenant.slug());
            }
        });
    }
}
