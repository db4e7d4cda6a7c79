package io.hearth.payments;

import io.hearth.ErrorCode;
import io.hearth.gatherings.EventView;
import io.hearth.gatherings.Gatherings;
import io.hearth.gatherings.RegistrationView;
import io.hearth.gatherings.Registrations;
import io.hearth.gatherings.SeatPayments;
import io.hearth.gatherings.SeatRules;
import io.hearth.identity.Caller;
import io.hearth.identity.People;
import io.hearth.identity.PublicLinks;
import io.hearth.kit.Refusal;
import io.hearth.kit.outbox.Outbox;
import io.hearth.payments.internal.PaymentLine;
import io.hearth.payments.internal.PaymentRepository;
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
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Paying for a held seat through Stripe Checkout: a direct charge on the organisation's account with the
 * platform's fee ({@code application_fee_amount}), tied to the registration by metadata. The payment row is written
 * before Stripe is asked, and its id is the idempotency key, so a retry after a failure or a timeout finds the same
 * session instead of opening a second one. Hearth never sees a card.
 */
@TenantBound
@Singleton
public class EventFees implements SeatPayments {

    private static final Logger LOG = LoggerFactory.getLogger(EventFees.class);
    /** Stripe keeps a Checkout session open 30 minutes at least and 24 hours at most. */
    private static final Duration SHORTEST_SESSION = Duration.ofMinutes(31);
    private static final Duration LONGEST_SESSION = Duration.ofHours(23);

    @Schema(name = "EventCheckout")
    @Serdeable
    public record Checkout(UUID paymentId, UUID registrationId, String checkoutUrl, @Nullable Instant expiresAt, long amountCents,
                           String currency, long applicationFeeCents) {
    }

    private final Registrations registrations;
    private final Gatherings events;
    private final Connect connect;
    private final PaymentProvider provider;
    private final PlanFees fees;
    private final io.hearth.payments.internal.FundRepository fund;
    private final PaymentRepository payments;
    private final People people;
    private final PublicLinks links;
    private final Outbox outbox;
    private final Clock clock;

    public EventFees(Registrations registrations, Gatherings events, Connect connect, PaymentProvider provider, PlanFees fees, io.hearth.payments.internal.FundRepository fund,
                     PaymentRepository payments, People people, PublicLinks links, Outbox outbox, Clock clock) {
        this.registrations = registrations;
        this.events = events;
        this.connect = connect;
        this.provider = provider;
        this.fees = fees;
        this.fund = fund;
        this.payments = payments;
        this.people = people;
        this.links = links;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** At registration: the Checkout URL when the organisation takes card payments; a failure leaves the hold to pay later. */
    @Override
    public Optional<String> checkoutFor(Caller caller, RegistrationView held, int instalments) {
        if (connect.readyAccount().isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(start(caller, held.eventId(), held.id(), null, instalments).checkoutUrl());
        } catch (Refusal e) {
            LOG.warn("no Checkout session for registration {} at registration time: {}", held.id(), e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Where the man pays for his held seat: the open session when there is one, else a new one. With an
     * idempotency key, the same key answers the same payment.
     */
    public Checkout start(Caller caller, UUID eventId, UUID registrationId, @Nullable String idempotencyKey, @Nullable Integer instalments) {
        RegistrationView registration = registrations.get(caller, eventId, registrationId);
        if (!registration.personId().equals(caller.person())) {
            throw Refusal.notFound("No such registration of yours");
        }
        if (idempotencyKey != null) {
            Optional<PaymentLine> earlier = payments.findByKey(caller.person(), idempotencyKey);
            if (earlier.isPresent() && earlier.get().checkoutUrl() != null) {
                return view(earlier.get());
            }
        }
        Instant now = clock.instant();
        if (registration.status() != SeatRules.Status.PENDING_PAYMENT || registration.holdUntil() == null || !now.isBefore(registration.holdUntil())) {
            throw new Refusal(Refusal.Kind.CONFLICT, ErrorCode.NOT_AWAITING_PAYMENT,
                    "This registration waits for no payment (it is " + registration.status() + ")");
        }
        String account = connect.readyAccount().orElseThrow(() -> new Refusal(Refusal.Kind.CONFLICT, ErrorCode.PAYMENTS_NOT_READY,
                "The organisation does not take card payments yet: the event's staff confirm payments by hand"));
        int wanted = instalments == null ? 1 : instalments;
        PaymentLine opened = payable(caller.tenant(), registration, account, idempotencyKey, wanted, now);
        if (opened.checkoutUrl() != null) {
            return view(opened);
        }
        return view(withSession(opened.id(), registration, caller, account, now));
    }

    /**
     * Opens the payment's Checkout session at Stripe under the registration's lock, so that a request at the same
     * moment waits and finds it rather than asking Stripe again. The payment row was committed before, so a session
     * Stripe made while its answer was lost is found again by the payment's own idempotency key on the next try.
     */
    @Transactional
    PaymentLine withSession(UUID paymentId, RegistrationView registration, Caller caller, String account, Instant now) {
        payments.lockPaymentsOf(registration.id());
        PaymentLine payment = payments.findById(paymentId).orElseThrow();
        if (payment.checkoutUrl() != null || !payment.status().equals("OPEN")) {
            return payment;
        }
        UUID eventId = registration.eventId();
        UUID registrationId = registration.id();
        Tenant tenant = caller.tenant();
        // From when the payment was opened, so that a retry asks Stripe with the same parameters under the same key.
        Instant fromOpening = clamp(registration.holdUntil(), payment.createdAt());
        Instant expiresAt = fromOpening.isBefore(now.plus(SHORTEST_SESSION)) ? clamp(registration.holdUntil(), now) : fromOpening;
        PaymentProvider.CheckoutState session = Connect.ask(() -> provider.createCheckout(account, new PaymentProvider.CheckoutRequest(
                "hearth-payment-" + payment.id(), payment.description(), payment.amountCents(), payment.currency(), payment.applicationFeeCents(),
                payment.instalments(), fees.of(tenant.id()).percent(),
                links.to(tenant, "/events/" + eventId + "?payment=" + payment.id()),
                links.to(tenant, "/events/" + eventId + "?payment=cancelled"),
                expiresAt, people.emailOf(caller.person()).orElse(null), registrationId.toString(),
                Map.of("hearth_tenant", tenant.id().value().toString(), "hearth_payment", payment.id().toString(),
                        "hearth_registration", registrationId.toString(), "hearth_event", eventId.toString(),
                        "hearth_person", caller.person().toString()))));
        attach(payment, session);
        return payments.findById(payment.id()).orElseThrow();
    }

    /**
     * The payment to take his money for this registration: the one his key opened, the open one for the same way of
     * paying, or a new one. One at a time per registration (a lock until commit), so that requests at the same moment
     * (the same key sent twelve times, a registration repeated with its key) find the first payment and never open a
     * second Checkout session beside it; Stripe's own key for the session is the payment's id.
     */
    @Transactional
    PaymentLine payable(Tenant tenant, RegistrationView registration, String account, @Nullable String idempotencyKey, int instalments, Instant now) {
        payments.lockPaymentsOf(registration.id());
        String key = idempotencyKey;
        if (idempotencyKey != null) {
            Optional<PaymentLine> earlier = payments.findByKey(registration.personId(), idempotencyKey);
            if (earlier.isPresent()) {
                if (!registration.id().equals(earlier.get().registrationId())) {
                    throw Refusal.conflict("This Idempotency-Key was used to pay for another registration");
                }
                if (earlier.get().status().equals("OPEN")) {
                    return earlier.get();
                }
                key = null;
            }
        }
        String newKey = key;
        return payments.findOpenOf(registration.id()).filter(open -> open.accountId().equals(account))
                .filter(open -> open.instalments() == instalments)
                .filter(open -> open.expiresAt() == null || open.expiresAt().isAfter(now.plusSeconds(60)))
                .orElseGet(() -> open(tenant, registration, account, newKey, instalments, now));
    }

    @Transactional
    PaymentLine open(Tenant tenant, RegistrationView registration, String account, @Nullable String idempotencyKey, int instalments, Instant now) {
        EventView event = events.find(registration.eventId()).orElseThrow(() -> Refusal.notFound("No event with this id"));
        EventView.PriceOption option = event.priceOptions().stream().filter(o -> o.code().equals(registration.priceOption())).findFirst()
                .orElseThrow(() -> new Refusal(Refusal.Kind.CONFLICT, ErrorCode.NOT_AWAITING_PAYMENT, "The registration's price option is gone"));
        long granted = fund.grantedTo(registration.id());
        long price = option.amountCents() - granted;
        if (price <= 0) {
            throw new Refusal(Refusal.Kind.CONFLICT, ErrorCode.NOT_AWAITING_PAYMENT, "Nothing is left to pay for this seat");
        }
        if (instalments < 1 || instalments > option.maxInstalments()) {
            throw Refusal.invalid("instalments", option.maxInstalments() == 1 ? "must be 1: this price is paid in full"
                    : "must be 1 to " + option.maxInstalments() + " for this price");
        }
        // A session he left for another way of paying is ended at Stripe, so that it cannot be paid as well.
        payments.findOpenOf(registration.id()).ifPresent(stale -> {
            payments.markExpired(stale.id());
            if (stale.checkoutSessionId() != null) {
                try {
                    provider.expireCheckout(stale.accountId(), stale.checkoutSessionId(), "hearth-expire-" + stale.id());
                } catch (PaymentProvider.ProviderFailure e) {
                    LOG.info("Checkout session {} was not expired at Stripe (it is paid, or gone): {}", stale.checkoutSessionId(), e.getMessage());
                }
            }
        });
        UUID id = UUID.randomUUID();
        PlatformFee plan = fees.of(tenant.id());
        // Stripe takes an instalment plan's fee as a percentage of each invoice: no fixed part there.
        long fee = instalments > 1 ? new PlatformFee(plan.percent(), 0).on(price) : plan.on(price);
        String currency = option.currency().toUpperCase(java.util.Locale.ROOT);
        String description = event.title() + " (" + option.name() + ")" + (granted > 0 ? ", less " + PaymentSettlement.money(granted, currency)
                + " from the scholarship fund" : "");
        payments.insert(id, "EVENT_FEE", registration.personId(), registration.id(), event.id(), description, price, currency, fee, account,
                idempotencyKey, instalments);
        outbox.publish(new PaymentEvent.PaymentStarted(tenant.id(), id, "EVENT_FEE", registration.personId(), registration.id(),
                price, currency, fee));
        return payments.findById(id).orElseThrow();
    }

    @Transactional
    void attach(PaymentLine payment, PaymentProvider.CheckoutState session) {
        payments.attachCheckout(payment.id(), session.id(), session.url(), session.expiresAt());
    }

    /** His payments, newest first. */
    @Transactional(readOnly = true)
    public java.util.List<PaymentView> mine(Caller caller, int page, int size) {
        return payments.findOfPerson(caller.person(), size, (long) page * size).stream().map(line -> line.view(null)).toList();
    }

    /** Stripe's receipt for one of his card payments (the latest instalment's, for a plan). */
    public String receipt(Caller caller, UUID paymentId) {
        PaymentLine payment = payments.findById(paymentId).filter(p -> p.personId().equals(caller.person()))
                .orElseThrow(() -> Refusal.notFound("No such payment of yours"));
        String intent = payment.inInstalments() ? payments.latestInstalmentIntent(paymentId).orElse(null) : payment.paymentIntentId();
        if (intent == null || payment.accountId() == null) {
            throw Refusal.conflict("There is no card receipt for this payment (it is " + payment.status() + ")");
        }
        return Connect.ask(() -> provider.receiptUrl(payment.accountId(), intent))
                .orElseThrow(() -> Refusal.conflict("Stripe has no receipt for this payment yet"));
    }

    /** The event's payments, for its PTMs and admins: who paid, who is paying in instalments, whose instalment failed. */
    @Transactional(readOnly = true)
    public java.util.List<PaymentView> ofEvent(Caller caller, UUID eventId) {
        events.requireManager(caller, eventId);
        java.util.List<PaymentLine> lines = payments.findOfEvent(eventId);
        Map<UUID, String> names = people.names(lines.stream().map(PaymentLine::personId).distinct().toList());
        return lines.stream().map(line -> line.view(names.get(line.personId()))).toList();
    }

    /** Every payment of the organisation, newest first (admins). */
    @Transactional(readOnly = true)
    public io.hearth.web.Paged<PaymentView> all(Caller caller, int page, int size) {
        java.util.List<PaymentLine> lines = payments.findAll(size, (long) page * size);
        Map<UUID, String> names = people.names(lines.stream().map(PaymentLine::personId).distinct().toList());
        return new io.hearth.web.Paged<>(lines.stream().map(line -> line.view(names.get(line.personId()))).toList(), page, size,
                payments.countAll());
    }

    @Transactional(readOnly = true)
    public long countMine(Caller caller) {
        return payments.countOfPerson(caller.person());
    }

    private static Instant clamp(Instant holdUntil, Instant now) {
        Instant earliest = now.plus(SHORTEST_SESSION);
        Instant latest = now.plus(LONGEST_SESSION);
        return holdUntil.isBefore(earliest) ? earliest : holdUntil.isAfter(latest) ? latest : holdUntil;
    }

    private static Checkout view(PaymentLine payment) {
        return new Checkout(payment.id(), payment.registrationId(), payment.checkoutUrl(), payment.expiresAt(), payment.amountCents(),
                payment.currency(), payment.applicationFeeCents());
    }
}
