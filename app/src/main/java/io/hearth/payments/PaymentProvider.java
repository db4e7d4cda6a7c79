package io.hearth.payments;

import io.micronaut.core.annotation.Nullable;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The payment provider, as payments needs it: the port its use cases speak to, in their own terms (an organisation's
 * account, a checkout, a subscription of instalments or dues, an invoice, a charge, a refund). Its one adapter is
 * {@code internal/StripeApi}; nothing else in Hearth sees the provider's SDK. Every call for an organisation names
 * its connected {@code account}; every write carries an idempotency key derived from Hearth's own ids, so a retry
 * never makes a second object. A call that fails throws {@link ProviderFailure}.
 */
public interface PaymentProvider {

    /** The provider could not be asked, or said no. */
    final class ProviderFailure extends RuntimeException {
        private final boolean transientFailure;
        private final boolean missing;

        /**
         * @param transientFailure worth trying again later: not reached, busy, failed on its side, or the same
         *                         request still under way
         * @param missing          the object does not exist (on this account): it never will, however often we ask
         */
        public ProviderFailure(String message, @Nullable Throwable cause, boolean transientFailure, boolean missing) {
            super(message, cause);
            this.transientFailure = transientFailure;
            this.missing = missing;
        }

        public boolean isTransient() {
            return transientFailure;
        }

        public boolean isMissing() {
            return missing;
        }
    }

    /** A webhook that cannot be taken: its signature does not verify, or its body is not a readable event. */
    final class UnreadableEvent extends RuntimeException {
        private final boolean signature;

        public UnreadableEvent(String detail, boolean signature) {
            super(detail);
            this.signature = signature;
        }

        /** Whether it is the signature header that does not verify (else the body). */
        public boolean isSignature() {
            return signature;
        }
    }

    /** Where a checkout stands: open to pay, completed, or expired unpaid. */
    enum CheckoutStatus { OPEN, COMPLETE, EXPIRED, OTHER }

    /** Where an invoice stands. */
    enum InvoiceStatus { DRAFT, OPEN, PAID, UNCOLLECTIBLE, VOID, OTHER }

    /** Where a subscription stands; {@code CANCELED} has ended for good. */
    enum SubscriptionStatus { ACTIVE, TRIALING, PAST_DUE, UNPAID, PAUSED, INCOMPLETE, INCOMPLETE_EXPIRED, CANCELED, OTHER }

    /** Where a refund stands; {@code FAILED} and {@code CANCELED} gave nothing back. */
    enum RefundStatus { PENDING, REQUIRES_ACTION, SUCCEEDED, FAILED, CANCELED, OTHER }

    /** A charge as far as Hearth cares: what was charged and what the provider has refunded of it, all refunds counted. */
    record ChargeState(String id, @Nullable String paymentIntent, long amount, long amountRefunded) {
    }

    /** A refund as far as Hearth cares. */
    record RefundState(String id, RefundStatus status, @Nullable String failureReason) {
    }

    /** An organisation's connected account as far as Hearth cares. */
    record AccountState(String id, boolean chargesEnabled, boolean payoutsEnabled, boolean detailsSubmitted,
                        @Nullable String disabledReason, List<String> currentlyDue) {
    }

    /** A checkout (the provider's hosted payment page) as far as Hearth cares. */
    record CheckoutState(String id, String url, CheckoutStatus status, boolean paymentReceived, @Nullable String paymentIntent,
                         @Nullable Instant expiresAt, long amountTotal, String currency, Map<String, String> metadata,
                         @Nullable String subscription) {
        /** Completed and its money taken (or none was due): a delayed payment method completes before it pays. */
        public boolean paid() {
            return status == CheckoutStatus.COMPLETE && paymentReceived;
        }
    }

    /**
     * What a checkout is asked to take: the whole amount now, or (instalments > 1) a monthly subscription whose first
     * invoice is paid in the checkout; the platform's fee is then a percentage of each invoice.
     */
    record CheckoutRequest(String idempotencyKey, String description, long amountCents, String currency, long applicationFeeCents,
                           int instalments, BigDecimal feePercent, String successUrl, String cancelUrl, Instant expiresAt,
                           @Nullable String customerEmail, String clientReferenceId, Map<String, String> metadata) {
    }

    /** A subscription (instalments or dues) as far as Hearth cares. */
    record SubscriptionState(String id, SubscriptionStatus status, @Nullable Instant billingCycleAnchor, @Nullable Instant cancelAt,
                             Map<String, String> metadata, @Nullable String latestInvoice, @Nullable String customer) {
    }

    /** An invoice as far as Hearth cares; {@code subscription} and its metadata tie it to a payment. */
    record InvoiceState(String id, InvoiceStatus status, long amountPaid, long amountDue, @Nullable String billingReason,
                        @Nullable String subscription, Map<String, String> subscriptionMetadata, int attemptCount,
                        @Nullable Instant nextPaymentAttempt) {
    }

    /** Whether a provider is configured at all (a secret key is set). */
    boolean configured();

    /** Whether this is the provider's live mode (real money) rather than its test mode. */
    boolean livemode();

    /** An account in which the organisation is the merchant of record: it has the provider's dashboard, pays its fees and carries losses. */
    AccountState createAccount(String idempotencyKey, String organisationName, String email, Map<String, String> metadata);

    /** A one-time onboarding link; {@code refreshUrl} is where the provider sends him when the link has run out. */
    String accountLink(String account, String idempotencyKey, String refreshUrl, String returnUrl);

    AccountState account(String account);

    /** A checkout on the organisation's account: a direct charge, with the platform's fee. */
    CheckoutState createCheckout(String account, CheckoutRequest request);

    /** A recurring price on the organisation's account (a circle's dues): every {@code count} {@code interval}s. */
    String createRecurringPrice(String account, String idempotencyKey, String productName, long amountCents, String currency,
                                String interval, long count);

    /** A checkout for a subscription to a price (dues), the platform's fee a percentage of each invoice. */
    CheckoutState createSubscriptionCheckout(String account, String idempotencyKey, String priceId, BigDecimal feePercent,
                                             String successUrl, String cancelUrl, Instant expiresAt, @Nullable String customerEmail,
                                             String clientReferenceId, Map<String, String> metadata);

    /** Takes an open invoice now, or (outOfBand) marks it paid outside the provider: cash or a bank transfer. */
    InvoiceState payInvoice(String account, String invoiceId, boolean outOfBand, String idempotencyKey);

    /** No more invoices are collected (hardship): the subscription stays, its invoices are voided until it resumes. */
    SubscriptionState pauseCollection(String account, String subscriptionId, String idempotencyKey);

    /** The provider's own page for the subscriber: update the card, see invoices. */
    String customerPortal(String account, String customer, String returnUrl);

    SubscriptionState subscription(String account, String subscriptionId);

    /** The subscription ends by itself at this moment: after the last instalment, no further charge. */
    SubscriptionState endSubscriptionAt(String account, String subscriptionId, Instant cancelAt, String idempotencyKey);

    /** The payment that paid the invoice (an instalment), to refund it by. */
    Optional<String> paymentIntentOf(String account, String invoiceId);

    /** The provider's receipt for what the payment took. */
    Optional<String> receiptUrl(String account, String paymentIntent);

    /** Ends the subscription now: no further charge. */
    SubscriptionState cancelSubscription(String account, String subscriptionId, String idempotencyKey);

    InvoiceState invoice(String account, String invoiceId);

    CheckoutState checkoutSession(String account, String sessionId);

    /** Ends an open checkout so that it can no longer be paid. */
    CheckoutState expireCheckout(String account, String sessionId, String idempotencyKey);

    /** Refunds part or all of a payment; the platform's fee goes back in proportion. Returns the refund's id. */
    String refund(String account, String paymentIntent, long amountCents, String idempotencyKey, Map<String, String> metadata);

    ChargeState charge(String account, String chargeId);

    /** What the provider has refunded of the payment, all refunds counted (ours and the dashboard's). */
    long refundedOf(String account, String paymentIntent);

    RefundState refundState(String account, String refundId);

    /**
     * A webhook, its signature checked (with its timestamp's tolerance), translated into payments' terms.
     *
     * @throws UnreadableEvent when the signature does not verify or the body is not an event
     */
    ProviderEvent event(String payload, @Nullable String signatureHeader);
}
