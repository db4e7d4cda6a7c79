package io.hearth.payments;

import io.hearth.ErrorCode;
import io.hearth.kit.Refusal;
import io.hearth.payments.internal.PaymentRepository;
import io.hearth.payments.internal.StripeAccountDirectory;
import io.hearth.tenancy.InTenant;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Optional;

/**
 * Stripe's Connect webhooks, each counted once. The adapter checks the signature of the raw body (with its
 * timestamp's tolerance) and translates the event into a {@link ProviderEvent}; the mode must be ours, the
 * organisation is found from its account. The event's id is
 * recorded in the organisation's schema in the same transaction as its effect, and kept for good: a retry, a
 * resend from Stripe's dashboard or two deliveries at once change nothing more. The body is not taken at its word:
 * the object is re-read from Stripe before acting, so the order of arrival does not matter.
 */
@Singleton
public class StripeWebhooks {

    private static final Logger LOG = LoggerFactory.getLogger(StripeWebhooks.class);

    /** What a delivery came to. */
    @Schema(name = "WebhookOutcome")
    public enum Outcome { APPLIED, DUPLICATE, IGNORED, UNKNOWN_ACCOUNT }

    private final PaymentProvider provider;
    private final StripeAccountDirectory accounts;
    private final InTenant tenants;
    private final PaymentRepository repository;
    private final Connect connect;
    private final PaymentSettlement settlement;
    private final Refunds refunds;
    private final InstalmentPlans plans;
    private final Dues dues;
    private final Interventions interventions;

    public StripeWebhooks(PaymentProvider provider, StripeAccountDirectory accounts, InTenant tenants, PaymentRepository repository,
                          Connect connect, PaymentSettlement settlement, Refunds refunds, InstalmentPlans plans, Dues dues,
                          Interventions interventions) {
        this.provider = provider;
        this.accounts = accounts;
        this.tenants = tenants;
        this.repository = repository;
        this.connect = connect;
        this.settlement = settlement;
        this.refunds = refunds;
        this.plans = plans;
        this.dues = dues;
        this.interventions = interventions;
    }

    public Outcome receive(String payload, @Nullable String signature) {
        ProviderEvent event;
        try {
            event = provider.event(payload, signature);
        } catch (PaymentProvider.UnreadableEvent e) {
            throw new Refusal(Refusal.Kind.MALFORMED, ErrorCode.STRIPE_SIGNATURE_INVALID, e.getMessage());
        }
        ProviderEvent.Delivery delivery = event.delivery();
        if (delivery.livemode() != provider.livemode()) {
            LOG.warn("Stripe event {} is {} mode, this platform is {} mode: refused", delivery.id(),
                    delivery.livemode() ? "live" : "test", provider.livemode() ? "live" : "test");
            throw new Refusal(Refusal.Kind.MALFORMED, ErrorCode.STRIPE_LIVEMODE_MISMATCH, "The event is of the other mode (livemode)");
        }
        if (delivery.account() == null) {
            LOG.info("Stripe event {} ({}) is the platform's own, not a connected account's: nothing to do", delivery.id(), delivery.type());
            return Outcome.IGNORED;
        }
        Optional<TenantId> owner = accounts.tenantOf(delivery.account(), provider.livemode());
        Optional<Outcome> outcome = owner.flatMap(id -> tenants.call(id, tenant -> handleOrIgnore(tenant, event)));
        if (outcome.isEmpty()) {
            LOG.warn("Stripe event {} ({}) for account {}, which is no organisation's: nothing done", delivery.id(), delivery.type(),
                    delivery.account());
            return Outcome.UNKNOWN_ACCOUNT;
        }
        return outcome.get();
    }

    /**
     * An object Stripe says does not exist never will, and a read Stripe refuses (a key or permission problem) will not
     * change either: the event is recorded as ignored (with why, so it is counted and a resend is a duplicate) and
     * acknowledged. A failure to reach Stripe, or one on its side, answers 503, so that Stripe delivers it again later.
     */
    private Outcome handleOrIgnore(Tenant tenant, ProviderEvent event) {
        ProviderEvent.Delivery delivery = event.delivery();
        try {
            return handle(tenant, event);
        } catch (PaymentProvider.ProviderFailure e) {
            if (!e.isTransient()) {
                if (repository.recordIgnoredEvent(delivery.id(), delivery.type(), delivery.created(), e.getMessage()) == 0) {
                    return Outcome.DUPLICATE;
                }
                if (e.isMissing()) {
                    LOG.warn("Stripe event {} ({}) on account {} names an object Stripe does not have: ignored ({})", delivery.id(),
                            delivery.type(), delivery.account(), e.getMessage());
                } else {
                    // Stripe refused to tell (a key or permission problem): asking again will not change its answer.
                    LOG.error("Stripe event {} ({}) on account {}: Stripe refused to let it be read, ignored: {}", delivery.id(),
                            delivery.type(), delivery.account(), e.getMessage());
                }
                return Outcome.IGNORED;
            }
            LOG.warn("Stripe event {} ({}) not handled now, Stripe will deliver it again: {}", delivery.id(), delivery.type(), e.getMessage());
            throw new Refusal(Refusal.Kind.UNAVAILABLE, ErrorCode.PAYMENTS_UNAVAILABLE, "Stripe cannot be read now: deliver the event again later");
        }
    }

    private Outcome handle(Tenant tenant, ProviderEvent event) {
        ProviderEvent.Delivery delivery = event.delivery();
        String account = delivery.account();
        Instant created = delivery.created();
        if (event instanceof ProviderEvent.AccountChanged) {
            PaymentProvider.AccountState state = provider.account(account);
            return once(delivery, () -> connect.apply(tenant, state, created));
        }
        if (event instanceof ProviderEvent.CheckoutChanged checkout) {
            PaymentProvider.CheckoutState session = provider.checkoutSession(account, checkout.sessionId());
            if (session.metadata().containsKey("hearth_dues")) {
                PaymentProvider.SubscriptionState subscription = session.subscription() == null ? null : provider.subscription(account, session.subscription());
                return once(delivery, () -> dues.checkoutCompleted(tenant, account, session, subscription));
            }
            String receipt = session.paid() && session.paymentIntent() != null ? receipt(account, session.paymentIntent()) : null;
            Outcome outcome = once(delivery, () -> settlement.settle(tenant, account, session, receipt));
            settlement.refundIfDue(tenant, session.id());
            plans.afterCheckout(tenant, session.id());
            return outcome;
        }
        if (event instanceof ProviderEvent.InvoiceChanged changed) {
            PaymentProvider.InvoiceState invoice = provider.invoice(account, changed.invoiceId());
            Optional<String> intent = invoice.status() == PaymentProvider.InvoiceStatus.PAID ? provider.paymentIntentOf(account, invoice.id()) : Optional.empty();
            if (invoice.subscriptionMetadata().containsKey("hearth_dues")) {
                return once(delivery, () -> dues.invoice(tenant, account, invoice));
            }
            return once(delivery, () -> plans.invoice(tenant, account, invoice, intent));
        }
        if (event instanceof ProviderEvent.SubscriptionEnded ended) {
            PaymentProvider.SubscriptionState subscription = provider.subscription(account, ended.subscriptionId());
            if (subscription.metadata().containsKey("hearth_dues")) {
                return once(delivery, () -> dues.ended(tenant, account, subscription));
            }
            return once(delivery, () -> plans.ended(tenant, account, subscription));
        }
        if (event instanceof ProviderEvent.ChargeRefunded refunded) {
            PaymentProvider.ChargeState charge = provider.charge(account, refunded.chargeId());
            return once(delivery, () -> settlement.refundedAtStripe(account, charge.paymentIntent(), charge.amountRefunded()));
        }
        if (event instanceof ProviderEvent.DisputeChanged dispute) {
            return once(delivery, () -> interventions.disputed(tenant, account, dispute.paymentIntent(), dispute.status(), dispute.amountCents()));
        }
        if (event instanceof ProviderEvent.RefundChanged changed) {
            PaymentProvider.RefundState refund = provider.refundState(account, changed.refundId());
            if (refund.status() == PaymentProvider.RefundStatus.FAILED || refund.status() == PaymentProvider.RefundStatus.CANCELED) {
                return once(delivery, () -> refunds.failedAtStripe(tenant, refund.id(),
                        refund.failureReason() == null ? refund.status().name().toLowerCase(java.util.Locale.ROOT) : refund.failureReason()));
            }
            return once(delivery, () -> LOG.debug("refund {} is {}", refund.id(), refund.status()));
        }
        return once(delivery, () -> LOG.debug("Stripe event {} ({}) needs nothing", delivery.id(), delivery.type()));
    }

    /** Stripe's receipt for his receipt mail; without it the mail links to his payments page, so a failure here delays nothing. */
    @Nullable
    private String receipt(String account, String paymentIntent) {
        try {
            return provider.receiptUrl(account, paymentIntent).orElse(null);
        } catch (PaymentProvider.ProviderFailure e) {
            LOG.warn("Stripe's receipt for payment intent {} could not be read; the receipt mail links to his payments page: {}", paymentIntent,
                    e.getMessage());
            return null;
        }
    }

    /** The effect and the event's id in one transaction; nothing when the id was recorded before. */
    @Transactional
    Outcome once(ProviderEvent.Delivery delivery, Runnable effect) {
        if (repository.recordEvent(delivery.id(), delivery.type(), delivery.created()) == 0) {
            return Outcome.DUPLICATE;
        }
        effect.run();
        return Outcome.APPLIED;
    }
}
