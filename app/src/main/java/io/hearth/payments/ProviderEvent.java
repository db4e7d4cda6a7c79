package io.hearth.payments;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * A payment provider's webhook in payments' own terms: which of its objects changed, in which connected account.
 * The provider's adapter ({@code internal/StripeApi}) checks the signature and translates; the use cases never see
 * the provider's types or type strings, and re-read the object before acting, so the order of arrival does not matter.
 */
public sealed interface ProviderEvent {

    /**
     * What every delivery carries.
     *
     * @param id      the provider's id of the event: each is applied once
     * @param type    the provider's name for it, kept only for the record of events received
     * @param account the connected account it happened in; null for the platform's own
     */
    record Delivery(String id, String type, Instant created, boolean livemode, @Nullable String account) {
    }

    Delivery delivery();

    /** An organisation's payments account changed (details, capabilities). */
    record AccountChanged(Delivery delivery) implements ProviderEvent {
    }

    /** A checkout completed, expired, or its delayed payment succeeded or failed. */
    record CheckoutChanged(Delivery delivery, String sessionId) implements ProviderEvent {
    }

    /** An invoice (an instalment, a dues period) was paid or its payment failed. */
    record InvoiceChanged(Delivery delivery, String invoiceId) implements ProviderEvent {
    }

    /** A subscription (an instalment plan, dues) ended. */
    record SubscriptionEnded(Delivery delivery, String subscriptionId) implements ProviderEvent {
    }

    /** A charge was refunded, by Hearth or by other means. */
    record ChargeRefunded(Delivery delivery, String chargeId) implements ProviderEvent {
    }

    /** A refund changed (it may have failed or been cancelled). */
    record RefundChanged(Delivery delivery, String refundId) implements ProviderEvent {
    }

    /** A payment is disputed, or its dispute moved on. */
    record DisputeChanged(Delivery delivery, @Nullable String paymentIntent, String status, long amountCents) implements ProviderEvent {
    }

    /** Anything else the provider sends: recorded, nothing to do. */
    record Other(Delivery delivery) implements ProviderEvent {
    }
}
