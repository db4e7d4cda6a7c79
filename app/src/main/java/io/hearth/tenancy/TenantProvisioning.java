package io.hearth.tenancy;

import io.hearth.kit.Slugs;
import io.hearth.kit.outbox.EventEnvelope;
import io.hearth.kit.outbox.Outbox;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.context.BeanProvider;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * Acts on tenant-admin's lifecycle events. Each step is safe to repeat, and an event is recorded as processed in the
 * transaction of its last step, so a redelivered event either resumes unfinished work or changes nothing.
 */
@Singleton
public class TenantProvisioning {

    private static final Logger LOG = LoggerFactory.getLogger(TenantProvisioning.class);

    private final TenantDirectory directory;
    private final TenantMigrations migrations;
    private final ApplicationEventPublisher<TenantSchemaReady> ready;
    private final ApplicationEventPublisher<TenantSchemaRestored> restored;
    private final ApplicationEventPublisher<FirstAdminReinvited> reinvited;
    private final ProcessedEvents processed;
    private final Outbox outbox;
    private final BeanProvider<TenantProvisioning> self;
    private final ServedTenants served;
    private final DatabaseClusters clusters;
    private final TenantOperations operations;
    private final BeanProvider<TenantReports> reports;

    public TenantProvisioning(TenantDirectory directory, TenantMigrations migrations, ApplicationEventPublisher<TenantSchemaReady> ready,
                              ApplicationEventPublisher<TenantSchemaRestored> restored,
                              ApplicationEventPublisher<FirstAdminReinvited> reinvited, ProcessedEvents processed, Outbox outbox, BeanProvider<TenantProvisioning> self,
                              ServedTenants served, DatabaseClusters clusters, TenantOperations operations,
                              BeanProvider<TenantReports> reports) {
        this.reports = reports;
        this.operations = operations;
        this.directory = directory;
        this.migrations = migrations;
        this.ready = ready;
        this.restored = restored;
        this.reinvited = reinvited;
        this.processed = processed;
        this.outbox = outbox;
        this.self = self;
        this.served = served;
        this.clusters = clusters;
    }

    /** TenantRegistered: schema, migrations, the first admin's invitation, then TenantProvisioned (or ...Failed). */
    public void provision(EventEnvelope event) {
        if (processed.contains(event.eventId())) {
            LOG.info("{} {} already processed", event.type(), event.eventId());
            return;
        }
        TenantId id = new TenantId(event.tenantId());
        String slug = event.text("slug");
        String name = event.text("name");
        String adminEmail = event.text("adminEmail");
        String plan = event.text("plan");
        if (!Slugs.isValid(slug)) {
            fail(event, id, slug, "slug '" + slug + "' is malformed or reserved");
            return;
        }
        Optional<Tenant> holder = directory.findBySlug(slug);
        if (holder.isPresent() && !holder.get().id().equals(id)) {
            fail(event, id, slug, "slug '" + slug + "' is already used by another organisation");
            return;
        }
        String cluster;
        try {
            // The cluster an operator named, or the one holding the fewest schemas.
            cluster = clusters.placeNew(event.optionalText("cluster").orElse(null), directory.schemasPerCluster());
        } catch (IllegalArgumentException e) {
            fail(event, id, slug, e.getMessage());
            return;
        }
        Tenant tenant = directory.register(id, slug, name, plan, adminEmail, cluster);
        Optional<String> restoreFrom = event.optionalText("restoreFrom");
        try {
            if (restoreFrom.isPresent()) {
                // A new organisation made from another's backup: its people come with it, so nobody is invited. Restored
                // at the backup's version, then migrated on; a redelivery finds it restored (its version recorded).
                java.util.UUID backupId = java.util.UUID.fromString(restoreFrom.get());
                TenantId source = operations.findBackup(backupId).map(backup -> new TenantId(backup.tenantId()))
                        .orElseThrow(() -> new IllegalArgumentException("no backup " + backupId));
                if (tenant.migrationVersion() == null) {
                    operations.restoreAsNew(backupId, tenant.id());
                }
                migrations.migrate(tenant);
                restored.publishEvent(new TenantSchemaRestored(tenant, source));
            } else {
                migrations.migrate(tenant);
                ready.publishEvent(new TenantSchemaReady(tenant, adminEmail));
            }
        } catch (RuntimeException e) {
            LOG.error("provisioning of tenant {} failed", slug, e);
            fail(event, id, slug, "provisioning failed: " + e.getMessage());
            return;
        }
        self.get().activate(event, id, slug, tenant.schemaName());
        served.forget(slug);
        try {
            reports.get().report(id);
        } catch (RuntimeException e) {
            LOG.warn("could not report organisation {} after provisioning (the hourly report will)", slug, e);
        }
        LOG.info("tenant {} provisioned in schema {}", slug, tenant.schemaName());
    }

    /** The last step of {@link #provision}, in one transaction: active, the event recorded, TenantProvisioned sent. */
    @Transactional
    void activate(EventEnvelope event, TenantId id, String slug, String schemaName) {
        directory.changeStatus(id, TenantStatus.ACTIVE);
        processed.record(event.eventId(), event.type());
        outbox.publish(new ProvisioningEvent.TenantProvisioned(id, slug, schemaName, migrations.latestVersion()));
    }

    /**
     * FirstAdminInvitationResent: identity sends a new invitation (unless he has joined); the event is recorded after,
     * on the home cluster. Not one transaction: the invitation is written in the organisation's schema, which may be
     * on another cluster. A redelivery before the record sends one more link (the earlier stops working).
     */
    public void reinviteFirstAdmin(EventEnvelope event) {
        TenantId id = new TenantId(event.tenantId());
        String adminEmail = event.text("adminEmail");
        if (processed.contains(event.eventId())) {
            return;
        }
        Optional<Tenant> tenant = directory.findById(id);
        if (tenant.isEmpty() || tenant.get().status() != TenantStatus.ACTIVE) {
            LOG.warn("{} for tenant {} that is not active here: ignored", event.type(), id);
        } else {
            reinvited.publishEvent(new FirstAdminReinvited(tenant.get(), adminEmail));
        }
        processed.record(event.eventId(), event.type());
    }

    /** TenantSuspended / TenantReactivated: the host stops or resumes being served on every instance. */
    @Transactional
    public void changeStatus(EventEnvelope event, TenantStatus newStatus) {
        TenantId id = new TenantId(event.tenantId());
        if (!processed.record(event.eventId(), event.type())) {
            return;
        }
        Optional<Tenant> tenant = directory.findById(id);
        if (tenant.isEmpty()) {
            LOG.warn("{} for unknown tenant {}: ignored", event.type(), id);
        } else if (tenant.get().status() == TenantStatus.PROVISIONING) {
            LOG.warn("{} for tenant {} still provisioning: ignored", event.type(), tenant.get().slug());
        } else {
            directory.changeStatus(id, newStatus);
            served.forget(tenant.get().slug());
        }
    }

    private void fail(EventEnvelope event, TenantId id, String slug, String reason) {
        LOG.warn("provisioning of tenant {} failed: {}", slug, reason);
        self.get().recordFailure(event, id, slug, reason);
    }

    /** A provisioning that cannot succeed, in one transaction: the event recorded, TenantProvisioningFailed sent. */
    @Transactional
    void recordFailure(EventEnvelope event, TenantId id, String slug, String reason) {
        processed.record(event.eventId(), event.type());
        outbox.publish(new ProvisioningEvent.TenantProvisioningFailed(id, slug, reason));
    }
}
