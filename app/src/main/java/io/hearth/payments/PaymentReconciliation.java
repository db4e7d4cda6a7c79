package io.hearth.payments;

import io.hearth.payments.internal.PaymentLine;
import io.hearth.payments.internal.PaymentRepository;
import io.hearth.tenancy.EachTenant;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Payments never stay stuck because a webhook was lost: open Checkout sessions older than a few minutes are
 * re-read from Stripe and settled as a webhook would have settled them, and refunds Stripe did not take yet are
 * sent again (with the same idempotency key: never twice), and instalment plans whose subscription was not yet told how
 * to end are told.
 */
@TenantBound
@Singleton
public class PaymentReconciliation {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentReconciliation.class);
    private static final Duration GRACE = Duration.ofMinutes(5);

    private final EachTenant eachTenant;
    private final PaymentRepository payments;
    private final PaymentSettlement settlement;
    private final Refunds refunds;
    private final InstalmentPlans plans;
    private final PaymentProvider provider;
    private final Clock clock;

    public PaymentReconciliation(EachTenant eachTenant, PaymentRepository payments, PaymentSettlement settlement, Refunds refunds,
                                 InstalmentPlans plans, PaymentProvider provider, Clock clock) {
        this.eachTenant = eachTenant;
        this.payments = payments;
        this.settlement = settlement;
        this.refunds = refunds;
        this.plans = plans;
        this.provider = provider;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${hearth.stripe.reconcile-every:5m}", initialDelay = "1m")
    void everyFewMinutes() {
        if (provider.configured()) {
            eachTenant.run("payment reconciliation", this::reconcile);
        }
    }

    /** For the organisation in scope: settles what Stripe knows and Hearth does not yet. */
    public void reconcile(Tenant tenant) {
        Instant now = clock.instant();
        for (UUID id : payments.findUnsettled(now.minus(GRACE))) {
            PaymentLine payment = payments.findById(id).orElseThrow();
            try {
                if (payment.checkoutSessionId() != null) {
                    PaymentProvider.CheckoutState session = provider.checkoutSession(payment.accountId(), payment.checkoutSessionId());
                    if (session.status() != PaymentProvider.CheckoutStatus.OPEN) {
                        settlement.settle(tenant, payment.accountId(), session);
                        settlement.refundIfDue(tenant, session.id());
                        plans.afterCheckout(tenant, session.id());
                    }
                } else if (payment.createdAt().isBefore(now.minus(Duration.ofHours(1)))) {
                    // Stripe was never reached for it; the man starts again with a new payment.
                    payments.markExpired(payment.id());
                }
            } catch (PaymentProvider.ProviderFailure e) {
                LOG.warn("reconciliation of payment {} failed, next round tries again: {}", id, e.getMessage());
            }
        }
        for (UUID refund : payments.findPendingRefunds(now.minus(Duration.ofMinutes(1)))) {
            refunds.send(tenant, refund);
        }
        for (String session : payments.findPlansToEnd()) {
            plans.afterCheckout(tenant, session);
        }
    }
}
