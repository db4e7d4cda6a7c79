package io.hearth.payments;

import io.hearth.ErrorCode;
import io.hearth.circles.CircleView;
import io.hearth.circles.Circles;
import io.hearth.circles.Memberships;
import io.hearth.identity.Caller;
import io.hearth.identity.People;
import io.hearth.identity.PublicLinks;
import io.hearth.kit.Refusal;
import io.hearth.kit.outbox.Outbox;
import io.hearth.messaging.Mailer;
import io.hearth.payments.internal.DuesLine;
import io.hearth.payments.internal.DuesRepository;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Circle dues as Stripe subscriptions on the organisation's account: each circle's dues are a recurring price
 * there; a member subscribes through Checkout; the subscription's invoices drive his payment status (CURRENT,
 * PAST_DUE), a failed one tells him and his facilitators; leaving the circle ends it. The row is written before
 * Stripe is asked, and its id ties Stripe's objects back (metadata, idempotency keys), so events in any order find it.
 */
@TenantBound
@Singleton
public class Dues {

    private static final Logger LOG = LoggerFactory.getLogger(Dues.class);

    @Schema(name = "DuesView")
    @Serdeable
    public record DuesView(UUID id, UUID circleId, String circleName, long amountCents, String currency, String interval, String status,
                           @Nullable String checkoutUrl, int paidInvoices, boolean canUpdateCard, Instant createdAt, @Nullable Instant endedAt) {
    }

    @Schema(name = "DuesCheckout")
    @Serdeable
    public record DuesCheckout(UUID duesId, String checkoutUrl, @Nullable Instant expiresAt) {
    }

    private final DuesRepository dues;
    private final Circles circles;
    private final Memberships memberships;
    private final Connect connect;
    private final PaymentProvider provider;
    private final PlanFees fees;
    private final People people;
    private final PublicLinks links;
    private final Outbox outbox;
    private final Mailer mailer;
    private final Clock clock;

    public Dues(DuesRepository dues, Circles circles, Memberships memberships, Connect connect, PaymentProvider provider, PlanFees fees, People people,
                PublicLinks links, Outbox outbox, Mailer mailer, Clock clock) {
        this.dues = dues;
        this.circles = circles;
        this.memberships = memberships;
        this.connect = connect;
        this.provider = provider;
        this.fees = fees;
        this.people = people;
        this.links = links;
        this.outbox = outbox;
        this.mailer = mailer;
        this.clock = clock;
    }

    /** The member subscribes to his circle's dues: the open Checkout session when there is one, else a new one. */
    public DuesCheckout subscribe(Caller caller, UUID circleId) {
        CircleView circle = circles.get(caller, circleId);
        if (!memberships.isMember(circleId, caller.person())) {
            throw Refusal.conflict("You are not a member of this circle");
        }
        if (circle.dues() == null || circle.dues().amountCents() <= 0) {
            throw Refusal.conflict("This circle has no dues");
        }
        String account = connect.readyAccount().orElseThrow(() -> new Refusal(Refusal.Kind.CONFLICT, ErrorCode.PAYMENTS_NOT_READY,
                "The organisation does not take card payments yet: your facilitator tells you how to pay"));
        DuesLine row = open(circle, caller.person(), account);
        if (row.checkoutUrl() != null) {
            return new DuesCheckout(row.id(), row.checkoutUrl(), row.expiresAt());
        }
        Tenant tenant = caller.tenant();
        CircleView.Dues price = circle.dues();
        String priceId = dues.findPrice(circleId, account, price.amountCents(), price.currency(), price.interval()).orElseGet(() -> {
            String created = Connect.ask(() -> provider.createRecurringPrice(account, "hearth-dues-price-" + circleId + "-" + price.amountCents() + "-"
                    + price.currency() + "-" + price.interval(), "Dues: " + circle.name(), price.amountCents(), price.currency(), unit(price.interval()),
                    count(price.interval())));
            dues.insertPrice(circleId, account, price.amountCents(), price.currency(), price.interval(), created);
            return created;
        });
        PaymentProvider.CheckoutState session = Connect.ask(() -> provider.createSubscriptionCheckout(account, "hearth-dues-" + row.id(), priceId,
                fees.of(tenant.id()).percent(), links.to(tenant, "/circle?dues=" + row.id()), links.to(tenant, "/circle?dues=cancelled"),
                clock.instant().plus(Duration.ofHours(23)), people.emailOf(caller.person()).orElse(null), row.id().toString(),
                Map.of("hearth_tenant", tenant.id().value().toString(), "hearth_dues", row.id().toString(), "hearth_circle", circleId.toString(),
                        "hearth_person", caller.person().toString())));
        attach(row.id(), session);
        return new DuesCheckout(row.id(), session.url(), session.expiresAt());
    }

    @Transactional
    DuesLine open(CircleView circle, UUID person, String account) {
        Optional<DuesLine> live = dues.lockLive(circle.id(), person);
        if (live.isPresent()) {
            DuesLine existing = live.get();
            if (!existing.status().equals("OPEN")) {
                throw Refusal.conflict("Your dues for this circle are already paid by card (" + existing.status() + ")");
            }
            if (existing.accountId().equals(account) && (existing.expiresAt() == null || existing.expiresAt().isAfter(clock.instant().plusSeconds(60)))) {
                return existing;
            }
            dues.setStatus(existing.id(), "EXPIRED", null, null);
        }
        UUID id = UUID.randomUUID();
        dues.insert(id, circle.id(), person, account, circle.dues().amountCents(), circle.dues().currency().toUpperCase(java.util.Locale.ROOT),
                circle.dues().interval());
        return dues.findById(id).orElseThrow();
    }

    @Transactional
    void attach(UUID id, PaymentProvider.CheckoutState session) {
        dues.attachCheckout(id, session.id(), session.url(), session.expiresAt());
    }

    /** His dues, newest first. */
    @Transactional(readOnly = true)
    public List<DuesView> mine(Caller caller) {
        Map<UUID, String> circleNames = new java.util.HashMap<>();
        return dues.findOfPerson(caller.person()).stream()
                .map(row -> view(row, circleNames.computeIfAbsent(row.circleId(), id -> circles.find(id).map(CircleView::name).orElse(""))))
                .toList();
    }

    /** Stripe's customer portal, where he updates his card and sees his invoices. */
    public String portal(Caller caller, UUID duesId) {
        DuesLine row = dues.findById(duesId).filter(d -> d.personId().equals(caller.person()))
                .orElseThrow(() -> Refusal.notFound("No such dues of yours"));
        if (row.customerId() == null) {
            throw Refusal.conflict("There is no card on file for these dues yet");
        }
        return Connect.ask(() -> provider.customerPortal(row.accountId(), row.customerId(), links.to(caller.tenant(), "/circle")));
    }

    /** A dues subscription's Checkout completed (inside the transaction that records the Stripe event). */
    @Transactional
    public void checkoutCompleted(Tenant tenant, String account, PaymentProvider.CheckoutState session, @Nullable PaymentProvider.SubscriptionState subscription) {
        rowOf(session.metadata()).filter(row -> row.accountId().equals(account)).ifPresent(row -> {
            if (!session.paid() || row.status().equals("CANCELED")) {
                if (session.status() == PaymentProvider.CheckoutStatus.EXPIRED && row.status().equals("OPEN")) {
                    dues.setStatus(row.id(), "EXPIRED", null, null);
                }
                return;
            }
            if (row.status().equals("OPEN") || row.status().equals("EXPIRED")) {
                dues.setStatus(row.id(), "ACTIVE", session.subscription(), subscription == null ? null : subscription.customer());
                memberships.duesPaid(tenant, row.circleId(), row.personId(), true);
                outbox.publish(new PaymentEvent.DuesSubscribed(tenant.id(), row.id(), row.circleId(), row.personId(), row.amountCents(),
                        row.currency(), row.duesInterval()));
            }
        });
    }

    /** One of the subscription's invoices, paid or failed (inside the transaction that records the Stripe event). */
    @Transactional
    public void invoice(Tenant tenant, String account, PaymentProvider.InvoiceState invoice) {
        Optional<DuesLine> found = (invoice.subscription() == null ? Optional.<DuesLine>empty() : dues.lockBySubscription(invoice.subscription()))
                .or(() -> rowOf(invoice.subscriptionMetadata())).filter(row -> row.accountId().equals(account));
        if (found.isEmpty()) {
            LOG.info("invoice {} is no dues of this organisation", invoice.id());
            return;
        }
        DuesLine row = found.get();
        boolean paid = invoice.status() == PaymentProvider.InvoiceStatus.PAID;
        dues.recordInvoice(invoice.id(), row.id(), paid ? invoice.amountPaid() : invoice.amountDue(), paid ? "PAID" : "FAILED");
        dues.countPaid(row.id());
        if (row.status().equals("CANCELED")) {
            return;
        }
        if (!dues.latestInvoice(row.id()).map(invoice.id()::equals).orElse(true)) {
            // An earlier invoice's news (paid out of band, say) arriving after a later invoice's: the later one decides.
            LOG.info("invoice {} of dues {} is older than the latest known: counted, his status unchanged", invoice.id(), row.id());
            return;
        }
        dues.setStatus(row.id(), paid ? "ACTIVE" : "PAST_DUE", invoice.subscription(), null);
        if (memberships.duesPaid(tenant, row.circleId(), row.personId(), paid) && !paid) {
            outbox.publish(new PaymentEvent.DuesPaymentFailed(tenant.id(), row.id(), row.circleId(), row.personId(), invoice.amountDue(),
                    row.currency(), invoice.nextPaymentAttempt()));
            tellOfFailure(tenant, row, invoice);
        }
    }

    private void tellOfFailure(Tenant tenant, DuesLine row, PaymentProvider.InvoiceState invoice) {
        CircleView circle = circles.find(row.circleId()).orElseThrow();
        String amount = PaymentSettlement.money(invoice.amountDue(), row.currency());
        String retry = invoice.nextPaymentAttempt() == null ? "" : " Stripe tries again on " + invoice.nextPaymentAttempt().toString().substring(0, 10) + ".";
        people.emailOf(row.personId()).ifPresent(email -> mailer.send(tenant, email, "Your circle dues could not be taken",
                "Your dues of " + amount + " for " + circle.name() + " could not be taken from your card." + retry
                        + "\n\nYou can update your card in Hearth, under My circle.\n"));
        String name = people.names(List.of(row.personId())).getOrDefault(row.personId(), "A member");
        for (CircleView.PersonRef facilitator : circle.facilitators()) {
            people.emailOf(facilitator.id()).ifPresent(email -> mailer.send(tenant, email, "Dues past due in " + circle.name(),
                    name + "'s dues of " + amount + " for " + circle.name() + " could not be taken." + retry + "\n"));
        }
    }

    /** The subscription ended at Stripe. */
    @Transactional
    public void ended(Tenant tenant, String account, PaymentProvider.SubscriptionState subscription) {
        dues.lockBySubscription(subscription.id()).or(() -> rowOf(subscription.metadata())).filter(row -> row.accountId().equals(account))
                .filter(row -> !row.status().equals("CANCELED"))
                .ifPresent(row -> {
                    dues.setStatus(row.id(), "CANCELED", subscription.id(), subscription.customer());
                    outbox.publish(new PaymentEvent.DuesEnded(tenant.id(), row.id(), row.circleId(), row.personId()));
                });
    }

    /** He left the circle: his dues subscription ends at Stripe, and no more is taken. */
    public void leftCircle(Tenant tenant, UUID circleId, UUID person) {
        Optional<DuesLine> live = liveOf(circleId, person);
        if (live.isEmpty()) {
            return;
        }
        DuesLine row = live.get();
        if (row.subscriptionId() != null) {
            PaymentProvider.SubscriptionState cancelled = provider.cancelSubscription(row.accountId(), row.subscriptionId(), "hearth-dues-cancel-" + row.id());
            ended(tenant, row.accountId(), cancelled);
        } else {
            if (row.checkoutSessionId() != null) {
                try {
                    provider.expireCheckout(row.accountId(), row.checkoutSessionId(), "hearth-dues-expire-" + row.id());
                } catch (PaymentProvider.ProviderFailure e) {
                    LOG.info("dues session {} was not expired: {}", row.checkoutSessionId(), e.getMessage());
                }
            }
            expire(row.id());
        }
    }

    @Transactional(readOnly = true)
    Optional<DuesLine> liveOf(UUID circleId, UUID person) {
        return dues.findLive(circleId, person);
    }

    @Transactional
    void expire(UUID id) {
        dues.setStatus(id, "EXPIRED", null, null);
    }

    private Optional<DuesLine> rowOf(Map<String, String> metadata) {
        return Optional.ofNullable(metadata.get("hearth_dues")).map(UUID::fromString).flatMap(dues::lock);
    }

    private static DuesView view(DuesLine row, String name) {
        return new DuesView(row.id(), row.circleId(), name, row.amountCents(), row.currency(), row.duesInterval(), row.status(),
                row.status().equals("OPEN") ? row.checkoutUrl() : null, row.paidInvoices(), row.customerId() != null && !row.status().equals("CANCELED"),
                row.createdAt(), row.endedAt());
    }

    static String unit(String interval) {
        return switch (interval) {
            case "WEEKLY" -> "week";
            case "YEARLY" -> "year";
            default -> "month";
        };
    }

    static long count(String interval) {
        return "QUARTERLY".equals(interval) ? 3 : 1;
    }
}
