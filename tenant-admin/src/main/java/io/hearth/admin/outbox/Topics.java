package io.hearth.admin.outbox;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import org.apache.kafka.clients.admin.NewTopic;

/** The topics tenant-admin writes and reads (docs/events.md); created at start-up when missing. */
@Factory
public class Topics {

    /** Written by tenant-admin: TenantRegistered, TenantProvisioningRetried, FirstAdminInvitationResent, TenantSuspended, TenantReactivated. */
    public static final String TENANT_LIFECYCLE = "hearth.tenant-lifecycle";
    /** Written by app: TenantProvisioned, TenantProvisioningFailed. */
    public static final String TENANT_PROVISIONING = "hearth.tenant-provisioning";

    @Bean
    NewTopic tenantLifecycle() {
        return new NewTopic(TENANT_LIFECYCLE, 3, (short) 1);
    }

    @Bean
    NewTopic tenantProvisioning() {
        return new NewTopic(TENANT_PROVISIONING, 3, (short) 1);
    }
}
