package io.hearth.admin.tenants;

import io.hearth.admin.outbox.Topics;
import io.hearth.admin.tenants.internal.TenantRepository;
import io.hearth.admin.tenants.internal.TenantRow;
import io.hearth.kit.Refusal;
import io.hearth.kit.Slugs;
import io.hearth.kit.outbox.EventEnvelope;
import io.hearth.kit.outbox.Outbox;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * The registry of organisations. Every change and the event announcing it are written in one transaction; the
 * outbox relay sends the event to app.
 */
@Singleton
public class TenantRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(TenantRegistry.class);

    private final TenantRepository repository;
    private final Outbox outbox;
    private final Plans plans;

    public TenantRegistry(TenantRepository repository, Outbox outbox, Plans plans) {
        this.repository = repository;
        this.outbox = outbox;
        this.plans = plans;
    }

    @Transactional
    public Tenant register(String slug, String name, String adminEmail, String plan) {
        return register(slug, name, adminEmail, plan, null, null);
    }

    /**
     * As {@link #register(String, String, String, String)}, on a cluster an operator names (null: app chooses) and, with
     * {@code restoreFrom}, from a backup of another organisation.
     */
    @Transactional
    public Tenant register(String slug, String name, String adminEmail, String plan, @io.micronaut.core.annotation.Nullable String cluster,
                           @io.micronaut.core.annotation.Nullable UUID restoreFrom) {
        if (!Slugs.isValid(slug)) {
            throw Refusal.invalid("slug", Slugs.isReserved(slug)
                    ? "is reserved"
                    : "must be 3 to 30 lowercase letters, digits or hyphens, start with a letter and not end with a hyphen");
        }
        Plan onPlan = plans.require(plan.trim());
        if (repository.existsBySlug(slug)) {
            throw Refusal.conflict("The slug '" + slug + "' is already taken");
        }
        Instant now = Instant.now();
        TenantRow row;
        try {
            row = repository.save(new TenantRow(UUID.randomUUID(), slug, name.trim(), adminEmail.trim().toLowerCase(Locale.ROOT),
                    plan.trim(), TenantStatus.PROVISIONING.name(), null, now, now, null, null));
        } catch (DataAccessException e) {
            // Two registrations of the same slug at once: the unique constraint decides, the loser is told.
            if (String.valueOf(e.getMessage()).contains("tenants_slug_key")) {
                throw Refusal.conflict("The slug '" + slug + "' is already taken");
            }
            throw e;
        }
        outbox.publish(new LifecycleEvent.TenantRegistered(row.id(), row.slug(), row.name(), row.adminEmail(), row.plan(), onPlan.feePercent(),
                onPlan.feeFixedCents(), cluster, restoreFrom));
        LOG.info("tenant {} registered", slug);
        return row.view();
    }

    /** Moves the organisation to another plan; app takes that plan's fee from now on. */
    @Transactional
    public Tenant changePlan(String slug, String plan) {
        Plan onPlan = plans.require(plan);
        TenantRow row = repository.findBySlugForUpdate(slug).orElseThrow(() -> Refusal.notFound("No organisation with slug '" + slug + "'"));
        TenantRow changed = new TenantRow(row.id(), row.slug(), row.name(), row.adminEmail(), onPlan.code(), row.status(), row.failureReason(),
                row.createdAt(), Instant.now(), row.activatedAt(), row.smsNumber());
        repository.update(changed);
        outbox.publish(new LifecycleEvent.TenantPlanChanged(row.id(), row.slug(), onPlan.code(), onPlan.feePercent(), onPlan.feeFixedCents()));
        return changed.view();
    }

    /**
     * Gives the organisation its own texting number (E.164, bought from the SMS provider), or takes it away (null: it
     * texts from the shared number again). 409 when another organisation has it; app is told
     * ({@code TenantSmsNumberChanged}).
     */
    @Transactional
    public Tenant changeSmsNumber(String slug, @io.micronaut.core.annotation.Nullable String number) {
        String wanted = number == null || number.isBlank() ? null : number.strip();
        if (wanted != null && !wanted.matches("\\+[1-9][0-9]{6,14}")) {
            throw Refusal.invalid("number", "must be an international number such as +447700900123");
        }
        TenantRow row = repository.findBySlugForUpdate(slug).orElseThrow(() -> Refusal.notFound("No organisation with slug '" + slug + "'"));
        if (java.util.Objects.equals(wanted, row.smsNumber())) {
            return row.view();
        }
        if (wanted != null && repository.findBySmsNumber(wanted).filter(other -> !other.id().equals(row.id())).isPresent()) {
            throw Refusal.conflict("Another organisation texts from " + wanted);
        }
        TenantRow changed = repository.update(new TenantRow(row.id(), row.slug(), row.name(), row.adminEmail(), row.plan(), row.status(),
                row.failureReason(), row.createdAt(), Instant.now(), row.activatedAt(), wanted));
        outbox.publish(new LifecycleEvent.TenantSmsNumberChanged(row.id(), row.slug(), wanted));
        LOG.info("tenant {} texts from {}", slug, wanted == null ? "the shared number" : wanted);
        return changed.view();
    }

    public Optional<Tenant> find(String slug) {
        return repository.findBySlug(slug).map(TenantRow::view);
    }

    /** One page of organisations, oldest first, in a status and matching a search on slug or name (either may be null). */
    public Page<Tenant> list(@io.micronaut.core.annotation.Nullable TenantStatus status, @io.micronaut.core.annotation.Nullable String search, int page, int size) {
        String pattern = search == null || search.isBlank() ? null
                : "%" + search.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return repository.search(status == null ? null : status.name(), pattern,
                Pageable.from(page, size)).map(TenantRow::view);
    }

    @Transactional
    public Tenant suspend(String slug) {
        return transition(slug, TenantStatus.ACTIVE, TenantStatus.SUSPENDED, LifecycleEvent.TenantSuspended::new);
    }

    @Transactional
    public Tenant reactivate(String slug) {
        return transition(slug, TenantStatus.SUSPENDED, TenantStatus.ACTIVE, LifecycleEvent.TenantReactivated::new);
    }

    /**
     * Provisioning again: a FAILED organisation (or one still PROVISIONING, when app never answered) goes back to
     * PROVISIONING and app is asked to run its steps again. An ACTIVE or SUSPENDED one has nothing to retry: 409.
     */
    @Transactional
    public Tenant retryProvisioning(String slug) {
        TenantRow row = repository.findBySlugForUpdate(slug)
                .orElseThrow(() -> Refusal.notFound("No organisation with slug '" + slug + "'"));
        TenantStatus current = TenantStatus.valueOf(row.status());
        if (current != TenantStatus.FAILED && current != TenantStatus.PROVISIONING) {
            throw Refusal.conflict("The organisation is " + current + ": only a FAILED or PROVISIONING one can be provisioned again");
        }
        TenantRow changed = repository.update(new TenantRow(row.id(), row.slug(), row.name(), row.adminEmail(), row.plan(),
                TenantStatus.PROVISIONING.name(), null, row.createdAt(), Instant.now(), row.activatedAt(), row.smsNumber()));
        outbox.publish(new LifecycleEvent.TenantProvisioningRetried(row.id(), row.slug(), row.name(), row.adminEmail(), row.plan()));
        LOG.info("tenant {} provisioning retried (was {})", slug, current);
        return changed.view();
    }

    /** A new invitation for the first admin, sent by app unless he has joined. Only for an ACTIVE organisation: 409 otherwise. */
    @Transactional
    public Tenant resendInvitation(String slug) {
        TenantRow row = repository.findBySlugForUpdate(slug)
                .orElseThrow(() -> Refusal.notFound("No organisation with slug '" + slug + "'"));
        if (!TenantStatus.ACTIVE.name().equals(row.status())) {
            throw Refusal.conflict("The organisation is " + row.status() + ": invitations are sent for an ACTIVE one");
        }
        outbox.publish(new LifecycleEvent.FirstAdminInvitationResent(row.id(), row.slug(), row.adminEmail()));
        LOG.info("tenant {}: first admin invitation resent", slug);
        return row.view();
    }

    private Tenant transition(String slug, TenantStatus from, TenantStatus to, BiFunction<UUID, String, LifecycleEvent> fact) {
        TenantRow row = repository.findBySlugForUpdate(slug)
                .orElseThrow(() -> Refusal.notFound("No organisation with slug '" + slug + "'"));
        TenantStatus current = TenantStatus.valueOf(row.status());
        if (current == to) {
            return row.view();
        }
        if (current != from) {
            throw Refusal.conflict("The organisation is " + current + "; only a " + from + " one can become " + to);
        }
        TenantRow changed = repository.update(new TenantRow(row.id(), row.slug(), row.name(), row.adminEmail(), row.plan(),
                to.name(), row.failureReason(), row.createdAt(), Instant.now(), row.activatedAt(), row.smsNumber()));
        outbox.publish(fact.apply(row.id(), row.slug()));
        return changed.view();
    }

    /** app's answer to a registration: ACTIVE, or FAILED with its reason. Only a PROVISIONING tenant changes. */
    @Transactional
    public void recordProvisioning(UUID tenantId, boolean succeeded, String reason) {
        repository.findById(tenantId).ifPresentOrElse(row -> {
            if (!TenantStatus.PROVISIONING.name().equals(row.status())) {
                return;
            }
            Instant now = Instant.now();
            repository.update(new TenantRow(row.id(), row.slug(), row.name(), row.adminEmail(), row.plan(),
                    (succeeded ? TenantStatus.ACTIVE : TenantStatus.FAILED).name(), succeeded ? null : reason,
                    row.createdAt(), now, succeeded ? now : null, row.smsNumber()));
        }, () -> LOG.warn("provisioning outcome for unknown tenant {}", tenantId));
    }
}
