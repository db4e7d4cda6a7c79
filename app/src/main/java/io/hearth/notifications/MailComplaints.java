package io.hearth.notifications;

import io.hearth.identity.People;
import io.hearth.messaging.MailComplained;
import io.hearth.tenancy.InTenant;
import io.hearth.tenancy.TenantId;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.UUID;

/**
 * A man who reported our mail as spam gets no more notification mail (every kind but the must-reach one is turned
 * off, recorded as a consent withdrawn by complaint), and is told in the app and by push how to turn it back on.
 */
@Singleton
public class MailComplaints {

    private static final Logger LOG = LoggerFactory.getLogger(MailComplaints.class);

    private final InTenant tenants;
    private final People people;
    private final Preferences preferences;
    private final Notifications notifications;

    public MailComplaints(InTenant tenants, People people, Preferences preferences, Notifications notifications) {
        this.tenants = tenants;
        this.people = people;
        this.preferences = preferences;
        this.notifications = notifications;
    }

    @EventListener
    void on(MailComplained complaint) {
        tenants.call(new TenantId(complaint.tenantId()), tenant -> {
            people.withEmail(complaint.address()).ifPresentOrElse(man -> {
                boolean changed = preferences.optOut(tenant, new OptOut(tenant.id(), man, null), ConsentSource.COMPLAINT);
                if (changed) {
                    notifications.notify(tenant, List.of(man), new Notice(NotificationKind.ACCOUNT, "mail-complaint:" + UUID.randomUUID(), true,
                            Text.of("complaint.title"), Text.of("complaint.body"), "/settings/notifications"));
                }
                LOG.info("a complaint about mail of {}: his notification mail {}", tenant.slug(), changed ? "turned off" : "was off already");
            }, () -> LOG.info("a complaint about mail of {} to an address no one there has", tenant.slug()));
            return true;
        });
    }
}
