package io.hearth.payments;

import io.hearth.tenancy.TenantEvent;
import io.hearth.tenancy.TenantId;

import java.util.UUID;

/** Payments' domain events, on {@code hearth.payments} (contracts in docs/events.md). Amounts are in cents. */
public sealed interface PaymentEvent extends TenantEvent {

    String TOPIC = "hearth.payments";

    @Override
    default String topic() {
        return TOPIC;
    }

    /** The organisation has a Stripe connected account (onboarding may still be under way). */
    record StripeAccountCreated(TenantId tenant, String accountId, boolean livemode, UUID by) implements PaymentEvent {
    }

    /** Where the account stands now: PENDING, READY (charges enabled) or RESTRICTED with Stripe's reason. */
    record StripeAccountStatusChanged(TenantId tenant, String accountId, String status, String reason) implements PaymentEvent {
    }

    /** A Checkout session was opened for a payment. */
    record PaymentStarted(TenantId tenant, UUID paymentId, String kind, UUID personId, UUID registrationId, long amountCents,
                          String currency, long applicationFeeCents) implements PaymentEvent {
    }

    /**
     * The money arrived (with {@code instalments} > 1: the first instalment, each one then an {@link InstalmentPaid} with its
     * own fee); {@code seat} says what it made of his seat (CONFIRMED, REINSTATED, ALREADY_CONFIRMED, NO_SEAT).
     */
    record PaymentSucceeded(TenantId tenant, UUID paymentId, String kind, UUID personId, UUID registrationId, long amountCents,
                            String currency, long applicationFeeCents, String seat, int instalments) implements PaymentEvent {
    }

    /** The Checkout session ran out unpaid (or was ended): the hold runs out as any hold does. */
    record PaymentExpired(TenantId tenant, UUID paymentId, UUID personId, UUID registrationId) implements PaymentEvent {
    }

    /** Money went back to him, with the platform's fee in proportion. */
    record RefundIssued(TenantId tenant, UUID paymentId, UUID personId, UUID registrationId, long amountCents, String currency,
                        long applicationFeeRefundedCents, String reason, String refundId) implements PaymentEvent {
    }

    /** Stripe could not carry out a refund after all (e.g. the card is closed): the amount is not back with him. */
    record RefundFailed(TenantId tenant, UUID paymentId, UUID personId, long amountCents, String currency, String failure,
                        String refundId) implements PaymentEvent {
    }

    /** Instalment {@code number} of {@code of} was paid. */
    record InstalmentPaid(TenantId tenant, UUID paymentId, UUID personId, UUID registrationId, int number, int of, long amountCents,
                          String currency, long applicationFeeCents) implements PaymentEvent {
    }

    /** Instalment {@code number} of {@code of} could not be taken; Stripe tries again at {@code nextAttemptAt} (absent: it gave up). */
    record InstalmentFailed(TenantId tenant, UUID paymentId, UUID personId, UUID registrationId, int number, int of, long amountCents,
                            String currency, int attempt, java.time.Instant nextAttemptAt) implements PaymentEvent {
    }

    /** The plan ended before the last instalment; {@code seatReleased} when the organisation's policy gave his seat back to the event. */
    record InstalmentPlanLapsed(TenantId tenant, UUID paymentId, UUID personId, UUID registrationId, int paid, int of,
                                boolean seatReleased) implements PaymentEvent {
    }

    /** He pays his circle's dues by card: a subscription of {@code amountCents} every {@code interval}. */
    record DuesSubscribed(TenantId tenant, UUID duesId, UUID circleId, UUID personId, long amountCents, String currency,
                          String interval) implements PaymentEvent {
    }

    /** His dues could not be taken: he is PAST_DUE, he and his facilitators are told; Stripe tries again at {@code nextAttemptAt}. */
    record DuesPaymentFailed(TenantId tenant, UUID duesId, UUID circleId, UUID personId, long amountCents, String currency,
                             java.time.Instant nextAttemptAt) implements PaymentEvent {
    }

    /** His dues subscription ended (he left the circle, or it was cancelled at Stripe). */
    record DuesEnded(TenantId tenant, UUID duesId, UUID circleId, UUID personId) implements PaymentEvent {
    }

    /** Money came in outside Stripe (cash, bank transfer), recorded by support: no card fee, no platform fee. */
    record OfflinePaymentRecorded(TenantId tenant, UUID paymentId, UUID personId, UUID registrationId, long amountCents, String currency,
                                  String method) implements PaymentEvent {
    }

    /** A card payment was disputed at his bank; {@code status} is Stripe's (needs_response, under_review, won, lost). */
    record PaymentDisputed(TenantId tenant, UUID paymentId, UUID personId, long amountCents, String currency, String status) implements PaymentEvent {
    }

    /** An admin granted part or all ({@code whole}) of a man's event fee from the scholarship fund. */
    record FundGranted(TenantId tenant, UUID grantId, UUID personId, UUID registrationId, long amountCents, String currency,
                       boolean whole) implements PaymentEvent {
    }

    /** A granted seat was given up: the grant ({@code amountCents}) is back in the scholarship fund. */
    record FundGrantReturned(TenantId tenant, UUID registrationId, long amountCents) implements PaymentEvent {
    }
}
