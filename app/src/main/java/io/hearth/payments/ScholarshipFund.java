package io.hearth.payments;

import io.hearth.ErrorCode;
import io.hearth.gatherings.EventView;
import io.hearth.gatherings.Gatherings;
import io.hearth.gatherings.RegistrationView;
import io.hearth.gatherings.Registrations;
import io.hearth.gatherings.SeatRules;
import io.hearth.identity.Audit;
import io.hearth.identity.AuditAction;
import io.hearth.identity.Caller;
import io.hearth.identity.People;
import io.hearth.identity.PublicLinks;
import io.hearth.kit.Refusal;
import io.hearth.kit.outbox.Outbox;
import io.hearth.payments.internal.FundLine;
import io.hearth.payments.internal.FundRepository;
import io.hearth.payments.internal.PaymentLine;
import io.hearth.payments.internal.PaymentRepository;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The organisation's scholarship fund: members give to it (a one-off Checkout; what reaches the organisation, less
 * the platform's fee, goes in), admins grant part or all of a man's event fee from it (never more than it holds, two
 * grants at once never spend the same money); a whole fee granted confirms his seat, a part lowers what he pays.
 */
@TenantBound
@Singleton
public class ScholarshipFund {

    @Schema(name = "FundBalance")
    @Serdeable
    public record Balance(String currency, long balanceCents) {
    }

    @Schema(name = "FundMovement")
    @Serdeable
    public record Movement(UUID id, String kind, long amountCents, String currency, UUID personId, @Nullable String personName,
                           @Nullable UUID registrationId, @Nullable String note, Instant at) {
    }

    @Schema(name = "FundReport")
    @Serdeable
    public record Report(List<Balance> balances, List<Movement> movements) {
    }

    @Schema(name = "FundGift")
    @Serdeable
    public record Gift(UUID paymentId, String checkoutUrl) {
    }

    /** A held seat a grant could go to: who, which event, what is left to pay. */
    @Schema(name = "FundCandidate")
    @Serdeable
    public record Candidate(UUID registrationId, UUID eventId, String eventTitle, UUID personId, @Nullable String personName, long dueCents,
                            String currency, long grantedCents, @Nullable Instant holdUntil) {
    }

    private final FundRepository fund;
    private final PaymentRepository payments;
    private final Registrations registrations;
    private final Gatherings events;
    private final Connect connect;
    private final PaymentProvider provider;
    private final PlanFees fees;
    private final People people;
    private final PublicLinks links;
    private final Outbox outbox;
    private final Audit audit;
    private final Clock clock;

    public ScholarshipFund(FundRepository fund, PaymentRepository payments, Registrations registrations, Gatherings events, Connect connect, PaymentProvider provider,
                           PlanFees fees, People people, PublicLinks links, Outbox outbox, Audit audit, Clock clock) {
        this.fund = fund;
        this.payments = payments;
        this.registrations = registrations;
        this.events = events;
        this.connect = connect;
        this.provider = provider;
        this.fees = fees;
        this.people = people;
        this.links = links;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    /** A member gives: Checkout on the organisation's account for the amount. */
    public Gift give(Caller caller, long amountCents, String currency) {
        String account = connect.readyAccount().orElseThrow(() -> new Refusal(Refusal.Kind.CONFLICT, ErrorCode.PAYMENTS_NOT_READY,
                "The organisation does not take card payments yet"));
        Tenant tenant = caller.tenant();
        UUID id = openGift(caller.tenant(), caller.person(), amountCents, currency.toUpperCase(Locale.ROOT), account, fees.of(tenant.id()).on(amountCents));
        PaymentLine payment = payments.findById(id).orElseThrow();
        PaymentProvider.CheckoutState session = Connect.ask(() -> provider.createCheckout(account, new PaymentProvider.CheckoutRequest("hearth-payment-" + id,
                payment.description(), amountCents, payment.currency(), payment.applicationFeeCents(), 1, fees.of(tenant.id()).percent(),
                links.to(tenant, "/payments?gift=" + id), links.to(tenant, "/payments?gift=cancelled"), clock.instant().plus(Duration.ofHours(1)),
                people.emailOf(caller.person()).orElse(null), id.toString(),
                Map.of("hearth_tenant", tenant.id().value().toString(), "hearth_payment", id.toString(), "hearth_person", caller.person().toString()))));
        attach(id, session);
        return new Gift(id, session.url());
    }

    @Transactional
    UUID openGift(Tenant tenant, UUID person, long amountCents, String currency, String account, long fee) {
        UUID id = UUID.randomUUID();
        payments.insert(id, "FUND_GIFT", person, null, null, "Gift to the scholarship fund", amountCents, currency, fee, account, null, 1);
        outbox.publish(new PaymentEvent.PaymentStarted(tenant.id(), id, "FUND_GIFT", person, null, amountCents, currency, fee));
        return id;
    }

    @Transactional
    void attach(UUID id, PaymentProvider.CheckoutState session) {
        payments.attachCheckout(id, session.id(), session.url(), session.expiresAt());
    }

    /**
     * An admin grants part or all of a man's held event fee from the fund; the whole fee confirms his seat, and a
     * Checkout session he had open for it is ended.
     */
    @Transactional
    public Movement grant(Caller caller, UUID registrationId, long amountCents, @Nullable String note) {
        fund.lock();
        RegistrationView registration = registrations.find(registrationId)
                .orElseThrow(() -> Refusal.notFound("No such registration"));
        if (registration.status() != SeatRules.Status.PENDING_PAYMENT) {
            throw new Refusal(Refusal.Kind.CONFLICT, ErrorCode.NOT_AWAITING_PAYMENT, "Only a seat held for payment can be granted (this one is "
                    + registration.status() + ")");
        }
        EventView event = events.find(registration.eventId()).orElseThrow();
        EventView.PriceOption option = event.priceOptions().stream().filter(o -> o.code().equals(registration.priceOption())).findFirst()
                .orElseThrow(() -> Refusal.conflict("The registration's price option is gone"));
        String currency = option.currency().toUpperCase(Locale.ROOT);
        long due = option.amountCents() - fund.grantedTo(registrationId);
        long balance = fund.balance(currency);
        if (amountCents > due) {
            throw Refusal.invalid("amountCents", "is more than he still owes (" + due + ")");
        }
        if (amountCents > balance) {
            throw Refusal.invalid("amountCents", "is more than the fund holds (" + balance + " " + currency + ")");
        }
        UUID id = UUID.randomUUID();
        fund.insert(id, "GRANT", amountCents, currency, registration.personId(), null, registrationId, note, caller.person());
        outbox.publish(new PaymentEvent.FundGranted(caller.tenant().id(), id, registration.personId(), registrationId, amountCents, currency,
                amountCents == due));
        audit.byCaller(caller, AuditAction.PAYMENT_INTERVENTION, registration.personId(), Map.of("fundGrant", amountCents, "registration", registrationId));
        payments.findOpenOf(registrationId).ifPresent(open -> {
            // His open session would take the whole price: it ends first, or the grant waits (he may be paying this minute).
            if (open.checkoutSessionId() != null) {
                try {
                    provider.expireCheckout(open.accountId(), open.checkoutSessionId(), "hearth-expire-" + open.id());
                } catch (PaymentProvider.ProviderFailure e) {
                    throw Refusal.conflict("His payment for this seat is under way at Stripe: try the grant again in a few minutes");
                }
            }
            payments.markExpired(open.id());
        });
        if (amountCents == due) {
            registrations.paid(caller.tenant(), registrationId);
        }
        return view(fund.recent().stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow(), people.names(List.of(registration.personId())));
    }

    @Transactional(readOnly = true)
    public Report report(Caller caller) {
        List<FundLine> lines = fund.recent();
        Map<UUID, String> names = people.names(lines.stream().map(FundLine::personId).distinct().toList());
        return new Report(fund.balances().stream().map(b -> new Balance(b.currency(), b.balanceCents())).toList(),
                lines.stream().map(line -> view(line, names)).toList());
    }

    @Transactional(readOnly = true)
    public List<Candidate> candidates(Caller caller) {
        List<RegistrationView> held = registrations.held();
        Map<UUID, String> names = people.names(held.stream().map(RegistrationView::personId).distinct().toList());
        Map<UUID, Long> grants = held.isEmpty() ? Map.of() : fund.grantedToEach(held.stream().map(RegistrationView::id).toList())
                .stream().collect(java.util.stream.Collectors.toMap(io.hearth.payments.internal.GrantLine::registrationId,
                        io.hearth.payments.internal.GrantLine::grantedCents));
        Map<UUID, EventView> eventsById = new java.util.HashMap<>();
        return held.stream().map(r -> {
            EventView event = eventsById.computeIfAbsent(r.eventId(), id -> events.find(id).orElseThrow());
            EventView.PriceOption option = event.priceOptions().stream().filter(o -> o.code().equals(r.priceOption())).findFirst().orElse(null);
            long granted = grants.getOrDefault(r.id(), 0L);
            return option == null ? null : new Candidate(r.id(), event.id(), event.title(), r.personId(), names.get(r.personId()),
                    option.amountCents() - granted, option.currency().toUpperCase(Locale.ROOT), granted, r.holdUntil());
        }).filter(java.util.Objects::nonNull).toList();
    }

    private static Movement view(FundLine line, Map<UUID, String> names) {
        return new Movement(line.id(), line.kind(), line.amountCents(), line.currency(), line.personId(), names.get(line.personId()),
                line.registrationId(), line.note(), line.at());
    }
}
