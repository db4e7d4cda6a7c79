package io.hearth.payments;

import io.hearth.ErrorCode;
import io.hearth.circles.Memberships;
import io.hearth.circles.PaymentStatus;
import io.hearth.identity.Audit;
import io.hearth.identity.AuditAction;
import io.hearth.identity.Caller;
import io.hearth.identity.People;
import io.hearth.kit.Refusal;
import io.hearth.kit.outbox.Outbox;
import io.hearth.payments.internal.DuesLine;
import io.hearth.payments.internal.DuesRepository;
import io.hearth.payments.internal.InterventionRepository;
import io.hearth.payments.internal.PaymentLine;
import io.hearth.payments.internal.PaymentRepository;
import io.hearth.payments.internal.QueueLine;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The queue of payments that need a person (admins and support): instalments and dues past due, lapsed plans,
 * refunds Stripe could not carry out, disputes. Each action is done at Stripe first where it must be (an offline
 * payment marks the failed invoice paid out of band, so Stripe does not take it as well), then recorded and audited.
 */
@TenantBound
@Singleton
public class Interventions {

    /** What needs a person. */
    @Schema(name = "InterventionKind")
    public enum Kind { INSTALMENT_PAST_DUE, INSTALMENT_LAPSED, DUES_PAST_DUE, REFUND_FAILED, DISPUTED }

    /** What can be done about it. */
    @Schema(name = "InterventionAction")
    public enum Action { RETRY, PAUSE, EXEMPT, CANCEL, OFFLINE, RESOLVE }

    /** How money came in outside Stripe. */
    @Schema(name = "OfflinePaymentMethod")
    public enum Method { CASH, BANK_TRANSFER }

    private static final Map<Kind, List<Action>> ACTIONS = Map.of(
            Kind.INSTALMENT_PAST_DUE, List.of(Action.RETRY, Action.OFFLINE, Action.CANCEL, Action.RESOLVE),
            Kind.INSTALMENT_LAPSED, List.of(Action.OFFLINE, Action.RESOLVE),
            Kind.DUES_PAST_DUE, List.of(Action.RETRY, Action.PAUSE, Action.EXEMPT, Action.OFFLINE, Action.CANCEL),
            Kind.REFUND_FAILED, List.of(Action.RESOLVE),
            Kind.DISPUTED, List.of(Action.RESOLVE));

    @Schema(name = "Intervention")
    @Serdeable
    public record Item(Kind kind, String subjectId, UUID personId, @Nullable String personName, String description, long amountCents, String currency,
                       String state, java.time.Instant since, List<Action> actions) {
    }

    private final InterventionRepository queue;
    private final PaymentRepository payments;
    private final DuesRepository dues;
    private final PaymentProvider provider;
    private final InstalmentPlans plans;
    private final Dues duesUseCase;
    private final Memberships memberships;
    private final People people;
    private final Audit audit;
    private final Outbox outbox;

    public Interventions(InterventionRepository queue, PaymentRepository payments, DuesRepository dues, PaymentProvider provider, InstalmentPlans plans,
                         Dues duesUseCase, Memberships memberships, People people, Audit audit, Outbox outbox) {
        this.queue = queue;
        this.payments = payments;
        this.dues = dues;
        this.provider = provider;
        this.plans = plans;
        this.duesUseCase = duesUseCase;
        this.memberships = memberships;
        this.people = people;
        this.audit = audit;
        this.outbox = outbox;
    }

    @Transactional(readOnly = true)
    public List<Item> queue(Caller caller) {
        List<QueueLine> lines = queue.findQueue();
        Map<UUID, String> names = people.names(lines.stream().map(QueueLine::personId).distinct().toList());
        return lines.stream().map(line -> {
            Kind kind = Kind.valueOf(line.kind());
            return new Item(kind, line.subjectId(), line.personId(), names.get(line.personId()), line.description(), line.amountCents(), line.currency(),
                    line.state(), line.since(), ACTIONS.get(kind));
        }).toList();
    }

    /** Does the action on the item; {@code amountCents} and {@code method} for an offline payment; {@code note} always welcome. */
    public Item act(Caller caller, Kind kind, String subjectId, Action action, @Nullable Long amountCents, @Nullable Method method, @Nullable String note) {
        Item item = queue(caller).stream().filter(i -> i.kind() == kind && i.subjectId().equals(subjectId)).findFirst()
                .orElseThrow(() -> Refusal.notFound("Nothing of this kind with this id waits in the queue"));
        if (!item.actions().contains(action)) {
            throw Refusal.invalid("action", "must be one of " + item.actions() + " for " + kind);
        }
        if (action == Action.OFFLINE && (amountCents == null || amountCents < 1 || method == null)) {
            throw Refusal.invalid(amountCents == null || amountCents < 1 ? "amountCents" : "method", "is required for an offline payment");
        }
        // This action's own id: the idempotency key of what it asks of Stripe (a retry after a decline is a new attempt).
        UUID attempt = UUID.randomUUID();
        switch (kind) {
            case INSTALMENT_PAST_DUE, INSTALMENT_LAPSED -> instalment(caller.tenant(), UUID.fromString(subjectId), action, amountCents, method, attempt);
            case DUES_PAST_DUE -> dues(caller, UUID.fromString(subjectId), action, attempt);
            default -> {
                // REFUND_FAILED and DISPUTED are settled outside Hearth (the bank, Stripe's dashboard): recorded as resolved.
            }
        }
        record(item, action, amountCents, method, note, caller);
        if (kind == Kind.INSTALMENT_LAPSED && action == Action.OFFLINE) {
            // The rest came in by hand: nothing more to do about this plan.
            record(item, Action.RESOLVE, null, null, null, caller);
        }
        return item;
    }

    private void instalment(Tenant tenant, UUID paymentId, Action action, @Nullable Long amountCents, @Nullable Method method, UUID attempt) {
        PaymentLine payment = payments.findById(paymentId).orElseThrow();
        switch (action) {
            case RETRY, OFFLINE -> {
                Optional<String> invoice = queue.failedInstalmentInvoice(paymentId);
                if (invoice.isPresent() && !"LAPSED".equals(payment.planStatus())) {
                    PaymentProvider.InvoiceState paid = takeInvoice(payment.accountId(), invoice.get(), action == Action.OFFLINE, attempt);
                    plans.invoice(tenant, payment.accountId(), paid, action == Action.OFFLINE ? Optional.empty()
                            : Connect.ask(() -> provider.paymentIntentOf(payment.accountId(), paid.id())));
                } else if (action == Action.OFFLINE) {
                    offline(tenant, payment.personId(), payment.registrationId(), payment.eventId(), payment.description(), amountCents, payment.currency(), method);
                } else {
                    throw Refusal.conflict("No failed instalment to take again");
                }
            }
            case CANCEL -> {
                if (payment.subscriptionId() != null) {
                    Connect.ask(() -> provider.cancelSubscription(payment.accountId(), payment.subscriptionId(), "hearth-plan-cancel-" + payment.id()));
                }
            }
            default -> {
            }
        }
    }

    private void dues(Caller caller, UUID duesId, Action action, UUID attempt) {
        DuesLine row = dues.findById(duesId).orElseThrow();
        switch (action) {
            case RETRY, OFFLINE -> {
                String invoice = queue.failedDuesInvoice(duesId).orElseThrow(() -> Refusal.conflict("No failed dues invoice to take again"));
                duesUseCase.invoice(caller.tenant(), row.accountId(), takeInvoice(row.accountId(), invoice, action == Action.OFFLINE, attempt));
            }
            case PAUSE -> {
                Connect.ask(() -> provider.pauseCollection(row.accountId(), row.subscriptionId(), "hearth-dues-pause-" + row.id()));
                setDues(caller, row, "PAUSED", PaymentStatus.PAUSED);
            }
            case EXEMPT -> {
                Connect.ask(() -> provider.cancelSubscription(row.accountId(), row.subscriptionId(), "hearth-dues-cancel-" + row.id()));
                setDues(caller, row, "CANCELED", PaymentStatus.EXEMPT);
            }
            case CANCEL -> {
                Connect.ask(() -> provider.cancelSubscription(row.accountId(), row.subscriptionId(), "hearth-dues-cancel-" + row.id()));
                setDues(caller, row, "CANCELED", null);
            }
            default -> {
            }
        }
    }

    @Transactional
    void setDues(Caller caller, DuesLine row, String status, @Nullable PaymentStatus membership) {
        dues.setStatus(row.id(), status, null, null);
        if (membership != null) {
            memberships.setDuesDecision(caller.tenant(), row.circleId(), row.personId(), membership, caller.person());
        }
        if (status.equals("CANCELED")) {
            outbox.publish(new PaymentEvent.DuesEnded(caller.tenant().id(), row.id(), row.circleId(), row.personId()));
        }
    }

    /** Stripe takes the failed invoice now, or marks it paid outside Stripe; a decline is said plainly. */
    private PaymentProvider.InvoiceState takeInvoice(String account, String invoiceId, boolean outOfBand, UUID attempt) {
        try {
            return provider.payInvoice(account, invoiceId, outOfBand, "hearth-" + (outOfBand ? "offline-" : "retry-") + attempt);
        } catch (PaymentProvider.ProviderFailure e) {
            if (e.isTransient()) {
                throw new Refusal(Refusal.Kind.UNAVAILABLE, ErrorCode.PAYMENTS_UNAVAILABLE, "Stripe cannot be reached now: try again in a minute");
            }
            throw Refusal.conflict("Stripe could not take it: " + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()));
        }
    }

    @Transactional
    void offline(Tenant tenant, UUID person, @Nullable UUID registration, @Nullable UUID event, String description, long amountCents, String currency, Method method) {
        UUID id = UUID.randomUUID();
        queue.insertOffline(id, person, registration, event, description + " (paid " + method.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ")",
                amountCents, currency, method.name());
        outbox.publish(new PaymentEvent.OfflinePaymentRecorded(tenant.id(), id, person, registration, amountCents, currency, method.name()));
    }

    @Transactional
    void record(Item item, Action action, @Nullable Long amountCents, @Nullable Method method, @Nullable String note, Caller caller) {
        queue.record(UUID.randomUUID(), item.kind().name(), item.subjectId(), action.name(), note, amountCents, caller.person());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("kind", item.kind().name());
        details.put("subject", item.subjectId());
        details.put("action", action.name());
        if (amountCents != null) {
            details.put("amountCents", amountCents);
        }
        if (method != null) {
            details.put("method", method.name());
        }
        if (note != null) {
            details.put("note", note);
        }
        audit.byCaller(caller, AuditAction.PAYMENT_INTERVENTION, item.personId(), details);
    }

    /** A card payment disputed at the bank ({@code charge.dispute.*}): it goes to the queue, with Stripe's status. */
    @Transactional
    public void disputed(Tenant tenant, String account, String paymentIntent, String status, long amountCents) {
        payments.findByPaymentIntent(account, paymentIntent).or(() -> payments.findByInstalmentIntent(paymentIntent)).ifPresent(payment -> {
            queue.markDisputed(payment.id(), status, amountCents);
            outbox.publish(new PaymentEvent.PaymentDisputed(tenant.id(), payment.id(), payment.personId(), amountCents, payment.currency(), status));
        });
    }
}
