package io.hearth.payments;

import io.hearth.gatherings.EventView;
import io.hearth.gatherings.Gatherings;
import io.hearth.gatherings.Registrations;
import io.hearth.identity.People;
import io.hearth.kit.outbox.Outbox;
import io.hearth.messaging.Mailer;
import io.hearth.payments.internal.PaymentLine;
import io.hearth.payments.internal.PaymentRepository;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/**
 * A retreat paid in N monthly instalments: a Stripe subscription on the organisation's account whose first invoice
 * is paid in Checkout (that confirms the seat) and which ends by itself after the N-th ({@code cancel_at}). Each
 * invoice is recorded once by its id, so the order of Stripe's events does not matter; a failed instalment is
 * retried by Stripe and shown to the man; a plan Stripe gives up on lapses, and the organisation's policy decides
 * whether the seat goes back to the waiting list (only before the event's cancellation cutoff).
 */
@TenantBound
@Singleton
public class InstalmentPlans {

    private static final Logger LOG = LoggerFactory.getLogger(InstalmentPlans.class);

    private final PaymentRepository payments;
    private final PaymentProvider provider;
    private final PaymentSettlement settlement;
    private final Refunds refunds;
    private final Registrations registrations;
    private final Gatherings events;
    private final Outbox outbox;
    private final Mailer mailer;
    private final People people;
    private final Clock clock;

    public InstalmentPlans(PaymentRepository payments, PaymentProvider provider, PaymentSettlement settlement, Refunds refunds, Registrations registrations,
                           Gatherings events, Outbox outbox, Mailer mailer, People people, Clock clock) {
        this.payments = payments;
        this.provider = provider;
        this.settlement = settlement;
        this.refunds = refunds;
        this.registrations = registrations;
        this.events = events;
        this.outbox = outbox;
        this.mailer = mailer;
        this.people = people;
        this.clock = clock;
    }

    /** The payment an invoice or subscription belongs to: by the subscription id, or by the metadata Hearth gave it. */
    Optional<PaymentLine> paymentOf(String subscription, java.util.Map<String, String> metadata) {
        return payments.lockBySubscription(subscription).or(() -> Optional.ofNullable(metadata.get("hearth_payment")).map(UUID::fromString)
                .flatMap(payments::lock).filter(PaymentLine::inInstalments));
    }

    /** An instalment's invoice as re-read from Stripe (inside the transaction that records the Stripe event). */
    @Transactional
    public void invoice(Tenant tenant, String account, PaymentProvider.InvoiceState invoice, Optional<String> paymentIntent) {
        if (invoice.subscription() == null) {
            return;
        }
        Optional<PaymentLine> found = paymentOf(invoice.subscription(), invoice.subscriptionMetadata()).filter(p -> p.accountId().equals(account));
        if (found.isEmpty()) {
            LOG.info("invoice {} of subscription {} is no instalment plan of this organisation", invoice.id(), invoice.subscription());
            return;
        }
        PaymentLine payment = found.get();
        payments.attachSubscription(payment.id(), invoice.subscription());
        boolean paid = invoice.status() == PaymentProvider.InvoiceStatus.PAID;
        if (paid && payments.instalmentStatus(invoice.id()).filter("PAID"::equals).isPresent()) {
            // Known paid already (a retry by support, then Stripe's own event): counted once.
            return;
        }
        payments.recordInstalment(invoice.id(), payment.id(), paid ? invoice.amountPaid() : invoice.amountDue(), paid ? "PAID" : "FAILED",
                Math.max(1, invoice.attemptCount()), paymentIntent.orElse(null));
        if (paid && (payment.status().equals("OPEN") || payment.status().equals("EXPIRED"))) {
            // The first instalment's invoice may come before Checkout's own event: it confirms the seat all the same.
            settlement.seatPaid(tenant, payment, null, null);
        }
        PaymentLine now = payments.findById(payment.id()).orElseThrow();
        int count = payments.paidInstalments(payment.id());
        if (paid) {
            boolean complete = count >= payment.instalments();
            Instant first = now.paidAt() == null ? clock.instant() : now.paidAt();
            payments.updatePlan(payment.id(), count, "LAPSED".equals(now.planStatus()) ? "LAPSED" : complete ? "COMPLETED" : "ACTIVE",
                    complete ? null : first.atOffset(ZoneOffset.UTC).plusMonths(count).toInstant());
            long fee = java.math.BigDecimal.valueOf(invoice.amountPaid()).multiply(java.math.BigDecimal.valueOf(payment.applicationFeeCents()))
                    .divide(java.math.BigDecimal.valueOf(payment.amountCents()), 0, java.math.RoundingMode.HALF_UP).longValueExact();
            outbox.publish(new PaymentEvent.InstalmentPaid(tenant.id(), payment.id(), payment.personId(), payment.registrationId(), count,
                    payment.instalments(), invoice.amountPaid(), payment.currency(), fee));
        } else if (invoice.status() == PaymentProvider.InvoiceStatus.OPEN || invoice.status() == PaymentProvider.InvoiceStatus.UNCOLLECTIBLE) {
            payments.updatePlan(payment.id(), count, "LAPSED".equals(now.planStatus()) ? "LAPSED" : "PAST_DUE", now.nextInstalmentAt());
            outbox.publish(new PaymentEvent.InstalmentFailed(tenant.id(), payment.id(), payment.personId(), payment.registrationId(),
                    count + 1, payment.instalments(), invoice.amountDue(), payment.currency(), invoice.attemptCount(), invoice.nextPaymentAttempt()));
            people.emailOf(payment.personId()).ifPresent(email -> mailer.send(tenant, email, "An instalment could not be taken",
                    "The instalment of " + PaymentSettlement.money(invoice.amountDue(), payment.currency()) + " for " + payment.description()
                            + " could not be taken from your card."
                            + (invoice.nextPaymentAttempt() == null ? "" : " Stripe tries again on " + invoice.nextPaymentAttempt().toString().substring(0, 10) + ".")
                            + "\n\nIf your card has changed, tell the organisation's support so that your seat stays yours.\n"));
        }
    }

    /**
     * The subscription ended ({@code customer.subscription.deleted}): after the last instalment that is the plan
     * done; before it, the plan lapsed (Stripe gave up on a failed instalment, or it was cancelled).
     */
    @Transactional
    public void ended(Tenant tenant, String account, PaymentProvider.SubscriptionState subscription) {
        Optional<PaymentLine> found = paymentOf(subscription.id(), subscription.metadata()).filter(p -> p.accountId().equals(account));
        if (found.isEmpty()) {
            return;
        }
        PaymentLine payment = found.get();
        int count = payments.paidInstalments(payment.id());
        if (count >= payment.instalments() || "LAPSED".equals(payment.planStatus()) || !"PAID".equals(payment.status())) {
            payments.updatePlan(payment.id(), count, count >= payment.instalments() ? "COMPLETED" : payment.planStatus(), null);
            return;
        }
        payments.updatePlan(payment.id(), count, "LAPSED", null);
        boolean released = false;
        if (payment.registrationId() != null && payment.eventId() != null && "RELEASE".equals(payments.lapsedPlanPolicy())) {
            EventView event = events.find(payment.eventId()).orElseThrow();
            if (clock.instant().isBefore(event.startsAt().minus(Duration.ofHours(event.cancellationCutoffHours())))) {
                registrations.release(tenant, payment.registrationId(), null, "Instalments not paid");
                released = true;
            }
        }
        outbox.publish(new PaymentEvent.InstalmentPlanLapsed(tenant.id(), payment.id(), payment.personId(), payment.registrationId(),
                count, payment.instalments(), released));
        boolean seatGone = released;
        people.emailOf(payment.personId()).ifPresent(email -> mailer.send(tenant, email, "Your instalment plan has ended",
                "The instalments for " + payment.description() + " could not be taken, and the plan has ended after " + count + " of "
                        + payment.instalments() + ".\n\n" + (seatGone ? "Your seat has gone back to the event; what you paid is not lost: "
                        + "the organisation's support will sort it out with you.\n" : "Your seat is kept; the organisation's support will "
                        + "be in touch about the rest.\n")));
    }

    /**
     * After the first instalment's Checkout: the subscription is told to end after the last instalment, or, when no
     * seat was left for him, it is cancelled and what he paid goes back.
     */
    public void afterCheckout(Tenant tenant, String sessionId) {
        Optional<PaymentLine> found = payments.findBySession(sessionId).filter(PaymentLine::inInstalments);
        if (found.isEmpty() || found.get().subscriptionId() == null || found.get().planEndAt() != null) {
            return;
        }
        PaymentLine payment = found.get();
        try {
            if (payment.status().equals("REFUND_DUE")) {
                PaymentProvider.SubscriptionState subscription = provider.subscription(payment.accountId(), payment.subscriptionId());
                if (subscription.latestInvoice() != null) {
                    PaymentProvider.InvoiceState first = provider.invoice(payment.accountId(), subscription.latestInvoice());
                    invoice(tenant, payment.accountId(), first, provider.paymentIntentOf(payment.accountId(), first.id()));
                }
                if (subscription.status() != PaymentProvider.SubscriptionStatus.CANCELED) {
                    provider.cancelSubscription(payment.accountId(), payment.subscriptionId(), "hearth-plan-cancel-" + payment.id());
                }
                owePaidInstalments(payment.id());
                payments.planEndSet(payment.id());
                refunds.sendPendingOf(tenant, payment.id());
            } else if (payment.status().equals("PAID")) {
                PaymentProvider.SubscriptionState subscription = provider.subscription(payment.accountId(), payment.subscriptionId());
                if (subscription.cancelAt() == null && subscription.billingCycleAnchor() != null) {
                    Instant end = subscription.billingCycleAnchor().atOffset(ZoneOffset.UTC).plusMonths(payment.instalments() - 1).plusDays(1).toInstant();
                    provider.endSubscriptionAt(payment.accountId(), payment.subscriptionId(), end, "hearth-plan-end-" + payment.id());
                }
                payments.planEndSet(payment.id());
            }
        } catch (PaymentProvider.ProviderFailure e) {
            LOG.warn("instalment plan of payment {} not yet set up at Stripe, the reconciliation tries again: {}", payment.id(), e.getMessage());
        }
    }

    @Transactional
    void owePaidInstalments(UUID paymentId) {
        PaymentLine payment = payments.lock(paymentId).orElseThrow();
        if (payments.findRefundsOf(paymentId).isEmpty()) {
            refunds.owe(payment, payment.refundReason() == null ? "no seat left when the payment arrived" : payment.refundReason());
        }
    }
}
