package io.hearth.identity;

import io.hearth.messaging.MailBounced;
import io.hearth.tenancy.InTenant;
import io.hearth.tenancy.TenantId;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The edge where the mail relay's hard bounces reach identity: each in its organisation's scope. */
@Singleton
public class MailBounceListener {

    private static final Logger LOG = LoggerFactory.getLogger(MailBounceListener.class);

    private final InTenant tenants;
    private final EmailBounces bounces;

    public MailBounceListener(InTenant tenants, EmailBounces bounces) {
        this.tenants = tenants;
        this.bounces = bounces;
    }

    @EventListener
    void on(MailBounced bounce) {
        try {
            tenants.call(new TenantId(bounce.tenantId()), tenant -> bounces.bounced(tenant, bounce.address(), bounce.reason()));
        } catch (RuntimeException e) {
            // The mail is given up either way; what is lost is only that his address shows as unconfirmed.
            LOG.error("could not record the bounce of a mail of organisation {}: {}", bounce.tenantId(), e.toString(), e);
        }
    }
}
