package io.hearth.payments;

import com.stripe.exception.EventDataObjectDeserializationException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.model.HasId;
import com.stripe.model.StripeObject;
import io.hearth.ErrorCode;
import io.hearth.kit.Refusal;
import io.hearth.payments.internal.PaymentRepository;
import io.hearth.payments.internal.StripeAccountDirectory;
import io.hearth.payments.internal.StripeApi;
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
 * Stripe's Connect webhooks, each counted once. The signature of the raw body is checked (with its timestamp's
 * tolerance), the mode must be ours, the organisation is found from {@code event.account}. The event's id is
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

    private final StripeApi stripe;
    private final StripeAccountDirectory accounts;
    private final InTenant tenants;
    private final PaymentRepository repository;
    private final Connect connect;
    private final PaymentSettlement settlement;
    private final Refunds refunds;
    private final InstalmentPlans plans;
    private final Dues dues;
    private final Interventions interventions;

    public StripeWebhooks(StripeApi stripe, StripeAccountDirectory accounts, InTenant tenants, PaymentRepository repository,
                          Connect connect, PaymentSettlement settlement, Refunds refunds, InstalmentPlans plans, Dues dues,
                          Interventions interventions) {
        this.stripe = stripe;
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
        Event event;
        try {
            event = stripe.verify(payload, signature);
        } catch (SignatureVerificationException e) {
            throw new Refusal(Refusal.Kind.MALFORMED, ErrorCode.STRIPE_SIGNATURE_INVALID, "The Stripe-Signature header does not verify: " + e.getMessage());
        } catch (RuntimeException e) {
            throw new Refusal(Refusal.Kind.MALFORMED, ErrorCode.STRIPE_SIGNATURE_INVALID, "The body is not a Stripe event");
        }
        if (event.getLivemode() == null || event.getLivemode() != stripe.livemode()) {
            LOG.warn("Stripe event {} is {} mode, this platform is {} mode: refused", event.getId(),
                    Boolean.TRUE.equals(event.getLivemode()) ? "live" : "test", stripe.livemode() ? "live" : "test");
            throw new Refusal(Refusal.Kind.MALFORMED, ErrorCode.STRIPE_LIVEMODE_MISMATCH, "The event is of the other mode (livemode)");
        }
        if (event.getAccount() == null) {
            LOG.info("Stripe event {} ({}) is the platform's own, not a connected account's: nothing to do", event.getId(), event.getType());
            return Outcome.IGNORED;
        }
        Optional<TenantId> owner = accounts.tenantOf(event.getAccount(), stripe.livemode());
        Optional<Outcome> outcome = owner.flatMap(id -> tenants.call(id, tenant -> handleOrIgnore(tenant, event)));
        if (outcome.isEmpty()) {
            LOG.warn("Stripe event {} ({}) for account {}, which is no organisation's: nothing done", event.getId(), event.getType(),
                    event.getAccount());
            return Outcome.UNKNOWN_ACCOUNT;
        }
        return outcome.get();
    }

    /**
     * An object Stripe says does not exist never will, and a read Stripe refuses (a key or permission problem) will not
     * change either: the event is recorded as ignored (with why, so it is counted and a resend is a duplicate) and
     * acknowledged. A failure to reach Stripe, or one on its side, answers 503, so that Stripe delivers it again later.
     */
    private Outcome handleOrIgnore(Tenant tenant, Event event) {
        try {
            return handle(tenant, event);
        } catch (StripeApi.StripeFailure e) {
            if (!e.isTransient()) {
                Instant created = Instant.ofEpochSecond(event.getCreated() == null ? 0 : event.getCreated());
                if (repository.recordIgnoredEvent(event.getId(), event.getType(), created, e.getMessage()) == 0) {
                    return Outcome.DUPLICATE;
                }
                if (e.isMissing()) {
                    LOG.warn("Stripe event {} ({}) on account {} names an object Stripe does not have: ignored ({})", event.getId(),
                            event.getType(), event.getAccount(), e.getMessage());
                } else {
                    // Stripe refused to tell (a key or permission problem): asking again will not change its answer.
                    LOG.error("Stripe event {} ({}) on account {}: Stripe refused to let it be read, ignored: {}", event.getId(),
                            event.getType(), event.getAccount(), e.getMessage());
                }
                return Outcome.IGNORED;
            }
            LOG.warn("Stripe event {} ({}) not handled now, Stripe will deliver it again: {}", event.getId(), event.getType(), e.getMessage());
            throw new Refusal(Refusal.Kind.UNAVAILABLE, ErrorCode.PAYMENTS_UNAVAILABLE, "Stripe cannot be read now: deliver the event again later");
        }
    }

    private Outcome handle(Tenant tenant, Event event) {
        String account = event.getAccount();
        Instant created = Instant.ofEpochSecond(event.getCreated() == null ? 0 : event.getCreated());
        StripeObject object = object(event);
        switch (event.getType()) {
            case "account.updated" -> {
                StripeApi.AccountState state = stripe.account(account);
                return once(event, created, () -> connect.apply(tenant, state, created));
            }
            case "checkout.session.completed", "checkout.session.async_payment_succeeded", "checkout.session.async_payment_failed",
                 "checkout.session.expired" -> {
                StripeApi.CheckoutState session = stripe.checkoutSession(account, ((HasId) object).getId());
                if (session.metadata().containsKey("hearth_dues")) {
                    StripeApi.SubscriptionState subscription = session.subscription() == null ? null : stripe.subscription(account, session.subscription());
                    return once(event, created, () -> dues.checkoutCompleted(tenant, account, session, subscription));
                }
                String receipt = session.paid() && session.paymentIntent() != null ? receipt(account, session.paymentIntent()) : null;
                Outcome outcome = once(event, created, () -> settlement.settle(tenant, account, session, receipt));
                settlement.refundIfDue(tenant, session.id());
                plans.afterCheckout(tenant, session.id());
                return outcome;
            }
            case "invoice.paid", "invoice.payment_succeeded", "invoice.payment_failed" -> {
                StripeApi.InvoiceState invoice = stripe.invoice(account, ((HasId) object).getId());
                Optional<String> intent = "paid".equals(invoice.status()) ? stripe.paymentIntentOf(account, invoice.id()) : Optional.empty();
                if (invoice.subscriptionMetadata().containsKey("hearth_dues")) {
                    return once(event, created, () -> dues.invoice(tenant, account, invoice));
                }
                return once(event, created, () -> plans.invoice(tenant, account, invoice, intent));
            }
            case "customer.subscription.deleted" -> {
                StripeApi.SubscriptionState subscription = stripe.subscription(account, ((HasId) object).getId());
                if (subscription.metadata().containsKey("hearth_dues")) {
                    return once(event, created, () -> dues.ended(tenant, account, subscription));
                }
                return once(event, created, () -> plans.ended(tenant, account, subscription));
            }
            case "charge.refunded" -> {
                StripeApi.ChargeState charge = stripe.charge(account, ((HasId) object).getId());
                return once(event, created, () -> settlement.refundedAtStripe(account, charge.paymentIntent(), charge.amountRefunded()));
            }
            case "charge.dispute.created", "charge.dispute.updated", "charge.dispute.closed" -> {
                com.stripe.model.Dispute dispute = (com.stripe.model.Dispute) object;
                return once(event, created, () -> interventions.disputed(tenant, account, dispute.getPaymentIntent(), dispute.getStatus(),
                        dispute.getAmount() == null ? 0 : dispute.getAmount()));
            }
            case "refund.updated", "refund.failed" -> {
                StripeApi.RefundState refund = stripe.refundState(account, ((HasId) object).getId());
                if ("failed".equals(refund.status()) || "canceled".equals(refund.status())) {
                    return once(event, created, () -> refunds.failedAtStripe(tenant, refund.id(),
                            refund.failureReason() == null ? refund.status() : refund.failureReason()));
                }
                return once(event, created, () -> LOG.debug("refund {} is {}", refund.id(), refund.status()));
            }
            default -> {
                return once(event, created, () -> LOG.debug("Stripe event {} ({}) needs nothing", event.getId(), event.getType()));
            }
        }
    }

    /** Stripe's receipt for his receipt mail; without it the mail links to his payments page, so a failure here delays nothing. */
    @Nullable
    private String receipt(String account, String paymentIntent) {
        try {
            return stripe.receiptUrl(account, paymentIntent).orElse(null);
        } catch (StripeApi.StripeFailure e) {
            LOG.warn("Stripe's receipt for payment intent {} could not be read; the receipt mail links to his payments page: {}", paymentIntent,
                    e.getMessage());
            return null;
        }
    }

    /** The effect and the event's id in one transaction; nothing when the id was recorded before. */
    @Transactional
    Outcome once(Event event, Instant created, Runnable effect) {
        if (repository.recordEvent(event.getId(), event.getType(), created) == 0) {
            return Outcome.DUPLICATE;
        }
        effect.run();
        return Outcome.APPLIED;
    }

    private static StripeObject object(Event event) {
        Optional<StripeObject> object = event.getDataObjectDeserializer().getObject();
        if (object.isPresent()) {
            return object.get();
        }
        try {
            // An event of another API version than stripe-java's: the fields Hearth reads (ids, amounts) are the same.
            return event.getDataObjectDeserializer().deserializeUnsafe();
        } catch (EventDataObjectDeserializationException e) {
            throw new Refusal(Refusal.Kind.MALFORMED, ErrorCode.STRIPE_SIGNATURE_INVALID, "The event's object cannot be read: " + e.getMessage());
        }
    }
}
