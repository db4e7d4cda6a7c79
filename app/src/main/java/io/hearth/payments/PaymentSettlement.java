package io.hearth.payments;

import io.hearth.gatherings.Registrations;
import io.hearth.identity.People;
import io.hearth.identity.PublicLinks;
import io.hearth.kit.outbox.Outbox;
import io.hearth.messaging.Mailer;
import io.hearth.payments.internal.PaymentLine;
import io.hearth.payments.internal.PaymentRepository;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * What a Checkout session's state, as re-read from Stripe, makes of its payment: paid confirms the seat (or seats
 * him again when his hold ran out and a seat is free); paid with no seat for him owes a refund at once; expired
 * ends the payment. Only forward: a paid payment never goes back to open or expired, so the same state twice, or
 * an older one after a newer, changes nothing. Used by the webhooks and by the reconciliation alike.
 */
@TenantBound
@Singleton
public class PaymentSettlement {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentSettlement.class);

    private final PaymentRepository payments;
    private final Registrations registrations;
    private final Refunds refunds;
    private final io.hearth.payments.internal.FundRepository fund;
    private final Outbox outbox;
    private final Mailer mailer;
    private final People people;
    private final PublicLinks links;
    private final Clock clock;

    public PaymentSettlement(PaymentRepository payments, Registrations registrations, Refunds refunds, io.hearth.payments.internal.FundRepository fund,
                             Outbox outbox, Mailer mailer, People people, PublicLinks links, Clock clock) {
        this.fund = fund;
        this.mailer = mailer;
        this.people = people;
        this.links = links;
        this.payments = payments;
        this.registrations = registrations;
        this.refunds = refunds;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Applies the session's state to its payment (inside the caller's transaction, which records the event). */
    @Transactional
    public void settle(Tenant tenant, String account, PaymentProvider.CheckoutState session) {
        settle(tenant, account, session, null);
    }

    /** As above, with Stripe's receipt for the payment when it was read beforehand (it goes in his receipt mail). */
    @Transactional
    public void settle(Tenant tenant, String account, PaymentProvider.CheckoutState session, @Nullable String receiptUrl) {
        Optional<PaymentLine> found = Optional.ofNullable(session.metadata().get("hearth_payment")).map(UUID::fromString)
                .flatMap(payments::lock).or(() -> payments.lockBySession(session.id()));
        if (found.isEmpty() || !found.get().accountId().equals(account)) {
            LOG.warn("Checkout session {} on account {} is no payment of this organisation: nothing done", session.id(), account);
            return;
        }
        PaymentLine payment = found.get();
        if (session.paid()) {
            if (session.subscription() != null) {
                payments.attachSubscription(payment.id(), session.subscription());
            }
            if (payment.status().equals("OPEN") || payment.status().equals("EXPIRED")) {
                seatPaid(tenant, payment, session.paymentIntent(), receiptUrl);
            }
        } else if (session.status() == PaymentProvider.CheckoutStatus.EXPIRED && payments.markExpired(payment.id()) == 1) {
            outbox.publish(new PaymentEvent.PaymentExpired(tenant.id(), payment.id(), payment.personId(), payment.registrationId()));
        }
    }

    /**
     * The money for the payment (its first instalment) arrived: his seat is confirmed, or, with no seat for him, he is
     * owed it back. An instalment plan's refund waits until its first invoice's payment is known ({@link InstalmentPlans}).
     */
    void seatPaid(Tenant tenant, PaymentLine payment, @Nullable String paymentIntent, @Nullable String receiptUrl) {
        if (payment.kind().equals("FUND_GIFT")) {
            payments.markPaid(payment.id(), paymentIntent, null, clock.instant());
            sendReceipt(tenant, payment, receiptUrl);
            fund.insert(UUID.randomUUID(), "GIFT", payment.amountCents() - payment.applicationFeeCents(), payment.currency(), payment.personId(), payment.id(),
                    null, null, payment.personId());
            outbox.publish(new PaymentEvent.PaymentSucceeded(tenant.id(), payment.id(), payment.kind(), payment.personId(), null,
                    payment.amountCents(), payment.currency(), payment.applicationFeeCents(), "NONE", 1));
            return;
        }
        Registrations.PaidSeat seat = payment.registrationId() == null ? Registrations.PaidSeat.NO_SEAT
                : registrations.paid(tenant, payment.registrationId());
        if (seat == Registrations.PaidSeat.CONFIRMED || seat == Registrations.PaidSeat.REINSTATED) {
            payments.markPaid(payment.id(), paymentIntent, seat.name(), clock.instant());
            sendReceipt(tenant, payment, receiptUrl);
            if (payment.inInstalments()) {
                payments.updatePlan(payment.id(), Math.max(1, payments.paidInstalments(payment.id())), "ACTIVE", null);
            }
        } else {
            String reason = seat == Registrations.PaidSeat.ALREADY_CONFIRMED ? "seat already paid" : "no seat left when the payment arrived";
            payments.markRefundDue(payment.id(), paymentIntent, seat.name(), clock.instant(), reason);
            if (!payment.inInstalments()) {
                refunds.owe(payments.findById(payment.id()).orElseThrow(), reason);
            }
        }
        outbox.publish(new PaymentEvent.PaymentSucceeded(tenant.id(), payment.id(), payment.kind(), payment.personId(),
                payment.registrationId(), payment.amountCents(), payment.currency(), payment.applicationFeeCents(), seat.name(), payment.instalments()));
    }

    /**
     * His receipt, in the transaction that marks the payment paid (a payment is marked paid once, so he gets one):
     * how much, what for, to which organisation, and Stripe's receipt (or his payments page when Stripe's was not read).
     */
    private void sendReceipt(Tenant tenant, PaymentLine payment, @Nullable String receiptUrl) {
        people.emailOf(payment.personId()).ifPresent(email -> {
            String amount = payment.inInstalments()
                    ? "the first of " + payment.instalments() + " monthly instalments of your payment of " + money(payment.amountCents(), payment.currency())
                    : money(payment.amountCents(), payment.currency());
            mailer.send(tenant, email, "Your receipt from " + tenant.name(),
                    "Thank you: " + tenant.name() + " has received " + amount + " for " + payment.description() + ".\n\n"
                            + (receiptUrl != null ? "Your receipt: " + receiptUrl + "\n" : "")
                            + "Your payments: " + links.to(tenant, "/payments") + "\n\n"
                            + "The payment was made to " + tenant.name() + " through Stripe.\n");
        });
    }

    /** Sends the refunds the session's payment is owed (after the transaction that found it so). */
    public void refundIfDue(Tenant tenant, String sessionId) {
        payments.findBySession(sessionId).filter(p -> p.status().equals("REFUND_DUE")).ifPresent(p -> refunds.sendPendingOf(tenant, p.id()));
    }

    /**
     * A refund seen at Stripe ({@code charge.refunded}), ours or made in Stripe's dashboard: the amount refunded only
     * grows, so the larger figure wins.
     */
    public void refundedAtStripe(String account, String paymentIntent, long amountRefunded) {
        payments.findByPaymentIntent(account, paymentIntent).ifPresentOrElse(payment -> {
            if (amountRefunded > payment.refundedCents()) {
                payments.recordRefundedAmount(payment.id(), Math.min(amountRefunded, payment.amountCents()));
            }
        }, () -> LOG.info("charge.refunded for payment intent {} that is no payment of this organisation", paymentIntent));
    }

    static String money(long cents, String currency) {
        return String.format(java.util.Locale.ROOT, "%s %d.%02d", currency, cents / 100, cents % 100);
    }
}
