package io.hearth.payments.internal;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.EventDataObjectDeserializationException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.exception.StripeException;
import com.stripe.model.Account;
import com.stripe.model.Event;
import com.stripe.model.HasId;
import com.stripe.model.Refund;
import com.stripe.model.StripeObject;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.param.AccountCreateParams;
import com.stripe.param.AccountLinkCreateParams;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.checkout.SessionCreateParams;
import com.stripe.param.checkout.SessionExpireParams;
import io.hearth.payments.PaymentProvider;
import io.hearth.payments.ProviderEvent;
import io.hearth.payments.StripeConfiguration;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one adapter to Stripe (stripe-java): every call for an organisation carries its {@code Stripe-Account}, every
 * write an idempotency key the caller derives from Hearth's own ids, so a retry never creates a second object.
 * Locally and in tests the API base is the Stripe stand-in; with a real test-mode key it is Stripe.
 */
@Singleton
public class StripeApi implements PaymentProvider {

    private final StripeConfiguration configuration;
    private final StripeClient client;

    public StripeApi(StripeConfiguration configuration) {
        this.configuration = configuration;
        if (configuration.configured()) {
            StripeClient.StripeClientBuilder builder = StripeClient.builder().setApiKey(configuration.secretKey())
                    .setMaxNetworkRetries(2).setConnectTimeout(5_000).setReadTimeout(20_000);
            if (configuration.apiBase() != null && !configuration.apiBase().isBlank()) {
                builder.setApiBase(configuration.apiBase()).setConnectBase(configuration.apiBase());
            }
            this.client = builder.build();
        } else {
            this.client = null;
        }
    }

    @Override
    public boolean configured() {
        return client != null;
    }

    @Override
    public boolean livemode() {
        return configuration.livemode();
    }

    /**
     * A connected account in which the organisation is the merchant of record: it has Stripe's own dashboard, pays
     * Stripe's fees and carries losses; Stripe collects what it needs from it.
     */
    @Override
    public AccountState createAccount(String idempotencyKey, String organisationName, String email, Map<String, String> metadata) {
        AccountCreateParams params = AccountCreateParams.builder()
                .setEmail(email)
                .setBusinessProfile(AccountCreateParams.BusinessProfile.builder().setName(organisationName).build())
                .setController(AccountCreateParams.Controller.builder()
                        .setFees(AccountCreateParams.Controller.Fees.builder().setPayer(AccountCreateParams.Controller.Fees.Payer.ACCOUNT).build())
                        .setLosses(AccountCreateParams.Controller.Losses.builder()
                                .setPayments(AccountCreateParams.Controller.Losses.Payments.STRIPE).build())
                        .setStripeDashboard(AccountCreateParams.Controller.StripeDashboard.builder()
                                .setType(AccountCreateParams.Controller.StripeDashboard.Type.FULL).build())
                        .setRequirementCollection(AccountCreateParams.Controller.RequirementCollection.STRIPE)
                        .build())
                .putAllMetadata(metadata)
                .build();
        return call("create a connected account", () -> state(stripe().v1().accounts().create(params, writeOn(null, idempotencyKey))));
    }

    /** A one-time onboarding link; {@code refreshUrl} is where Stripe sends him when the link has run out. */
    @Override
    public String accountLink(String account, String idempotencyKey, String refreshUrl, String returnUrl) {
        AccountLinkCreateParams params = AccountLinkCreateParams.builder().setAccount(account).setRefreshUrl(refreshUrl)
                .setReturnUrl(returnUrl).setType(AccountLinkCreateParams.Type.ACCOUNT_ONBOARDING).build();
        return call("create an onboarding link", () -> stripe().v1().accountLinks().create(params, writeOn(null, idempotencyKey)).getUrl());
    }

    @Override
    public AccountState account(String account) {
        return call("read the connected account", () -> state(stripe().v1().accounts().retrieve(account, RequestOptions.getDefault())));
    }

    /** A Checkout session on the organisation's account: a direct charge, with the platform's fee. */
    @Override
    public CheckoutState createCheckout(String account, CheckoutRequest request) {
        SessionCreateParams params = request.instalments() > 1 ? instalmentCheckout(request) : SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT)
                .addLineItem(SessionCreateParams.LineItem.builder().setQuantity(1L)
                        .setPriceData(SessionCreateParams.LineItem.PriceData.builder()
                                .setCurrency(request.currency().toLowerCase(java.util.Locale.ROOT))
                                .setUnitAmount(request.amountCents())
                                .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder().setName(request.description()).build())
                                .build())
                        .build())
                .setPaymentIntentData(SessionCreateParams.PaymentIntentData.builder()
                        .setApplicationFeeAmount(request.applicationFeeCents() > 0 ? request.applicationFeeCents() : null)
                        .putAllMetadata(request.metadata()).build())
                .putAllMetadata(request.metadata())
                .setClientReferenceId(request.clientReferenceId())
                .setSuccessUrl(request.successUrl())
                .setCancelUrl(request.cancelUrl())
                .setExpiresAt(request.expiresAt().getEpochSecond())
                .setCustomerEmail(request.customerEmail())
                .build();
        return call("create a Checkout session", () -> checkout(stripe().v1().checkout().sessions().create(params, writeOn(account, request.idempotencyKey()))));
    }

    /** The first instalment in Checkout, the rest by the subscription; a remainder of the division is paid with the first. */
    private static SessionCreateParams instalmentCheckout(CheckoutRequest request) {
        long each = request.amountCents() / request.instalments();
        long remainder = request.amountCents() - each * request.instalments();
        String currency = request.currency().toLowerCase(java.util.Locale.ROOT);
        SessionCreateParams.Builder builder = SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.SUBSCRIPTION)
                .addLineItem(SessionCreateParams.LineItem.builder().setQuantity(1L)
                        .setPriceData(SessionCreateParams.LineItem.PriceData.builder().setCurrency(currency).setUnitAmount(each)
                                .setRecurring(SessionCreateParams.LineItem.PriceData.Recurring.builder()
                                        .setInterval(SessionCreateParams.LineItem.PriceData.Recurring.Interval.MONTH).build())
                                .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder()
                                        .setName(request.description() + ", " + request.instalments() + " monthly instalments").build())
                                .build())
                        .build());
        if (remainder > 0) {
            builder.addLineItem(SessionCreateParams.LineItem.builder().setQuantity(1L)
                    .setPriceData(SessionCreateParams.LineItem.PriceData.builder().setCurrency(currency).setUnitAmount(remainder)
                            .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder().setName("Rounding of the instalments").build())
                            .build())
                    .build());
        }
        return builder
                .setSubscriptionData(SessionCreateParams.SubscriptionData.builder().setApplicationFeePercent(request.feePercent())
                        .putAllMetadata(request.metadata()).build())
                .putAllMetadata(request.metadata())
                .setClientReferenceId(request.clientReferenceId())
                .setSuccessUrl(request.successUrl())
                .setCancelUrl(request.cancelUrl())
                .setExpiresAt(request.expiresAt().getEpochSecond())
                .setCustomerEmail(request.customerEmail())
                .build();
    }

    /** A recurring price on the organisation's account (a circle's dues): every {@code count} {@code interval}s. */
    @Override
    public String createRecurringPrice(String account, String idempotencyKey, String productName, long amountCents, String currency,
                                       String interval, long count) {
        com.stripe.param.PriceCreateParams params = com.stripe.param.PriceCreateParams.builder()
                .setCurrency(currency.toLowerCase(java.util.Locale.ROOT)).setUnitAmount(amountCents)
                .setRecurring(com.stripe.param.PriceCreateParams.Recurring.builder()
                        .setInterval(com.stripe.param.PriceCreateParams.Recurring.Interval.valueOf(interval.toUpperCase(java.util.Locale.ROOT)))
                        .setIntervalCount(count).build())
                .setProductData(com.stripe.param.PriceCreateParams.ProductData.builder().setName(productName).build())
                .build();
        return call("create a price", () -> stripe().v1().prices().create(params, writeOn(account, idempotencyKey)).getId());
    }

    /** Checkout for a subscription to a price (dues), the platform's fee a percentage of each invoice. */
    @Override
    public CheckoutState createSubscriptionCheckout(String account, String idempotencyKey, String priceId, java.math.BigDecimal feePercent,
                                                    String successUrl, String cancelUrl, Instant expiresAt, @Nullable String customerEmail,
                                                    String clientReferenceId, Map<String, String> metadata) {
        SessionCreateParams params = SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.SUBSCRIPTION)
                .addLineItem(SessionCreateParams.LineItem.builder().setQuantity(1L).setPrice(priceId).build())
                .setSubscriptionData(SessionCreateParams.SubscriptionData.builder().setApplicationFeePercent(feePercent).putAllMetadata(metadata).build())
                .putAllMetadata(metadata)
                .setClientReferenceId(clientReferenceId)
                .setSuccessUrl(successUrl)
                .setCancelUrl(cancelUrl)
                .setExpiresAt(expiresAt.getEpochSecond())
                .setCustomerEmail(customerEmail)
                .build();
        return call("create a Checkout session", () -> checkout(stripe().v1().checkout().sessions().create(params, writeOn(account, idempotencyKey))));
    }

    /** Asks Stripe to take an open invoice now, or (outOfBand) marks it paid outside Stripe: cash or a bank transfer. */
    @Override
    public InvoiceState payInvoice(String account, String invoiceId, boolean outOfBand, String idempotencyKey) {
        com.stripe.param.InvoicePayParams params = outOfBand ? com.stripe.param.InvoicePayParams.builder().setPaidOutOfBand(true).build()
                : com.stripe.param.InvoicePayParams.builder().build();
        return call("take an invoice", () -> invoice(stripe().v1().invoices().pay(invoiceId, params, writeOn(account, idempotencyKey))));
    }

    /** No more invoices are collected (hardship): the subscription stays, its invoices are voided until it resumes. */
    @Override
    public SubscriptionState pauseCollection(String account, String subscriptionId, String idempotencyKey) {
        com.stripe.param.SubscriptionUpdateParams params = com.stripe.param.SubscriptionUpdateParams.builder()
                .setPauseCollection(com.stripe.param.SubscriptionUpdateParams.PauseCollection.builder()
                        .setBehavior(com.stripe.param.SubscriptionUpdateParams.PauseCollection.Behavior.VOID).build()).build();
        return call("pause a subscription", () -> subscription(stripe().v1().subscriptions().update(subscriptionId, params, writeOn(account, idempotencyKey))));
    }

    /** Stripe's customer portal for the subscriber: update the card, see invoices. */
    @Override
    public String customerPortal(String account, String customer, String returnUrl) {
        com.stripe.param.billingportal.SessionCreateParams params = com.stripe.param.billingportal.SessionCreateParams.builder()
                .setCustomer(customer).setReturnUrl(returnUrl).build();
        return call("open the customer portal", () -> stripe().v1().billingPortal().sessions().create(params, on(account)).getUrl());
    }

    @Override
    public SubscriptionState subscription(String account, String subscriptionId) {
        return call("read a subscription", () -> subscription(stripe().v1().subscriptions().retrieve(subscriptionId, on(account))));
    }

    /** The subscription ends by itself at this moment: after the last instalment, no further charge. */
    @Override
    public SubscriptionState endSubscriptionAt(String account, String subscriptionId, Instant cancelAt, String idempotencyKey) {
        com.stripe.param.SubscriptionUpdateParams params = com.stripe.param.SubscriptionUpdateParams.builder()
                .setCancelAt(cancelAt.getEpochSecond())
                .setProrationBehavior(com.stripe.param.SubscriptionUpdateParams.ProrationBehavior.NONE).build();
        return call("end a subscription", () -> subscription(stripe().v1().subscriptions().update(subscriptionId, params, writeOn(account, idempotencyKey))));
    }

    /** The payment intent that paid the invoice (an instalment), to refund it by. */
    @Override
    public java.util.Optional<String> paymentIntentOf(String account, String invoiceId) {
        com.stripe.param.InvoicePaymentListParams params = com.stripe.param.InvoicePaymentListParams.builder().setInvoice(invoiceId)
                .setStatus(com.stripe.param.InvoicePaymentListParams.Status.PAID).build();
        return call("read an invoice's payments", () -> stripe().v1().invoicePayments().list(params, on(account)).getData().stream()
                .map(com.stripe.model.InvoicePayment::getPayment).filter(java.util.Objects::nonNull)
                .map(com.stripe.model.InvoicePayment.Payment::getPaymentIntent).filter(java.util.Objects::nonNull).findFirst());
    }

    /** Stripe's receipt for what the payment intent took (its latest charge). */
    @Override
    public java.util.Optional<String> receiptUrl(String account, String paymentIntent) {
        return call("read a receipt", () -> {
            String charge = stripe().v1().paymentIntents().retrieve(paymentIntent, on(account)).getLatestCharge();
            return charge == null ? java.util.Optional.<String>empty()
                    : java.util.Optional.ofNullable(stripe().v1().charges().retrieve(charge, on(account)).getReceiptUrl());
        });
    }

    /** Ends the subscription now: no further charge. */
    @Override
    public SubscriptionState cancelSubscription(String account, String subscriptionId, String idempotencyKey) {
        return call("cancel a subscription", () -> subscription(stripe().v1().subscriptions().cancel(subscriptionId,
                com.stripe.param.SubscriptionCancelParams.builder().build(), writeOn(account, idempotencyKey))));
    }

    @Override
    public InvoiceState invoice(String account, String invoiceId) {
        return call("read an invoice", () -> invoice(stripe().v1().invoices().retrieve(invoiceId, on(account))));
    }

    @Override
    public CheckoutState checkoutSession(String account, String sessionId) {
        return call("read a Checkout session", () -> checkout(stripe().v1().checkout().sessions().retrieve(sessionId, on(account))));
    }

    /** Ends an open session so that it can no longer be paid. */
    @Override
    public CheckoutState expireCheckout(String account, String sessionId, String idempotencyKey) {
        return call("expire a Checkout session", () -> checkout(stripe().v1().checkout().sessions()
                .expire(sessionId, SessionExpireParams.builder().build(), writeOn(account, idempotencyKey))));
    }

    /** Refunds part or all of a payment; the platform's fee goes back in proportion ({@code refund_application_fee}). */
    @Override
    public String refund(String account, String paymentIntent, long amountCents, String idempotencyKey, Map<String, String> metadata) {
        RefundCreateParams params = RefundCreateParams.builder().setPaymentIntent(paymentIntent).setAmount(amountCents)
                .setRefundApplicationFee(true).putAllMetadata(metadata).build();
        return call("refund a payment", () -> {
            Refund refund = stripe().v1().refunds().create(params, writeOn(account, idempotencyKey));
            return refund.getId();
        });
    }

    @Override
    public ChargeState charge(String account, String chargeId) {
        return call("read a charge", () -> {
            com.stripe.model.Charge charge = stripe().v1().charges().retrieve(chargeId, on(account));
            return new ChargeState(charge.getId(), charge.getPaymentIntent(), charge.getAmount() == null ? 0 : charge.getAmount(),
                    charge.getAmountRefunded() == null ? 0 : charge.getAmountRefunded());
        });
    }

    /** What Stripe has refunded of the payment intent's charge, all refunds counted (ours and the dashboard's). */
    @Override
    public long refundedOf(String account, String paymentIntent) {
        return call("read a payment's refunds", () -> {
            String charge = stripe().v1().paymentIntents().retrieve(paymentIntent, on(account)).getLatestCharge();
            if (charge == null) {
                return 0L;
            }
            Long refunded = stripe().v1().charges().retrieve(charge, on(account)).getAmountRefunded();
            return refunded == null ? 0L : refunded;
        });
    }

    @Override
    public RefundState refundState(String account, String refundId) {
        return call("read a refund", () -> {
            Refund refund = stripe().v1().refunds().retrieve(refundId, on(account));
            return new RefundState(refund.getId(), status(RefundStatus.class, refund.getStatus()), refund.getFailureReason());
        });
    }

    /**
     * The webhook, its signature checked (with its timestamp's tolerance), translated into payments' terms: the one
     * place Stripe's event types and type strings are read.
     */
    @Override
    public ProviderEvent event(String payload, @Nullable String signatureHeader) {
        Event event;
        try {
            event = verify(payload, signatureHeader);
        } catch (SignatureVerificationException e) {
            throw new UnreadableEvent("The Stripe-Signature header does not verify: " + e.getMessage(), true);
        } catch (RuntimeException e) {
            throw new UnreadableEvent("The body is not a Stripe event", false);
        }
        ProviderEvent.Delivery delivery = new ProviderEvent.Delivery(event.getId(), event.getType(),
                Instant.ofEpochSecond(event.getCreated() == null ? 0 : event.getCreated()), Boolean.TRUE.equals(event.getLivemode()),
                event.getAccount());
        return switch (event.getType()) {
            case "account.updated" -> new ProviderEvent.AccountChanged(delivery);
            case "checkout.session.completed", "checkout.session.async_payment_succeeded", "checkout.session.async_payment_failed",
                 "checkout.session.expired" -> new ProviderEvent.CheckoutChanged(delivery, idOf(event));
            case "invoice.paid", "invoice.payment_succeeded", "invoice.payment_failed" -> new ProviderEvent.InvoiceChanged(delivery, idOf(event));
            case "customer.subscription.deleted" -> new ProviderEvent.SubscriptionEnded(delivery, idOf(event));
            case "charge.refunded" -> new ProviderEvent.ChargeRefunded(delivery, idOf(event));
            case "refund.updated", "refund.failed" -> new ProviderEvent.RefundChanged(delivery, idOf(event));
            case "charge.dispute.created", "charge.dispute.updated", "charge.dispute.closed" -> {
                com.stripe.model.Dispute dispute = (com.stripe.model.Dispute) object(event);
                yield new ProviderEvent.DisputeChanged(delivery, dispute.getPaymentIntent(), dispute.getStatus(),
                        dispute.getAmount() == null ? 0 : dispute.getAmount());
            }
            default -> new ProviderEvent.Other(delivery);
        };
    }

    private Event verify(String payload, @Nullable String signatureHeader) throws SignatureVerificationException {
        if (configuration.webhookSecret() == null || configuration.webhookSecret().isBlank()) {
            throw new SignatureVerificationException("no webhook secret is configured", signatureHeader);
        }
        return com.stripe.net.Webhook.constructEvent(payload, signatureHeader == null ? "" : signatureHeader, configuration.webhookSecret(),
                configuration.webhookTolerance().toSeconds());
    }

    private static String idOf(Event event) {
        return ((HasId) object(event)).getId();
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
            throw new UnreadableEvent("The event's object cannot be read: " + e.getMessage(), false);
        }
    }

    private StripeClient stripe() {
        if (client == null) {
            throw new ProviderFailure("Stripe is not configured (hearth.stripe.secret-key)", null, true, false);
        }
        return client;
    }

    private static RequestOptions on(@Nullable String account) {
        return RequestOptions.builder().setStripeAccount(account).build();
    }

    private static RequestOptions writeOn(@Nullable String account, String idempotencyKey) {
        return RequestOptions.builder().setStripeAccount(account).setIdempotencyKey(idempotencyKey).build();
    }

    private static AccountState state(Account account) {
        Account.Requirements requirements = account.getRequirements();
        return new AccountState(account.getId(), Boolean.TRUE.equals(account.getChargesEnabled()), Boolean.TRUE.equals(account.getPayoutsEnabled()),
                Boolean.TRUE.equals(account.getDetailsSubmitted()), requirements == null ? null : requirements.getDisabledReason(),
                requirements == null || requirements.getCurrentlyDue() == null ? List.of() : List.copyOf(requirements.getCurrentlyDue()));
    }

    private static CheckoutState checkout(Session session) {
        return new CheckoutState(session.getId(), session.getUrl(), status(CheckoutStatus.class, session.getStatus()),
                "paid".equals(session.getPaymentStatus()) || "no_payment_required".equals(session.getPaymentStatus()), session.getPaymentIntent(),
                session.getExpiresAt() == null ? null : Instant.ofEpochSecond(session.getExpiresAt()),
                session.getAmountTotal() == null ? 0 : session.getAmountTotal(), session.getCurrency() == null ? "" : session.getCurrency(),
                session.getMetadata() == null ? Map.of() : Map.copyOf(session.getMetadata()), session.getSubscription());
    }

    private static SubscriptionState subscription(com.stripe.model.Subscription subscription) {
        return new SubscriptionState(subscription.getId(), status(SubscriptionStatus.class, subscription.getStatus()),
                subscription.getBillingCycleAnchor() == null ? null : Instant.ofEpochSecond(subscription.getBillingCycleAnchor()),
                subscription.getCancelAt() == null ? null : Instant.ofEpochSecond(subscription.getCancelAt()),
                subscription.getMetadata() == null ? Map.of() : Map.copyOf(subscription.getMetadata()), subscription.getLatestInvoice(),
                subscription.getCustomer());
    }

    private static InvoiceState invoice(com.stripe.model.Invoice invoice) {
        com.stripe.model.Invoice.Parent.SubscriptionDetails details = invoice.getParent() == null ? null : invoice.getParent().getSubscriptionDetails();
        return new InvoiceState(invoice.getId(), status(InvoiceStatus.class, invoice.getStatus()), invoice.getAmountPaid() == null ? 0 : invoice.getAmountPaid(),
                invoice.getAmountDue() == null ? 0 : invoice.getAmountDue(), invoice.getBillingReason(),
                details == null ? null : details.getSubscription(),
                details == null || details.getMetadata() == null ? Map.of() : Map.copyOf(details.getMetadata()),
                invoice.getAttemptCount() == null ? 0 : invoice.getAttemptCount().intValue(),
                invoice.getNextPaymentAttempt() == null ? null : Instant.ofEpochSecond(invoice.getNextPaymentAttempt()));
    }

    /** Stripe's status string as payments' status; one it does not know is OTHER, never a failure. */
    static <E extends Enum<E>> E status(Class<E> type, @Nullable String stripeStatus) {
        if (stripeStatus != null) {
            for (E value : type.getEnumConstants()) {
                if (value.name().equalsIgnoreCase(stripeStatus)) {
                    return value;
                }
            }
        }
        return Enum.valueOf(type, "OTHER");
    }

    /** An idempotency error is the same request still under way at Stripe: its outcome is known on the next try. */
    private static ProviderFailure failure(String what, StripeException cause) {
        boolean transientFailure = cause instanceof ApiConnectionException || cause instanceof RateLimitException
                || cause instanceof com.stripe.exception.IdempotencyException
                || (cause.getStatusCode() != null && cause.getStatusCode() >= 500);
        boolean missing = cause instanceof com.stripe.exception.InvalidRequestException
                && ("resource_missing".equals(cause.getCode()) || Integer.valueOf(404).equals(cause.getStatusCode()));
        return new ProviderFailure(what + ": " + cause.getMessage(), cause, transientFailure, missing);
    }

    private interface Call<T> {
        T run() throws StripeException;
    }

    private static <T> T call(String what, Call<T> call) {
        try {
            return call.run();
        } catch (StripeException e) {
            throw failure("Stripe could not " + what, e);
        }
    }
}
