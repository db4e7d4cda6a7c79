package io.hearth.admin.outbox;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import org.apache.kafka.clients.admin.NewTopic;

/** The topics tenant-admin writes and reads (docs/events.md); created at start-up when missing. */
@Factory
public class Topics {

    /** Written by app: Stripe Connect status and payment facts (fees), read for billing. */
    public static final String PAYMENTS = "hearth.payments";

    /** Written by tenant-admin: TenantRegistered, TenantPlanChanged, TenantProvisioningRetried, FirstAdminInvitationResent, TenantSuspended, TenantReactivated. */
    public static final String TENANT_LIFECYCLE = "hearth.tenant-lifecycle";
    /** Written by app: TenantProvisioned, TenantProvisioningFailed. */
    public static final String TENANT_PROVISIONING = "hearth.tenant-provisioning";

    @Bean
    NewTopic payments() {
        return new NewTopic(PAYMENTS, 3, (short) 1);
    }

    @Bean
    NewTopic tenantLifecycle() {
        return new NewTopic(TENANT_LIFECYCLE, 3, (short) 1);
    }

    @Bean
    NewTopic tenantProvisioning() {
        return new NewTopic(TENANT_PROVISIONING, 3, (short) 1);
    }
}
