package io.hearth.outbox;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import org.apache.kafka.clients.admin.NewTopic;

/** The topics app reads and writes (docs/events.md); created at start-up when missing. */
@Factory
public class Topics {

    /** Written by tenant-admin: TenantRegistered, TenantProvisioningRetried, FirstAdminInvitationResent, TenantSuspended, TenantReactivated. */
    public static final String TENANT_LIFECYCLE = "hearth.tenant-lifecycle";
    /** Written by app: TenantProvisioned, TenantProvisioningFailed. */
    public static final String TENANT_PROVISIONING = "hearth.tenant-provisioning";

    /** Circles' domain events, written by app (docs/events.md). */
    public static final String CIRCLES = "hearth.circles";

    /** Events' (gatherings, registrations, staff) domain events, written by app (docs/events.md). */
    public static final String EVENTS = "hearth.events";

    /** Payments' domain events (Stripe Connect, Checkout, refunds), written by app (docs/events.md). */
    public static final String PAYMENTS = "hearth.payments";

    /** Identity's domain events (roles granted and revoked), written by app (docs/events.md). */
    public static final String IDENTITY = "hearth.identity";

    /** Conversations' domain events (messages, announcements), written by app (docs/events.md). */
    public static final String CONVERSATIONS = "hearth.conversations";

    /** Polls' domain events, written by app (docs/events.md). */
    public static final String POLLS = "hearth.polls";

    /** Outreach's domain events (campaigns, answers, follow-ups), written by app (docs/events.md). */
    public static final String OUTREACH = "hearth.outreach";

    @Bean
    NewTopic outreach() {
        return new NewTopic(OUTREACH, 3, (short) 1);
    }

    /** The help desk's domain events (tickets), written by app (docs/events.md). */
    public static final String HELPDESK = "hearth.helpdesk";

    @Bean
    NewTopic helpdesk() {
        return new NewTopic(HELPDESK, 3, (short) 1);
    }

    @Bean
    NewTopic polls() {
        return new NewTopic(POLLS, 3, (short) 1);
    }

    @Bean
    NewTopic conversations() {
        return new NewTopic(CONVERSATIONS, 3, (short) 1);
    }

    @Bean
    NewTopic identity() {
        return new NewTopic(IDENTITY, 3, (short) 1);
    }

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

    @Bean
    NewTopic circles() {
        return new NewTopic(CIRCLES, 3, (short) 1);
    }

    @Bean
    NewTopic events() {
        return new NewTopic(EVENTS, 3, (short) 1);
    }
}
