package io.hearth.payments;

import io.hearth.ErrorCode;
import io.hearth.gatherings.EventView;
import io.hearth.gatherings.Gatherings;
import io.hearth.gatherings.Registrations;
import io.hearth.identity.Audit;
import io.hearth.identity.AuditAction;
import io.hearth.identity.Caller;
import io.hearth.identity.People;
import io.hearth.kit.Refusal;
import io.hearth.kit.outbox.Outbox;
import io.hearth.messaging.Mailer;
import io.hearth.payments.internal.PaymentLine;
import io.hearth.payments.internal.PaymentRepository;
import io.hearth.payments.internal.RefundLine;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Money back: by an admin (full or part, with a reason; the event's cancellation policy gives the default amount;
 * the seat is released), or by Hearth itself when a man paid and no seat was left. Each refund is written PENDING
 * before Stripe is asked, and its id is the idempotency key: a retry never refunds twice. The platform's fee goes
 * back in proportion ({@code refund_application_fee}). Audited; the man is told.
 */
@TenantBound
@Singleton
public class Refunds {

    private static final Logger LOG = LoggerFactory.getLogger(Refunds.class);

    @Schema(name = "RefundView")
    @Serdeable
    public record RefundView(UUID id, UUID paymentId, long amountCents, String currency, long applicationFeeRefundedCents, String reason,
                             @Nullable UUID requestedBy, String status, @Nullable String failure, Instant createdAt) {
    }

    /** What an admin sees before refunding: what is left to refund and what the policy gives. */
    @Schema(name = "RefundQuote")
    @Serdeable
    public record RefundQuote(UUID paymentId, long refundableCents, long policyCents, String policy, String currency) {
    }

    private final PaymentRepository payments;
    private final PaymentProvider provider;
    private final Registrations registrations;
    private final Gatherings events;
    private final Outbox outbox;
    private final Audit audit;
    private final Mailer mailer;
    private final People people;
    private final Clock clock;

    public Refunds(PaymentRepository payments, PaymentProvider provider, Registrations registrations, Gatherings events, Outbox outbox, Audit audit,
                   Mailer mailer, People people, Clock clock) {
        this.payments = payments;
        this.provider = provider;
        this.registrations = registrations;
        this.events = events;
        this.outbox = outbox;
        this.audit = audit;
        this.mailer = mailer;
        this.people = people;
        this.clock = clock;
    }

    /** What is left to refund, with Stripe's own figure re-read where it can be (a refund made in Stripe's dashboard counts). */
    public RefundQuote quote(Caller caller, UUID paymentId) {
        PaymentLine payment = payments.findById(paymentId).orElseThrow(() -> Refusal.notFound("No such payment"));
        return quote(payment, refundedAtStripe(payment));
    }

    private RefundQuote quote(PaymentLine payment, long refundedAtStripe) {
        UUID paymentId = payment.id();
        long refundable = refundable(payment, refundedAtStripe);
        String policy = "The whole payment";
        long policyCents = refundable;
        if (payment.eventId() != null) {
            EventView event = events.find(payment.eventId()).orElseThrow();
            Instant cutoff = event.startsAt().minus(Duration.ofHours(event.cancellationCutoffHours()));
            if (!clock.instant().isBefore(cutoff)) {
                policyCents = 0;
                policy = "No refund after the cancellation cutoff (" + event.cancellationCutoffHours() + " hours before the start)";
            } else {
                policy = "In full until the cancellation cutoff (" + event.cancellationCutoffHours() + " hours before the start)";
            }
        }
        return new RefundQuote(paymentId, refundable, policyCents, policy, payment.currency());
    }

    /**
     * An admin refunds: the amount (default: what the policy gives), a reason, and whether his seat goes back to the
     * event. With an idempotency key, the same key from him answers the refund it made the first time, however many
     * times and however close together it is sent; Stripe's own key is the refund's id, so Stripe refunds it once too.
     */
    public RefundView refund(Caller caller, UUID paymentId, @Nullable Long amountCents, String reason, boolean releaseSeat, @Nullable String idempotencyKey) {
        if (idempotencyKey != null) {
            Optional<RefundLine> earlier = payments.findRefundByKey(caller.person(), idempotencyKey);
            if (earlier.isPresent()) {
                return answered(send(caller.tenant(), same(earlier.get(), paymentId, amountCents).id()));
            }
        }
        PaymentLine found = payments.findById(paymentId).orElseThrow(() -> Refusal.notFound("No such payment"));
        long refundedAtStripe = refundedAtStripe(found);
        RefundQuote quote = quote(found, refundedAtStripe);
        long amount = amountCents == null ? quote.policyCents() : amountCents;
        if (amountCents == null && amount == 0) {
            throw Refusal.invalid("amountCents", "is required: " + quote.policy() + "; give the amount to refund anyway");
        }
        return answered(send(caller.tenant(), open(caller, paymentId, amount, amountCents, reason, caller.person(), releaseSeat, idempotencyKey, refundedAtStripe)));
    }

    private RefundView answered(RefundLine sent) {
        if (sent.status().equals("FAILED")) {
            throw new Refusal(Refusal.Kind.CONFLICT, ErrorCode.PAYMENTS_NOT_READY, "Stripe refused the refund: " + sent.failure());
        }
        return view(sent);
    }

    /** The refund an earlier request with this key made, when this request is the same one again. */
    private static RefundLine same(RefundLine earlier, UUID paymentId, @Nullable Long amountCents) {
        if (!earlier.paymentId().equals(paymentId) || (amountCents != null && amountCents != earlier.amountCents())) {
            throw Refusal.conflict("This Idempotency-Key was used for another refund");
        }
        return earlier;
    }

    /**
     * Writes the refund PENDING under the payment's lock. With a key already used by him (a request sent twice at
     * once waited here for the first), nothing new is written: the first refund's id is answered.
     */
    @Transactional
    UUID open(Caller caller, UUID paymentId, long amount, @Nullable Long asked, String reason, UUID by, boolean releaseSeat, @Nullable String idempotencyKey,
              long refundedAtStripe) {
        PaymentLine payment = payments.lock(paymentId).orElseThrow(() -> Refusal.notFound("No such payment"));
        if (idempotencyKey != null) {
            Optional<RefundLine> earlier = payments.findRefundByKey(by, idempotencyKey);
            if (earlier.isPresent()) {
                return same(earlier.get(), paymentId, asked).id();
            }
        }
        if (!payment.status().equals("PAID") && !payment.status().equals("REFUND_DUE")) {
            throw Refusal.conflict("Only a paid payment can be refunded (this one is " + payment.status() + ")");
        }
        long refundable = refundable(payment, refundedAtStripe);
        if (amount < 1 || amount > refundable) {
            throw Refusal.invalid("amountCents", "must be between 1 and " + refundable + " (what is left to refund)");
        }
        String intent = intentFor(payment, amount);
        UUID id = UUID.randomUUID();
        payments.insertRefund(id, paymentId, amount, PlatformFee.refundedShare(payment.applicationFeeCents(), payment.amountCents(), amount),
                reason, by, releaseSeat, intent);
        if (idempotencyKey != null) {
            payments.keyRefund(id, idempotencyKey);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("payment", paymentId);
        details.put("amountCents", amount);
        details.put("reason", reason);
        details.put("releaseSeat", releaseSeat);
        audit.byCaller(caller, AuditAction.PAYMENT_REFUNDED, payment.personId(), details);
        return id;
    }

    /** Hearth refunds by itself, all that was paid, in the transaction that found no seat for the payment. */
    void owe(PaymentLine payment, String reason) {
        if (payment.inInstalments()) {
            for (io.hearth.payments.internal.IntentLine instalment : payments.refundableInstalments(payment.id())) {
                if (instalment.refundable() > 0) {
                    payments.insertRefund(UUID.randomUUID(), payment.id(), instalment.refundable(),
                            PlatformFee.refundedShare(payment.applicationFeeCents(), payment.amountCents(), instalment.refundable()), reason, null,
                            false, instalment.intent());
                }
            }
            return;
        }
        // As for an admin's refund: what Stripe refunded by other means (its dashboard) is not asked again.
        long refundable = refundable(payment, payment.refundedCents());
        if (refundable > 0) {
            payments.insertRefund(UUID.randomUUID(), payment.id(), refundable,
                    PlatformFee.refundedShare(payment.applicationFeeCents(), payment.amountCents(), refundable), reason, null, false,
                    payment.paymentIntentId());
        }
    }

    /** What a refund of this amount is drawn from: the payment's intent, or the oldest instalment with enough left. */
    private String intentFor(PaymentLine payment, long amount) {
        if (!payment.inInstalments()) {
            return payment.paymentIntentId();
        }
        List<io.hearth.payments.internal.IntentLine> instalments = payments.refundableInstalments(payment.id());
        return instalments.stream().filter(i -> i.refundable() >= amount).map(io.hearth.payments.internal.IntentLine::intent).findFirst()
                .orElseThrow(() -> Refusal.invalid("amountCents", "is more than one paid instalment: refund at most "
                        + instalments.stream().mapToLong(io.hearth.payments.internal.IntentLine::refundable).max().orElse(0)
                        + " at a time, one instalment after the other"));
    }

    /** Sends every pending refund of the payment (after the transaction that wrote them). */
    public void sendPendingOf(Tenant tenant, UUID paymentId) {
        payments.findRefundsOf(paymentId).stream().filter(r -> r.status().equals("PENDING")).forEach(r -> send(tenant, r.id()));
    }

    /** Asks Stripe for the refund; a failure worth retrying leaves it PENDING for the reconciliation, a refusal marks it FAILED. */
    public RefundLine send(Tenant tenant, UUID refundId) {
        RefundLine refund = payments.findRefund(refundId).orElseThrow();
        if (!refund.status().equals("PENDING")) {
            return refund;
        }
        PaymentLine payment = payments.findById(refund.paymentId()).orElseThrow();
        if (refund.paymentIntentId() == null) {
            failed(refund.id(), "nothing at Stripe to refund from (no payment intent known yet)");
            return payments.findRefund(refundId).orElseThrow();
        }
        try {
            String stripeRefund = provider.refund(payment.accountId(), refund.paymentIntentId(), refund.amountCents(), "hearth-refund-" + refund.id(),
                    Map.of("hearth_payment", payment.id().toString(), "hearth_refund", refund.id().toString()));
            succeeded(tenant, refund.id(), stripeRefund);
        } catch (PaymentProvider.ProviderFailure e) {
            if (e.isTransient()) {
                LOG.warn("refund {} of payment {} is not through yet, the reconciliation tries again: {}", refund.id(), payment.id(), e.getMessage());
            } else {
                failed(refund.id(), e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
            }
        }
        return payments.findRefund(refundId).orElseThrow();
    }

    @Transactional
    void succeeded(Tenant tenant, UUID refundId, String stripeRefundId) {
        RefundLine refund = payments.lockRefund(refundId).orElseThrow();
        if (!refund.status().equals("PENDING")) {
            return;
        }
        PaymentLine payment = payments.lock(refund.paymentId()).orElseThrow();
        payments.refundSucceeded(refundId, stripeRefundId);
        // Stripe's charge.refunded may have told us of this refund already: the refunds we know of, or what Stripe said, whichever is more.
        long refunded = Math.min(payment.amountCents(), Math.max(payment.refundedCents(), payments.succeededRefunds(payment.id())));
        payments.setRefunded(payment.id(), refunded);
        outbox.publish(new PaymentEvent.RefundIssued(tenant.id(), payment.id(), payment.personId(), payment.registrationId(),
                refund.amountCents(), payment.currency(), refund.applicationFeeRefundedCents(), refund.reason(), stripeRefundId));
        if (refund.releaseSeat() && payment.registrationId() != null && payment.eventId() != null) {
            registrations.release(tenant, payment.registrationId(), refund.requestedBy(), "Refunded: " + refund.reason());
        }
        people.emailOf(payment.personId()).ifPresent(email -> mailer.send(tenant, email, "Your payment was refunded",
                "We have refunded " + PaymentSettlement.money(refund.amountCents(), payment.currency()) + " of your payment for "
                        + payment.description() + ".\nReason: " + refund.reason() + "\n\n"
                        + "It is on its way back to your card; it usually shows within 5 to 10 days.\n"));
    }

    @Transactional
    void failed(UUID refundId, String failure) {
        payments.refundFailed(refundId, failure);
        LOG.error("Stripe refused refund {}: {}", refundId, failure);
    }

    /** A refund Stripe could not carry out after all ({@code refund.updated}, status failed or canceled): the money is his to get again. */
    @Transactional
    public void failedAtStripe(Tenant tenant, String stripeRefundId, String why) {
        payments.findRefundByStripeId(stripeRefundId).filter(r -> r.status().equals("SUCCEEDED")).ifPresent(refund -> {
            PaymentLine payment = payments.lock(refund.paymentId()).orElseThrow();
            payments.refundFailed(refund.id(), why);
            payments.setRefunded(payment.id(), Math.max(0, payment.refundedCents() - refund.amountCents()));
            outbox.publish(new PaymentEvent.RefundFailed(tenant.id(), payment.id(), payment.personId(), refund.amountCents(),
                    payment.currency(), why, stripeRefundId));
        });
    }

    @Transactional(readOnly = true)
    public List<RefundView> of(Caller caller, UUID paymentId) {
        payments.findById(paymentId).orElseThrow(() -> Refusal.notFound("No such payment"));
        return payments.findRefundsOf(paymentId).stream().map(this::view).toList();
    }

    /**
     * What can still go back: of what was paid (all of it, or the instalments so far), less what is refunded or on its
     * way. Refunded is the larger of ours that went through and Stripe's own figure (which counts refunds made in its
     * dashboard too); ours still pending come on top.
     */
    private long refundable(PaymentLine payment, long refundedAtStripe) {
        long paid = payment.inInstalments() ? payments.paidInInstalments(payment.id()) : payment.amountCents();
        long refunded = Math.max(Math.max(payments.succeededRefunds(payment.id()), payment.refundedCents()), refundedAtStripe);
        return Math.max(0, paid - refunded - payments.pendingRefunds(payment.id()));
    }

    /**
     * What Stripe has refunded of a card payment, re-read now; what Hearth last heard (charge.refunded) when Stripe
     * cannot be reached, or for a plan (its instalments are separate charges, each checked when refunded).
     */
    private long refundedAtStripe(PaymentLine payment) {
        if (payment.inInstalments() || payment.paymentIntentId() == null || payment.accountId() == null) {
            return payment.refundedCents();
        }
        try {
            return provider.refundedOf(payment.accountId(), payment.paymentIntentId());
        } catch (PaymentProvider.ProviderFailure e) {
            LOG.warn("what Stripe refunded of payment {} could not be re-read; counting the last figure Stripe sent: {}", payment.id(), e.getMessage());
            return payment.refundedCents();
        }
    }

    private RefundView view(RefundLine refund) {
        PaymentLine payment = payments.findById(refund.paymentId()).orElseThrow();
        return new RefundView(refund.id(), refund.paymentId(), refund.amountCents(), payment.currency(), refund.applicationFeeRefundedCents(),
                refund.reason(), refund.requestedBy(), refund.status(), refund.failure(), refund.createdAt());
    }
}
