package io.hearth.payments;

import com.google.gson.JsonObject;
import io.hearth.Api;
import io.hearth.RealStack;
import io.hearth.circles.CircleEvent;
import io.hearth.circles.LeaveReason;
import io.hearth.gatherings.GatheringEvent;
import io.hearth.identity.Org;
import io.hearth.identity.Role;
import io.hearth.infra.LocalStack;
import io.hearth.infra.StripeStandIn;
import io.hearth.kit.outbox.DomainEvent;
import io.hearth.kit.outbox.EventEnvelope;
import io.hearth.tenancy.TenantDirectory;
import io.hearth.tenancy.TenantProvisioning;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stripe Connect and paying for a held seat, against the Stripe stand-in (Stripe's own example objects, its
 * hosted pages, signed webhooks): what Hearth sends, and that each webhook's effect happens exactly once.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PaymentsIT implements RealStack {

    @Inject @Client("/") HttpClient client;
    @Inject TenantProvisioning provisioning;
    @Inject TenantDirectory directory;
    StripeStandIn stripe;
    Org org;
    Api api;
    Org.Member ptm;
    String account;

    @BeforeAll
    void connectedOrganisation() {
        stripe = RealStack.stack().stripe();
        org = Org.create(provisioning, directory, client, "pay");
        api = org.api();
        // The admin invites dozens of men here: more than a person's default requests a minute.
        api.put("/api/v1/organisation/settings", Map.of("registrationMode", "APPROVAL", "mfaRequiredRoles", List.of(), "apiRequestsPerMinute", 100_000),
                org.admin().accessToken());
        ptm = org.member(Role.PTM);
        account = onboard(org);
        stripe.finishOnboarding(account);
        await().atMost(Duration.ofSeconds(10)).until(() -> "READY".equals(api.get("/api/v1/payments/stripe", org.admin().accessToken()).string("status")));
    }

    /** Events a test sends wrongly on purpose; every other delivery must have been taken (200), or held back (0). */
    private final java.util.Set<String> refusedOnPurpose = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @org.junit.jupiter.api.AfterAll
    void everyWebhookNotSentWronglyOnPurposeWasTaken() {
        assertThat(stripe.deliveries()).filteredOn(d -> !refusedOnPurpose.contains(d.eventId()))
                .allSatisfy(d -> assertThat(d.status()).as("%s %s: %s", d.type(), d.eventId(), d.answer()).isIn(0, 200));
    }

    private String onboard(Org organisation) {
        Api.Reply onboarding = organisation.api().post("/api/v1/payments/stripe/onboarding", Map.of(), organisation.admin().accessToken());
        assertThat(onboarding.status()).as("onboarding: %s", onboarding.body()).isEqualTo(200);
        return (String) onboarding.map("connection").get("accountId");
    }

    @Test
    void anAccountCountsAsReadyOnlyWhenStripeSaysChargesAreEnabled() {
        Org fresh = Org.create(provisioning, directory, client, "conn");
        Api.Reply before = fresh.api().get("/api/v1/payments/stripe", fresh.admin().accessToken());
        assertThat(before.string("status")).isEqualTo("NOT_CONNECTED");

        Api.Reply first = fresh.api().post("/api/v1/payments/stripe/onboarding", Map.of(), fresh.admin().accessToken());
        Api.Reply again = fresh.api().post("/api/v1/payments/stripe/onboarding", Map.of(), fresh.admin().accessToken());
        String id = (String) first.map("connection").get("accountId");

        assertThat(first.string("url")).startsWith(stripe.baseUrl() + "/connect/" + id);
        assertThat(first.map("connection").get("status")).isEqualTo("PENDING");
        assertThat(again.map("connection").get("accountId")).as("the same account on a second click").isEqualTo(id);
        StripeStandIn.Request created = stripe.requests().stream()
                .filter(r -> r.path().equals("/v1/accounts") && r.method().equals("POST") && fresh.tenant().id().value().toString()
                        .equals(r.form().get("metadata[hearth_tenant]"))).findFirst().orElseThrow();
        assertThat(created.stripeAccount()).as("created on the platform's account").isNull();
        assertThat(created.idempotencyKey()).isEqualTo("hearth-account-" + fresh.tenant().id().value() + "-test");
        assertThat(created.form()).containsEntry("controller[fees][payer]", "account")
                .containsEntry("controller[stripe_dashboard][type]", "full")
                .containsEntry("controller[requirement_collection]", "stripe")
                .containsEntry("controller[losses][payments]", "stripe");

        stripe.finishOnboarding(id);
        assertThat(fresh.api().get("/api/v1/payments/stripe", fresh.admin().accessToken()).string("status")).isEqualTo("READY");

        stripe.restrict(id, "requirements.past_due");
        Api.Reply restricted = fresh.api().get("/api/v1/payments/stripe", fresh.admin().accessToken());
        assertThat(restricted.string("status")).isEqualTo("RESTRICTED");
        assertThat(restricted.string("restrictedReason")).contains("requirements.past_due");
    }

    @Test
    void onlyAdminsSeeAndConnectStripe() {
        assertThat(api.get("/api/v1/payments/stripe", ptm.accessToken()).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/payments/stripe/onboarding", Map.of(), ptm.accessToken()).status()).isEqualTo(403);
    }

    @Test
    void aHeldSeatIsPaidThroughCheckoutOnTheOrganisationsAccountWithThePlatformFee() {
        Map<String, Object> event = paidEvent(5, 10_000);
        Org.Member man = org.member();

        Api.Reply registered = register(event, man);

        assertThat(registered.status()).as("register: %s", registered.body()).isEqualTo(201);
        assertThat(registered.string("status")).isEqualTo("PENDING_PAYMENT");
        String sessionId = sessionOf(registered.string("checkoutUrl"));
        StripeStandIn.Request asked = checkoutRequest(sessionId);
        Map<String, Object> payment = onlyPaymentOf(man);
        assertThat(asked.stripeAccount()).isEqualTo(account);
        assertThat(asked.idempotencyKey()).isEqualTo("hearth-payment-" + payment.get("id"));
        assertThat(asked.form()).containsEntry("payment_intent_data[application_fee_amount]", "250")
                .containsEntry("line_items[0][price_data][unit_amount]", "10000")
                .containsEntry("line_items[0][price_data][currency]", "gbp")
                .containsEntry("metadata[hearth_registration]", registered.string("id"))
                .containsEntry("metadata[hearth_payment]", (String) payment.get("id"))
                .containsEntry("client_reference_id", registered.string("id"))
                .containsEntry("mode", "payment");
        assertThat(payment).containsEntry("status", "OPEN").containsEntry("amountCents", 10_000).containsEntry("applicationFeeCents", 250);

        stripe.pay(sessionId);

        assertThat(registration(event, registered.string("id"), man).string("status")).isEqualTo("CONFIRMED");
        assertThat(onlyPaymentOf(man)).containsEntry("status", "PAID").containsEntry("seat", "CONFIRMED");
        Api.Reply receipt = api.get("/api/v1/me/payments/" + payment.get("id") + "/receipt", man.accessToken());
        assertThat(receipt.string("url")).startsWith(stripe.baseUrl() + "/receipt/ch_");
        assertThat(api.get("/api/v1/me/payments/" + payment.get("id") + "/receipt", org.member().accessToken()).status()).isEqualTo(404);
    }

    @Test
    void askingToPayAgainAnswersTheSameSessionAndTheSameKeyTheSamePayment() {
        Map<String, Object> event = paidEvent(5, 4_000);
        Org.Member man = org.member();
        Api.Reply registered = register(event, man);
        String path = "/api/v1/events/" + event.get("id") + "/registrations/" + registered.string("id") + "/checkout";

        Api.Reply again = api.post(path, Map.of(), man.accessToken());
        Api.Reply keyed = api.send(HttpRequest.POST(path, Map.of()).bearerAuth(man.accessToken()).header("Idempotency-Key", "k-1"));
        Api.Reply keyedAgain = api.send(HttpRequest.POST(path, Map.of()).bearerAuth(man.accessToken()).header("Idempotency-Key", "k-1"));

        assertThat(again.status()).isEqualTo(201);
        assertThat(again.string("checkoutUrl")).isEqualTo(registered.string("checkoutUrl"));
        assertThat(keyed.string("paymentId")).isEqualTo(keyedAgain.string("paymentId")).isEqualTo(again.string("paymentId"));
        assertThat(stripe.requests().stream().filter(r -> r.path().equals("/v1/checkout/sessions")
                && registered.string("id").equals(r.form().get("client_reference_id")))).hasSize(1);
    }

    @Test
    void aRegistrationRepeatedWithTheSameIdempotencyKeyAnswersTheFirstAndItsCheckout() {
        Map<String, Object> event = paidEvent(5, 4_000);
        Org.Member man = org.member();
        Map<String, Object> body = Map.of("priceOption", "STANDARD", "emergencyContact", "Sam, +44 7700 900000");
        String path = "/api/v1/events/" + event.get("id") + "/register";

        Api.Reply first = api.send(HttpRequest.POST(path, body).bearerAuth(man.accessToken()).header("Idempotency-Key", "reg-1"));
        Api.Reply again = api.send(HttpRequest.POST(path, body).bearerAuth(man.accessToken()).header("Idempotency-Key", "reg-1"));
        Api.Reply withoutKey = api.send(HttpRequest.POST(path, body).bearerAuth(man.accessToken()));

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.string("id")).isEqualTo(first.string("id"));
        assertThat(again.string("checkoutUrl")).isEqualTo(first.string("checkoutUrl"));
        assertThat(withoutKey.status()).isEqualTo(409);
        assertThat(stripe.requests().stream().filter(r -> r.path().equals("/v1/checkout/sessions")
                && first.string("id").equals(r.form().get("client_reference_id")))).hasSize(1);
    }

    @Test
    void anotherMansRegistrationCannotBePaidForAndAFreeOrUnheldOneWaitsForNoPayment() {
        Map<String, Object> event = paidEvent(5, 4_000);
        Org.Member man = org.member();
        Api.Reply registered = register(event, man);
        Org other = Org.create(provisioning, directory, client, "payx");
        String path = "/api/v1/events/" + event.get("id") + "/registrations/" + registered.string("id") + "/checkout";

        assertThat(api.post(path, Map.of(), org.member().accessToken()).status()).isEqualTo(404);
        assertThat(other.api().post(path, Map.of(), other.admin().accessToken()).status()).isEqualTo(404);
        // Another organisation's admin sees none of this one's payments, and cannot refund them.
        String paymentId = (String) onlyPaymentOf(man).get("id");
        assertThat(other.api().get("/api/v1/payments", other.admin().accessToken()).list("items")).isEmpty();
        assertThat(other.api().get("/api/v1/payments/" + paymentId + "/refund-quote", other.admin().accessToken()).status()).isEqualTo(404);
        assertThat(other.api().post("/api/v1/payments/" + paymentId + "/refunds", Map.of("amountCents", 100, "reason", "x"),
                other.admin().accessToken()).status()).isEqualTo(404);
        stripe.pay(sessionOf(registered.string("checkoutUrl")));
        Api.Reply paidAlready = api.post(path, Map.of(), man.accessToken());
        assertThat(paidAlready.status()).isEqualTo(409);
        assertThat(paidAlready.code()).isEqualTo("NOT_AWAITING_PAYMENT");
    }

    @Test
    void everyWebhookFiveTimesChangesThingsOnce() {
        Map<String, Object> event = paidEvent(5, 6_000);
        Org.Member man = org.member();
        Api.Reply registered = register(event, man);
        String sessionId = sessionOf(registered.string("checkoutUrl"));
        stripe.pay(sessionId);
        StripeStandIn.Delivery first = lastDelivery("checkout.session.completed");
        JsonObject completed = stripe.event("checkout.session.completed", account, stripe.session(sessionId));
        completed.addProperty("id", first.eventId());

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            statuses.add(stripe.deliver(completed));
        }

        assertThat(statuses).containsOnly(200);
        assertThat(stripe.deliveries().stream().filter(d -> d.eventId().equals(first.eventId())).map(StripeStandIn.Delivery::answer))
                .hasSize(6).first().asString().contains("APPLIED");
        assertThat(stripe.deliveries().stream().filter(d -> d.eventId().equals(first.eventId())).skip(1))
                .allSatisfy(d -> assertThat(d.answer()).contains("DUPLICATE"));
        assertThat(outboxCount("PaymentSucceeded", (String) onlyPaymentOf(man).get("id"))).isEqualTo(1);
        assertThat(outboxCount("RegistrationConfirmed", registered.string("id"))).isEqualTo(1);
    }

    @Test
    void everyKindOfEventDeliveredFiveTimesHasItsEffectOnce() {
        Map<String, Object> event = paidEvent(5, 30_000, 3);
        Org.Member man = org.member();
        Api.Reply registered = register(event, man);
        Api.Reply checkout = checkoutIn(3, event, registered, man);
        String sessionId = sessionOf(checkout.string("checkoutUrl"));
        String paymentId = checkout.string("paymentId");
        JsonObject session = stripe.payWithoutWebhooks(sessionId);
        String subscription = session.get("subscription").getAsString();
        String firstInvoice = stripe.subscription(subscription).get("latest_invoice").getAsString();
        List<JsonObject> events = new ArrayList<>(List.of(
                stripe.event("account.updated", account, stripe.account(account)),
                stripe.event("checkout.session.completed", account, stripe.session(sessionId)),
                stripe.event("invoice.paid", account, stripe.invoice(firstInvoice))));
        // Later events, held back the same way: a failed instalment, then the plan ended by Stripe.
        stripe.withoutWebhooks(() -> {
            stripe.chargeInstalment(subscription, false);
            stripe.endSubscription(subscription);
            return null;
        });
        JsonObject failed = stripe.event("invoice.payment_failed", account, stripe.invoice(stripe.subscription(subscription).get("latest_invoice").getAsString()));
        JsonObject ended = stripe.event("customer.subscription.deleted", account, stripe.subscription(subscription));
        events.add(failed);
        events.add(ended);

        for (JsonObject each : events) {
            for (int i = 0; i < 5; i++) {
                assertThat(stripe.deliver(each)).as("%s, delivery %s", each.get("type"), i + 1).isEqualTo(200);
            }
        }

        for (JsonObject each : events) {
            assertThat(count("select count(*) from {schema}.stripe_events where event_id = ?", each.get("id").getAsString())).isEqualTo(1);
            assertThat(stripe.deliveries().stream().filter(d -> d.eventId().equals(each.get("id").getAsString()) && d.answer().contains("APPLIED")))
                    .as("%s applied once", each.get("type")).hasSize(1);
        }
        assertThat(outboxCount("PaymentSucceeded", paymentId)).isEqualTo(1);
        assertThat(outboxCount("InstalmentPaid", paymentId)).isEqualTo(1);
        assertThat(outboxCount("InstalmentFailed", paymentId)).isEqualTo(1);
        assertThat(outboxCount("InstalmentPlanLapsed", paymentId)).isEqualTo(1);
        assertThat(paymentOf(man, paymentId)).containsEntry("planStatus", "LAPSED").containsEntry("instalmentsPaid", 1);
    }

    @Test
    void theSameEventsInReverseOrderEndTheSameWay() {
        PaidPlan plan = aFirstInstalmentPaidWithItsEventsHeldBack();
        String subscription = plan.subscription();
        List<JsonObject> inOrder = new ArrayList<>();
        inOrder.add(stripe.event("checkout.session.completed", account, stripe.session(plan.sessionId())));
        inOrder.add(stripe.event("invoice.paid", account, stripe.invoice(stripe.subscription(subscription).get("latest_invoice").getAsString())));
        for (int i = 0; i < 2; i++) {
            JsonObject next = stripe.withoutWebhooks(() -> stripe.chargeInstalment(subscription, true));
            inOrder.add(stripe.event("invoice.paid", account, stripe.invoice(next.get("id").getAsString())));
        }
        java.util.Collections.reverse(inOrder);

        for (JsonObject each : inOrder) {
            assertThat(stripe.deliver(each)).isEqualTo(200);
        }

        assertThat(registration(plan.event(), plan.registered().string("id"), plan.man()).string("status")).isEqualTo("CONFIRMED");
        assertThat(paymentOf(plan.man(), plan.checkout().string("paymentId"))).containsEntry("status", "PAID").containsEntry("instalmentsPaid", 3)
                .containsEntry("planStatus", "COMPLETED");
    }

    @Test
    void twoDeliveriesAtTheSameMomentCountOnce() throws Exception {
        Map<String, Object> event = paidEvent(5, 6_000);
        Org.Member man = org.member();
        Api.Reply registered = register(event, man);
        String sessionId = sessionOf(registered.string("checkoutUrl"));
        stripe.payWithoutWebhooks(sessionId);
        JsonObject completed = stripe.event("checkout.session.completed", account, stripe.session(sessionId));

        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            answers.add(pool.submit((Callable<Integer>) () -> stripe.deliver(completed)));
        }
        for (Future<Integer> answer : answers) {
            assertThat(answer.get()).isEqualTo(200);
        }
        pool.shutdown();
        assertThat(stripe.deliveries().stream().filter(d -> d.eventId().equals(completed.get("id").getAsString()))
                .filter(d -> d.answer().contains("APPLIED"))).hasSize(1);

        assertThat(outboxCount("PaymentSucceeded", (String) onlyPaymentOf(man).get("id"))).isEqualTo(1);
        assertThat(registration(event, registered.string("id"), man).string("status")).isEqualTo("CONFIRMED");
    }

    @Test
    void aBadOrStaleSignatureAndTheOtherModeAreRefusedAnUnknownAccountIsAcknowledged() {
        JsonObject event = stripe.event("account.updated", account, stripe.account(account));
        String payload = event.toString();
        long now = Instant.now().getEpochSecond();
        refusedOnPurpose.add(event.get("id").getAsString());

        int forged = stripe.deliver(event, payload, StripeStandIn.signature(payload, now, "whsec_someone_else"));
        int stale = stripe.deliver(event, payload, StripeStandIn.signature(payload, now - 301, StripeStandIn.WEBHOOK_SECRET));
        int missing = stripe.deliver(event, payload, "");
        JsonObject live = event.deepCopy();
        live.addProperty("livemode", true);
        int otherMode = stripe.deliver(live);
        JsonObject stranger = stripe.event("account.updated", "acct_NotOneOfOurs", stripe.account(account));
        int unknown = stripe.deliver(stranger);

        assertThat(forged).isEqualTo(400);
        assertThat(stale).isEqualTo(400);
        assertThat(missing).isEqualTo(400);
        assertThat(otherMode).isEqualTo(400);
        assertThat(unknown).isEqualTo(200);
        assertThat(recordedEvents(stranger.get("id").getAsString())).isZero();
    }

    @Test
    void theWebhookAnswersOnlyOnThePlatformsHost() {
        JsonObject event = stripe.event("account.updated", account, stripe.account(account));
        String payload = event.toString();

        Api.Reply onOrganisation = api.send(HttpRequest.POST("/api/v1/stripe/webhooks", payload)
                .header("Stripe-Signature", StripeStandIn.signature(payload, Instant.now().getEpochSecond(), StripeStandIn.WEBHOOK_SECRET))
                .contentType("application/json"));

        assertThat(onOrganisation.status()).isEqualTo(404);
    }

    @Test
    void paidAfterTheHoldRanOutHeIsSeatedWhenASeatIsFree() {
        Map<String, Object> event = paidEvent(2, 5_000);
        Org.Member man = org.member();
        Api.Reply registered = register(event, man);
        sql("update {schema}.registrations set hold_until = now() - interval '1 minute' where id = ?", UUID.fromString(registered.string("id")));

        stripe.pay(sessionOf(registered.string("checkoutUrl")));

        assertThat(registration(event, registered.string("id"), man).string("status")).isEqualTo("CONFIRMED");
        assertThat(onlyPaymentOf(man)).containsEntry("status", "PAID").containsEntry("seat", "REINSTATED");
    }

    @Test
    void paidAfterTheHoldRanOutAndTheSeatWentToAnotherHeIsRefundedAtOnceAndTold() {
        Map<String, Object> event = paidEvent(1, 5_000);
        Org.Member late = org.member();
        Api.Reply registered = register(event, late);
        sql("update {schema}.registrations set hold_until = now() - interval '1 minute' where id = ?", UUID.fromString(registered.string("id")));
        Org.Member next = org.member();
        assertThat(register(event, next).string("status")).isEqualTo("PENDING_PAYMENT");

        int answered = stripe.deliver(paidEventFor(sessionOf(registered.string("checkoutUrl"))));

        assertThat(answered).as("never a 4xx to Stripe for it").isEqualTo(200);
        Map<String, Object> payment = onlyPaymentOf(late);
        assertThat(payment).containsEntry("status", "REFUNDED").containsEntry("seat", "NO_SEAT").containsEntry("refundedCents", 5_000);
        StripeStandIn.Request refund = stripe.requests().stream().filter(r -> r.path().equals("/v1/refunds")
                && payment.get("id").equals(r.form().get("metadata[hearth_payment]"))).findFirst().orElseThrow();
        assertThat(refund.idempotencyKey()).startsWith("hearth-refund-");
        assertThat(refund.stripeAccount()).isEqualTo(account);
        assertThat(refund.form()).containsEntry("refund_application_fee", "true").containsEntry("amount", "5000");
        assertThat(registration(event, registered.string("id"), late).string("status")).isEqualTo("EXPIRED");
        await().atMost(Duration.ofSeconds(10)).until(() -> RealStack.stack().mailCatcher().messages().stream()
                .anyMatch(m -> m.to().contains(late.email()) && m.subject().contains("refunded")));
    }

    @Test
    void anExpiredSessionEndsThePaymentAndTheHoldRunsOutAsAnyHold() {
        Map<String, Object> event = paidEvent(3, 5_000);
        Org.Member man = org.member();
        Api.Reply registered = register(event, man);

        stripe.expire(sessionOf(registered.string("checkoutUrl")));

        assertThat(onlyPaymentOf(man)).containsEntry("status", "EXPIRED");
        assertThat(registration(event, registered.string("id"), man).string("status")).isEqualTo("PENDING_PAYMENT");
    }

    @Test
    void theReconciliationSettlesAPaymentWhoseWebhookWasLost() {
        Map<String, Object> event = paidEvent(3, 5_000);
        Org.Member man = org.member();
        Api.Reply registered = register(event, man);
        stripe.payWithoutWebhooks(sessionOf(registered.string("checkoutUrl")));
        sql("update {schema}.payments set created_at = now() - interval '10 minutes' where registration_id = ?", UUID.fromString(registered.string("id")));

        reconciliation.reconcile(org.tenant());

        assertThat(onlyPaymentOf(man)).containsEntry("status", "PAID");
        assertThat(registration(event, registered.string("id"), man).string("status")).isEqualTo("CONFIRMED");
    }

    @Inject PaymentReconciliation reconciliation;

    @Test
    void aPlanWhoseCheckoutEventWasLostIsToldHowToEndByTheReconciliation() {
        PaidPlan plan = aFirstInstalmentPaidWithItsEventsHeldBack();
        String firstInvoice = stripe.subscription(plan.subscription()).get("latest_invoice").getAsString();
        assertThat(stripe.deliver(stripe.event("invoice.paid", account, stripe.invoice(firstInvoice)))).isEqualTo(200);
        assertThat(stripe.subscription(plan.subscription()).get("cancel_at").isJsonNull()).isTrue();

        reconciliation.reconcile(org.tenant());

        assertThat(stripe.subscription(plan.subscription()).get("cancel_at").isJsonNull()).isFalse();
        assertThat(paymentOf(plan.man(), plan.checkout().string("paymentId"))).containsEntry("status", "PAID").containsEntry("instalmentsPaid", 1);
    }

    @Test
    void anAdminRefundsPartOfAPaymentTheFeeGoesBackInProportionAndTheSeatToTheWaitingList() {
        Map<String, Object> event = paidEvent(1, 10_000);
        Org.Member man = org.member();
        Api.Reply registered = register(event, man);
        stripe.pay(sessionOf(registered.string("checkoutUrl")));
        Org.Member waiting = org.member();
        Api.Reply queued = register(event, waiting);
        assertThat(queued.string("status")).isEqualTo("WAITLISTED");
        String paymentId = (String) onlyPaymentOf(man).get("id");

        Api.Reply refund = api.post("/api/v1/payments/" + paymentId + "/refunds", Map.of("amountCents", 4_000, "reason", "Family emergency"),
                org.admin().accessToken());

        assertThat(refund.status()).as("refund: %s", refund.body()).isEqualTo(201);
        assertThat(refund.body()).containsEntry("status", "SUCCEEDED").containsEntry("amountCents", 4_000).containsEntry("applicationFeeRefundedCents", 100);
        StripeStandIn.Request sent = stripe.requests().stream().filter(r -> r.path().equals("/v1/refunds")
                && ("hearth-refund-" + refund.string("id")).equals(r.idempotencyKey())).findFirst().orElseThrow();
        assertThat(sent.stripeAccount()).isEqualTo(account);
        assertThat(sent.form()).containsEntry("amount", "4000").containsEntry("refund_application_fee", "true");
        assertThat(onlyPaymentOf(man)).containsEntry("status", "PAID").containsEntry("refundedCents", 4_000);
        assertThat(registration(event, registered.string("id"), man).string("status")).isEqualTo("CANCELLED");
        assertThat(registration(event, queued.string("id"), waiting).string("status")).isEqualTo("OFFERED");
        Api.Reply audit = api.get("/api/v1/audit?action=payment.refunded&targetId=" + man.id(), org.admin().accessToken());
        assertThat(audit.list("items")).hasSize(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> RealStack.stack().mailCatcher().messages().stream()
                .anyMatch(m -> m.to().contains(man.email()) && m.body().contains("Family emergency")));
    }

    @Test
    void stripesOwnChargeRefundedAfterOurRefundCountsTheMoneyOnce() {
        Map<String, Object> event = paidEvent(3, 10_000);
        Org.Member man = org.member();
        Api.Reply registered = register(event, man);
        stripe.pay(sessionOf(registered.string("checkoutUrl")));
        String paymentId = (String) onlyPaymentOf(man).get("id");

        api.post("/api/v1/payments/" + paymentId + "/refunds", Map.of("amountCents", 3_000, "reason", "Partial", "releaseSeat", false), org.admin().accessToken());
        await().atMost(Duration.ofSeconds(10)).until(() -> stripe.deliveries().stream().anyMatch(d -> d.type().equals("charge.refunded")
                && d.account().equals(account) && d.status() == 200 && d.answer().contains("APPLIED")
                && stripe.requests().stream().anyMatch(r -> r.path().equals("/v1/refunds"))));
        api.post("/api/v1/payments/" + paymentId + "/refunds", Map.of("amountCents", 2_000, "reason", "Partial again", "releaseSeat", false),
                org.admin().accessToken());

        await().atMost(Duration.ofSeconds(10)).until(() -> ((Number) onlyPaymentOf(man).get("refundedCents")).longValue() == 5_000);
        assertThat(registration(event, registered.string("id"), man).string("status")).isEqualTo("CONFIRMED");
    }

    @Test
    void aRefundStripeCouldNotCarryOutIsNoLongerCountedAsRefunded() {
        Map<String, Object> event = paidEvent(3, 10_000);
        Org.Member man = org.member();
        Api.Reply registered = register(event, man);
        stripe.pay(sessionOf(registered.string("checkoutUrl")));
        String paymentId = (String) onlyPaymentOf(man).get("id");
        Api.Reply refund = api.post("/api/v1/payments/" + paymentId + "/refunds", Map.of("reason", "Cancelled in time", "releaseSeat", false),
                org.admin().accessToken());
        assertThat(refund.body()).containsEntry("amountCents", 10_000);
        await().atMost(Duration.ofSeconds(10)).until(() -> "REFUNDED".equals(onlyPaymentOf(man).get("status")));

        stripe.failRefund(refundIdAtStripe(refund.string("id")), "expired_or_canceled_card");

        assertThat(onlyPaymentOf(man)).containsEntry("status", "PAID").containsEntry("refundedCents", 0);
        @SuppressWarnings("unchecked")
        Map<String, Object> only = (Map<String, Object>) api.get("/api/v1/payments/" + paymentId + "/refunds", org.admin().accessToken()).list("refunds").get(0);
        assertThat(only).containsEntry("status", "FAILED").containsEntry("failure", "expired_or_canceled_card");
    }

    @Test
    void theSameRefundKeySentTwelveTimesAtOnceRefundsOnce() throws Exception {
        Map<String, Object> event = paidEvent(3, 10_000);
        Org.Member man = org.member();
        stripe.pay(sessionOf(register(event, man).string("checkoutUrl")));
        String paymentId = (String) onlyPaymentOf(man).get("id");
        String key = "refund-" + UUID.randomUUID();

        List<Api.Reply> replies = atOnce(12, () -> api.send(HttpRequest.POST("/api/v1/payments/" + paymentId + "/refunds",
                Map.of("amountCents", 2_500, "reason", "Sent twice", "releaseSeat", false)).bearerAuth(org.admin().accessToken())
                .header("Idempotency-Key", key)));

        assertThat(replies).extracting(Api.Reply::status).containsOnly(201);
        assertThat(replies.stream().map(r -> r.string("id")).distinct()).hasSize(1);
        assertThat(stripe.requests().stream().filter(r -> r.path().equals("/v1/refunds") && r.idempotencyKey() != null
                && r.idempotencyKey().startsWith("hearth-refund-") && paymentId.equals(r.form().get("metadata[hearth_payment]")))
                .map(StripeStandIn.Request::idempotencyKey).distinct()).as("one refund asked of Stripe for the payment").hasSize(1);
        assertThat(api.get("/api/v1/payments/" + paymentId + "/refunds", org.admin().accessToken()).list("refunds")).hasSize(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> ((Number) onlyPaymentOf(man).get("refundedCents")).longValue() == 2_500);
        Api.Reply otherAmount = api.send(HttpRequest.POST("/api/v1/payments/" + paymentId + "/refunds",
                Map.of("amountCents", 1_000, "reason", "Sent twice", "releaseSeat", false)).bearerAuth(org.admin().accessToken())
                .header("Idempotency-Key", key));
        assertThat(otherAmount.status()).isEqualTo(409);
    }

    @Test
    void aChargeRefundedEventIsCheckedWithStripeBeforeItCounts() {
        Map<String, Object> event = paidEvent(3, 10_000);
        Org.Member man = org.member();
        Api.Reply registered = register(event, man);
        String session = sessionOf(registered.string("checkoutUrl"));
        stripe.pay(session);
        String intent = stripe.session(session).get("payment_intent").getAsString();
        JsonObject claim = new JsonObject();
        claim.addProperty("id", latestCharge(intent));
        claim.addProperty("object", "charge");
        claim.addProperty("payment_intent", intent);
        claim.addProperty("amount", 10_000);
        claim.addProperty("amount_refunded", 5_000);
        claim.addProperty("refunded", false);

        int status = stripe.deliver(stripe.event("charge.refunded", account, claim));

        assertThat(status).isEqualTo(200);
        assertThat(onlyPaymentOf(man)).containsEntry("status", "PAID").containsEntry("refundedCents", 0);
        assertThat(registration(event, registered.string("id"), man).string("status")).isEqualTo("CONFIRMED");
    }

    @Test
    void aWebhookNamingAnObjectStripeDoesNotHaveIsAcknowledgedIgnoredAndCountedOnce() {
        List<JsonObject> events = new ArrayList<>();
        for (String type : List.of("checkout.session.completed", "invoice.paid", "customer.subscription.deleted", "charge.refunded", "refund.updated")) {
            JsonObject object = new JsonObject();
            object.addProperty("id", switch (type) {
                case "checkout.session.completed" -> "cs_test_nothing_here";
                case "invoice.paid" -> "in_nothing_here";
                case "customer.subscription.deleted" -> "sub_nothing_here";
                case "charge.refunded" -> "ch_nothing_here";
                default -> "re_nothing_here";
            });
            object.addProperty("object", type.substring(0, type.lastIndexOf('.')).replace("checkout.session", "checkout.session")
                    .replace("customer.subscription", "subscription"));
            events.add(stripe.event(type, account, object));
        }

        for (JsonObject event : events) {
            assertThat(stripe.deliver(event)).as("%s", event.get("type")).isEqualTo(200);
            assertThat(lastDeliveryOf(event.get("id").getAsString()).answer()).contains("IGNORED");
            assertThat(stripe.deliver(event)).isEqualTo(200);
            assertThat(lastDeliveryOf(event.get("id").getAsString()).answer()).contains("DUPLICATE");
        }

        assertThat(count("select count(*) from {schema}.stripe_events where outcome = 'IGNORED' and event_id in (?, ?, ?, ?, ?)",
                events.stream().map(e -> e.get("id").getAsString()).toArray())).isEqualTo(5);
    }

    @Test
    void aWebhookThatCannotReadStripeNowAnswers503SoThatStripeDeliversItAgain() {
        Map<String, Object> event = paidEvent(3, 5_000);
        Org.Member man = org.member();
        JsonObject completed = paidEventFor(sessionOf(register(event, man).string("checkoutUrl")));

        refusedOnPurpose.add(completed.get("id").getAsString());
        stripe.outage(true);
        int during;
        try {
            during = stripe.deliver(completed);
        } finally {
            stripe.outage(false);
        }
        StripeStandIn.Delivery refused = lastDeliveryOf(completed.get("id").getAsString());
        int after = stripe.deliver(completed);

        assertThat(during).isEqualTo(503);
        assertThat(refused.answer()).contains("PAYMENTS_UNAVAILABLE");
        assertThat(after).isEqualTo(200);
        assertThat(onlyPaymentOf(man)).containsEntry("status", "PAID");
    }

    @Test
    void theRefundQuoteCountsARefundMadeInStripesDashboard() throws Exception {
        Map<String, Object> event = paidEvent(3, 10_000);
        Org.Member man = org.member();
        String session = sessionOf(register(event, man).string("checkoutUrl"));
        stripe.pay(session);
        String paymentId = (String) onlyPaymentOf(man).get("id");
        api.post("/api/v1/payments/" + paymentId + "/refunds", Map.of("amountCents", 5_000, "reason", "Half", "releaseSeat", false),
                org.admin().accessToken());

        refundInStripesDashboard(stripe.session(session).get("payment_intent").getAsString(), 1_000);

        Api.Reply quote = api.get("/api/v1/payments/" + paymentId + "/refund-quote", org.admin().accessToken());
        assertThat(quote.body()).containsEntry("refundableCents", 4_000);
        Api.Reply tooMuch = api.post("/api/v1/payments/" + paymentId + "/refunds", Map.of("amountCents", 4_001, "reason", "Too much",
                "releaseSeat", false), org.admin().accessToken());
        assertThat(tooMuch.status()).isEqualTo(422);
    }

    @Test
    void twelvePaymentRequestsWithOneKeyAtOnceOpenOneCheckoutSession() throws Exception {
        Map<String, Object> event = paidEvent(5, 9_000, 3);
        Org.Member man = org.member();
        Api.Reply registered = register(event, man);
        String path = "/api/v1/events/" + event.get("id") + "/registrations/" + registered.string("id") + "/checkout";

        List<Api.Reply> replies = atOnce(12, () -> api.send(HttpRequest.POST(path, Map.of("instalments", 3)).bearerAuth(man.accessToken())
                .header("Idempotency-Key", "pay-in-three")));

        assertThat(replies).extracting(Api.Reply::status).containsOnly(201);
        assertThat(replies.stream().map(r -> r.string("paymentId")).distinct()).hasSize(1);
        assertThat(replies.stream().map(r -> r.string("checkoutUrl")).distinct()).hasSize(1);
        assertThat(stripe.requests().stream().filter(r -> r.path().equals("/v1/checkout/sessions")
                && registered.string("id").equals(r.form().get("client_reference_id"))).map(StripeStandIn.Request::idempotencyKey).distinct())
                .as("the session at registration and the one for three instalments").hasSize(2);
    }

    @Test
    void twelvePaidRegistrationsWithOneKeyAtOnceOpenOneCheckoutSession() throws Exception {
        Map<String, Object> event = paidEvent(5, 4_000);
        Org.Member man = org.member();
        String path = "/api/v1/events/" + event.get("id") + "/register";
        Map<String, Object> body = Map.of("priceOption", "STANDARD", "emergencyContact", "Sam, +44 7700 900000");

        List<Api.Reply> replies = atOnce(12, () -> api.send(HttpRequest.POST(path, body).bearerAuth(man.accessToken()).header("Idempotency-Key", "once")));

        assertThat(replies).extracting(Api.Reply::status).containsOnly(201);
        assertThat(replies.stream().map(r -> r.string("checkoutUrl")).distinct()).hasSize(1);
        assertThat(stripe.requests().stream().filter(r -> r.path().equals("/v1/checkout/sessions")
                && replies.get(0).string("id").equals(r.form().get("client_reference_id"))).map(StripeStandIn.Request::idempotencyKey).distinct())
                .hasSize(1);
    }

    @Test
    void aManWhoPaysGetsOneReceiptWithStripesReceiptLink() {
        Map<String, Object> event = paidEvent(3, 7_500);
        Org.Member man = org.member();
        String session = sessionOf(register(event, man).string("checkoutUrl"));
        JsonObject completed = paidEventFor(session);

        stripe.deliver(completed);
        stripe.deliver(completed);
        reconciliation.reconcile(org.tenant());

        await().atMost(Duration.ofSeconds(10)).until(() -> receiptsTo(man).size() >= 1);
        // The mail relay wakes at once after each commit: a second receipt would be there within this pause.
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(receiptsTo(man)).hasSize(1);
        io.hearth.infra.MailCatcher.Mail receipt = receiptsTo(man).get(0);
        assertThat(receipt.body()).contains("GBP 75.00").contains((String) event.get("title")).contains("/receipt/");
        assertThat(receipt.subject()).contains(org.tenant().name());
    }

    private List<io.hearth.infra.MailCatcher.Mail> receiptsTo(Org.Member man) {
        return RealStack.stack().mailCatcher().messages().stream().filter(m -> m.to().contains(man.email()) && m.subject().startsWith("Your receipt"))
                .toList();
    }

    private StripeStandIn.Delivery lastDeliveryOf(String eventId) {
        List<StripeStandIn.Delivery> all = stripe.deliveries();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).eventId().equals(eventId)) {
                return all.get(i);
            }
        }
        throw new AssertionError("no delivery of " + eventId);
    }

    private String latestCharge(String paymentIntent) {
        return standIn("GET", "/v1/payment_intents/" + paymentIntent, null).get("latest_charge").getAsString();
    }

    /** A refund made at Stripe by hand, not through Hearth. */
    private void refundInStripesDashboard(String paymentIntent, long amount) {
        standIn("POST", "/v1/refunds", "payment_intent=" + paymentIntent + "&amount=" + amount);
    }

    private JsonObject standIn(String method, String path, String form) {
        try {
            java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(URI.create(stripe.baseUrl() + path))
                    .header("Authorization", "Bearer " + StripeStandIn.SECRET_KEY).header("Stripe-Account", account);
            request = form == null ? request.GET() : request.header("Content-Type", "application/x-www-form-urlencoded")
                    .method(method, java.net.http.HttpRequest.BodyPublishers.ofString(form));
            java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(request.build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isEqualTo(200);
            return com.google.gson.JsonParser.parseString(response.body()).getAsJsonObject();
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> List<T> atOnce(int n, Callable<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theCancellationPolicyGivesTheDefaultAndNoMoreThanWasPaidCanBeRefunded() {
        Map<String, Object> event = paidEvent(3, 10_000);
        Org.Member man = org.member();
        Api.Reply registered = register(event, man);
        stripe.pay(sessionOf(registered.string("checkoutUrl")));
        String paymentId = (String) onlyPaymentOf(man).get("id");

        Api.Reply quote = api.get("/api/v1/payments/" + paymentId + "/refund-quote", org.admin().accessToken());
        Api.Reply tooMuch = api.post("/api/v1/payments/" + paymentId + "/refunds", Map.of("amountCents", 10_001, "reason", "x"), org.admin().accessToken());
        Api.Reply noReason = api.post("/api/v1/payments/" + paymentId + "/refunds", Map.of("amountCents", 100), org.admin().accessToken());
        Api.Reply byAPtm = api.post("/api/v1/payments/" + paymentId + "/refunds", Map.of("amountCents", 100, "reason", "x"), ptm.accessToken());
        sql("update {schema}.events set starts_at = now() + interval '1 hour', ends_at = now() + interval '5 hours' where id = ?",
                UUID.fromString((String) event.get("id")));
        Api.Reply afterCutoff = api.post("/api/v1/payments/" + paymentId + "/refunds", Map.of("reason", "late"), org.admin().accessToken());

        assertThat(quote.body()).containsEntry("refundableCents", 10_000).containsEntry("policyCents", 10_000);
        assertThat(tooMuch.status()).isEqualTo(422);
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(byAPtm.status()).isEqualTo(403);
        assertThat(afterCutoff.status()).isEqualTo(422);
        assertThat(afterCutoff.body().toString()).contains("amountCents");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRetreatIsPaidInThreeInstalmentsTheFirstConfirmsTheSeatAndThePlanEndsAfterTheLast() {
        Map<String, Object> event = paidEvent(5, 30_000, 3);
        Org.Member man = org.member();
        Api.Reply registered = register(event, man);

        Api.Reply checkout = checkoutIn(3, event, registered, man);

        assertThat(checkout.status()).as("checkout: %s", checkout.body()).isEqualTo(201);
        String sessionId = sessionOf(checkout.string("checkoutUrl"));
        StripeStandIn.Request asked = stripe.requests().stream().filter(r -> r.path().equals("/v1/checkout/sessions")
                && ("hearth-payment-" + checkout.string("paymentId")).equals(r.idempotencyKey())).findFirst().orElseThrow();
        assertThat(asked.stripeAccount()).isEqualTo(account);
        assertThat(asked.form()).containsEntry("mode", "subscription")
                .containsEntry("line_items[0][price_data][unit_amount]", "10000")
                .containsEntry("line_items[0][price_data][recurring][interval]", "month")
                .containsEntry("subscription_data[application_fee_percent]", "2.5")
                .containsEntry("subscription_data[metadata][hearth_payment]", checkout.string("paymentId"))
                .doesNotContainKey("line_items[1][price_data][unit_amount]");

        stripe.pay(sessionId);

        assertThat(registration(event, registered.string("id"), man).string("status")).isEqualTo("CONFIRMED");
        Map<String, Object> payment = paymentOf(man, checkout.string("paymentId"));
        assertThat(payment).containsEntry("status", "PAID").containsEntry("instalments", 3).containsEntry("instalmentsPaid", 1)
                .containsEntry("planStatus", "ACTIVE");
        assertThat(Instant.parse((String) payment.get("nextInstalmentAt"))).isAfter(Instant.now().plus(Duration.ofDays(27)));
        String subscription = stripe.session(sessionId).get("subscription").getAsString();
        await().atMost(Duration.ofSeconds(10)).until(() -> !stripe.subscription(subscription).get("cancel_at").isJsonNull());
        long anchor = stripe.subscription(subscription).get("billing_cycle_anchor").getAsLong();
        assertThat(stripe.subscription(subscription).get("cancel_at").getAsLong())
                .isEqualTo(Instant.ofEpochSecond(anchor).atOffset(java.time.ZoneOffset.UTC).plusMonths(2).plusDays(1).toEpochSecond());

        stripe.chargeInstalment(subscription, true);
        JsonObject failed = stripe.chargeInstalment(subscription, false);
        assertThat(paymentOf(man, checkout.string("paymentId"))).containsEntry("instalmentsPaid", 2).containsEntry("planStatus", "PAST_DUE");
        Api.Reply forStaff = api.get("/api/v1/events/" + event.get("id") + "/payments", ptm.accessToken());
        assertThat(forStaff.list("items")).anySatisfy(item -> assertThat((Map<String, Object>) item).containsEntry("planStatus", "PAST_DUE")
                .containsEntry("personId", man.id().toString()));
        assertThat(api.get("/api/v1/events/" + event.get("id") + "/payments", man.accessToken()).status()).isIn(403, 404);
        await().atMost(Duration.ofSeconds(10)).until(() -> RealStack.stack().mailCatcher().messages().stream()
                .anyMatch(m -> m.to().contains(man.email()) && m.subject().contains("instalment could not be taken")));
        stripe.chargeInstalment(subscription, true);

        assertThat(paymentOf(man, checkout.string("paymentId"))).containsEntry("instalmentsPaid", 3).containsEntry("planStatus", "COMPLETED");
        assertThat(outboxCount("InstalmentFailed", checkout.string("paymentId"))).isEqualTo(1);
        assertThat(failed.get("status").getAsString()).isEqualTo("open");
    }

    @Test
    void whatTheInstalmentsDoNotDivideIsPaidWithTheFirst() {
        Map<String, Object> event = paidEvent(5, 10_000, 3);
        Org.Member man = org.member();
        Api.Reply registered = register(event, man);

        Api.Reply checkout = checkoutIn(3, event, registered, man);
        Api.Reply tooMany = api.post("/api/v1/events/" + event.get("id") + "/registrations/" + registered.string("id") + "/checkout",
                Map.of("instalments", 4), man.accessToken());

        StripeStandIn.Request asked = stripe.requests().stream().filter(r -> ("hearth-payment-" + checkout.string("paymentId")).equals(r.idempotencyKey()))
                .findFirst().orElseThrow();
        assertThat(asked.form()).containsEntry("line_items[0][price_data][unit_amount]", "3333").containsEntry("line_items[1][price_data][unit_amount]", "1");
        assertThat(stripe.session(sessionOf(checkout.string("checkoutUrl"))).get("amount_total").getAsLong()).isEqualTo(3_334);
        assertThat(tooMany.status()).isEqualTo(422);
    }

    @Test
    void theFirstInstalmentsInvoiceBeforeCheckoutsOwnEventConfirmsTheSeatOnce() {
        PaidPlan plan = aFirstInstalmentPaidWithItsEventsHeldBack();
        String paymentId = plan.checkout().string("paymentId");
        JsonObject invoicePaid = stripe.event("invoice.paid", account, stripe.invoice(stripe.subscription(plan.subscription()).get("latest_invoice").getAsString()));
        JsonObject completed = stripe.event("checkout.session.completed", account, stripe.session(plan.sessionId()));

        assertThat(stripe.deliver(invoicePaid)).isEqualTo(200);
        assertThat(stripe.deliver(completed)).isEqualTo(200);
        assertThat(stripe.deliver(invoicePaid)).isEqualTo(200);

        assertThat(registration(plan.event(), plan.registered().string("id"), plan.man()).string("status")).isEqualTo("CONFIRMED");
        assertThat(paymentOf(plan.man(), paymentId)).containsEntry("instalmentsPaid", 1).containsEntry("status", "PAID");
        assertThat(outboxCount("PaymentSucceeded", paymentId)).isEqualTo(1);
        assertThat(outboxCount("InstalmentPaid", paymentId)).isEqualTo(1);
    }

    @Test
    void aLapsedPlanGivesTheSeatToTheWaitingListBeforeTheCutoffWhenThePolicySaysSo() {
        assertThat(api.put("/api/v1/payments/policy", Map.of("lapsedPlan", "RELEASE"), org.admin().accessToken()).status()).isEqualTo(200);
        Map<String, Object> event = paidEvent(1, 30_000, 3);
        Org.Member man = org.member();
        Api.Reply registered = register(event, man);
        Api.Reply checkout = checkoutIn(3, event, registered, man);
        stripe.pay(sessionOf(checkout.string("checkoutUrl")));
        Org.Member waiting = org.member();
        Api.Reply queued = register(event, waiting);
        String subscription = stripe.session(sessionOf(checkout.string("checkoutUrl"))).get("subscription").getAsString();
        stripe.chargeInstalment(subscription, false);

        stripe.endSubscription(subscription);

        assertThat(paymentOf(man, checkout.string("paymentId"))).containsEntry("planStatus", "LAPSED");
        assertThat(registration(event, registered.string("id"), man).string("status")).isEqualTo("CANCELLED");
        assertThat(registration(event, queued.string("id"), waiting).string("status")).isEqualTo("OFFERED");
    }

    @Test
    void aLapsedPlanKeepsTheSeatWhenThePolicySaysKeep() {
        assertThat(api.put("/api/v1/payments/policy", Map.of("lapsedPlan", "KEEP"), org.admin().accessToken()).status()).isEqualTo(200);
        try {
            Map<String, Object> event = paidEvent(3, 30_000, 3);
            Org.Member man = org.member();
            Api.Reply registered = register(event, man);
            Api.Reply checkout = checkoutIn(3, event, registered, man);
            stripe.pay(sessionOf(checkout.string("checkoutUrl")));
            String subscription = stripe.session(sessionOf(checkout.string("checkoutUrl"))).get("subscription").getAsString();

            stripe.endSubscription(subscription);

            assertThat(paymentOf(man, checkout.string("paymentId"))).containsEntry("planStatus", "LAPSED");
            assertThat(registration(event, registered.string("id"), man).string("status")).isEqualTo("CONFIRMED");
        } finally {
            api.put("/api/v1/payments/policy", Map.of("lapsedPlan", "RELEASE"), org.admin().accessToken());
        }
    }

    @Test
    void fiftyMenForTheLastTenSeatsTenPayAndAreConfirmedTheRestWaitInOrderAndNoneIsCharged() throws Exception {
        Map<String, Object> event = paidEvent(10, 5_000);
        List<Org.Member> men = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            men.add(org.member());
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<Api.Reply>> registering = new ArrayList<>();
        for (Org.Member man : men) {
            registering.add(pool.submit(() -> register(event, man)));
        }
        List<Api.Reply> registered = new ArrayList<>();
        for (Future<Api.Reply> reply : registering) {
            registered.add(reply.get());
        }

        List<Future<Api.Reply>> paying = new ArrayList<>();
        for (int i = 0; i < men.size(); i++) {
            Api.Reply registration = registered.get(i);
            Org.Member man = men.get(i);
            paying.add(pool.submit(() -> {
                if (registration.string("checkoutUrl") != null) {
                    stripe.pay(sessionOf(registration.string("checkoutUrl")));
                    return registration;
                }
                return api.post("/api/v1/events/" + event.get("id") + "/registrations/" + registration.string("id") + "/checkout", Map.of(), man.accessToken());
            }));
        }
        List<Integer> refused = new ArrayList<>();
        for (Future<Api.Reply> reply : paying) {
            Api.Reply answer = reply.get();
            if (answer.status() == 409) {
                refused.add(409);
            }
        }
        pool.shutdown();

        assertThat(registered).extracting(Api.Reply::status).containsOnly(201);
        assertThat(registered).filteredOn(r -> r.string("checkoutUrl") != null).hasSize(10);
        assertThat(refused).hasSize(40);
        Api.Reply all = api.get("/api/v1/events/" + event.get("id") + "/registrations?size=100", ptm.accessToken());
        List<Map<String, Object>> lines = all.list("items").stream().map(item -> (Map<String, Object>) item).toList();
        assertThat(lines).filteredOn(l -> "CONFIRMED".equals(l.get("status"))).hasSize(10);
        List<Map<String, Object>> waiting = lines.stream().filter(l -> "WAITLISTED".equals(l.get("status"))).toList();
        assertThat(waiting).extracting(l -> ((Number) l.get("waitlistPosition")).intValue())
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 40).boxed().toList());
        assertThat(count("select count(*) from {schema}.payments where event_id = ?", UUID.fromString((String) event.get("id")))).isEqualTo(10);
        assertThat(count("select count(*) from {schema}.payments where event_id = ? and status = 'PAID' and seat = 'CONFIRMED'",
                UUID.fromString((String) event.get("id")))).isEqualTo(10);
    }

    @Inject io.micronaut.json.JsonMapper json;

    private Map<String, Object> circleWithDues(Org.Member facilitator, Org.Member... members) {
        Api.Reply circle = api.post("/api/v1/circles", Map.of("name", "Dues circle " + UUID.randomUUID().toString().substring(0, 5), "capacity", 8,
                "dues", Map.of("amountCents", 2000, "currency", "GBP", "interval", "MONTHLY")), facilitator.accessToken());
        assertThat(circle.status()).as("circle: %s", circle.body()).isEqualTo(201);
        for (Org.Member member : members) {
            Api.Reply added = api.post("/api/v1/circles/" + circle.string("id") + "/members", Map.of("personId", member.id().toString()), facilitator.accessToken());
            assertThat(added.status()).as("add: %s", added.body()).isEqualTo(201);
        }
        return circle.body();
    }

    @SuppressWarnings("unchecked")
    private String paymentStatusIn(Map<String, Object> circle, Org.Member facilitator, Org.Member man) {
        return api.get("/api/v1/circles/" + circle.get("id") + "/members", facilitator.accessToken()).list("items").stream()
                .map(item -> (Map<String, Object>) item).filter(item -> man.id().toString().equals(item.get("personId")))
                .map(item -> (String) item.get("paymentStatus")).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> onlyDuesOf(Org.Member man) {
        List<Object> items = api.get("/api/v1/me/dues", man.accessToken()).list("items");
        assertThat(items).hasSize(1);
        return (Map<String, Object>) items.get(0);
    }

    @Test
    void duesRunAsASubscriptionWhoseInvoicesDriveHisPaymentStatusAndLeavingEndsIt() {
        Org.Member facilitator = org.member(Role.FACILITATOR);
        Org.Member man = org.member();
        Map<String, Object> circle = circleWithDues(facilitator, man);

        Api.Reply checkout = api.post("/api/v1/circles/" + circle.get("id") + "/dues/checkout", Map.of(), man.accessToken());

        assertThat(checkout.status()).as("dues checkout: %s", checkout.body()).isEqualTo(201);
        StripeStandIn.Request price = stripe.requests().stream().filter(r -> r.path().equals("/v1/prices")
                && r.idempotencyKey() != null && r.idempotencyKey().startsWith("hearth-dues-price-" + circle.get("id"))).findFirst().orElseThrow();
        assertThat(price.stripeAccount()).isEqualTo(account);
        assertThat(price.form()).containsEntry("unit_amount", "2000").containsEntry("recurring[interval]", "month").containsEntry("currency", "gbp");
        StripeStandIn.Request session = stripe.requests().stream().filter(r -> ("hearth-dues-" + checkout.string("duesId")).equals(r.idempotencyKey()))
                .findFirst().orElseThrow();
        assertThat(session.form()).containsEntry("mode", "subscription").containsEntry("subscription_data[application_fee_percent]", "2.5")
                .containsEntry("subscription_data[metadata][hearth_dues]", checkout.string("duesId"));
        assertThat(session.form().get("line_items[0][price]")).startsWith("price_");

        JsonObject paid = stripe.pay(sessionOf(checkout.string("checkoutUrl")));
        String subscription = paid.get("subscription").getAsString();

        assertThat(onlyDuesOf(man)).containsEntry("status", "ACTIVE").containsEntry("canUpdateCard", true);
        assertThat(paymentStatusIn(circle, facilitator, man)).isEqualTo("CURRENT");
        stripe.chargeInstalment(subscription, false);
        assertThat(paymentStatusIn(circle, facilitator, man)).isEqualTo("PAST_DUE");
        assertThat(onlyDuesOf(man)).containsEntry("status", "PAST_DUE");
        await().atMost(Duration.ofSeconds(10)).until(() -> RealStack.stack().mailCatcher().messages().stream()
                .anyMatch(m -> m.to().contains(facilitator.email()) && m.subject().startsWith("Dues past due")));
        await().atMost(Duration.ofSeconds(10)).until(() -> RealStack.stack().mailCatcher().messages().stream()
                .anyMatch(m -> m.to().contains(man.email()) && m.subject().contains("dues could not be taken")));
        stripe.chargeInstalment(subscription, true);
        assertThat(paymentStatusIn(circle, facilitator, man)).isEqualTo("CURRENT");
        Api.Reply portal = api.post("/api/v1/me/dues/" + checkout.string("duesId") + "/portal", Map.of(), man.accessToken());
        assertThat(portal.string("url")).contains("/portal/cus_");

        assertThat(api.post("/api/v1/circles/" + circle.get("id") + "/leave", Map.of(), man.accessToken()).status()).isIn(200, 204);

        await().atMost(Duration.ofSeconds(20)).until(() -> "canceled".equals(stripe.subscription(subscription).get("status").getAsString()));
        await().atMost(Duration.ofSeconds(10)).until(() -> "CANCELED".equals(onlyDuesOf(man).get("status")));
    }

    @Test
    void aDuesInvoiceBeforeCheckoutsEventMakesHimCurrentAllTheSame() {
        Org.Member facilitator = org.member(Role.FACILITATOR);
        Org.Member man = org.member();
        Map<String, Object> circle = circleWithDues(facilitator, man);
        api.put("/api/v1/circles/" + circle.get("id") + "/members/" + man.id() + "/payment-status", Map.of("status", "PAST_DUE"), facilitator.accessToken());
        Api.Reply checkout = api.post("/api/v1/circles/" + circle.get("id") + "/dues/checkout", Map.of(), man.accessToken());
        String sessionId = sessionOf(checkout.string("checkoutUrl"));
        JsonObject session = stripe.payWithoutWebhooks(sessionId);
        String subscription = session.get("subscription").getAsString();
        JsonObject invoicePaid = stripe.event("invoice.paid", account, stripe.invoice(stripe.subscription(subscription).get("latest_invoice").getAsString()));

        assertThat(stripe.deliver(invoicePaid)).isEqualTo(200);
        assertThat(stripe.deliver(stripe.event("checkout.session.completed", account, stripe.session(sessionId)))).isEqualTo(200);

        assertThat(onlyDuesOf(man)).containsEntry("status", "ACTIVE");
        assertThat(paymentStatusIn(circle, facilitator, man)).isEqualTo("CURRENT");
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> queueFor(Org.Member support) {
        return api.get("/api/v1/payments/interventions", support.accessToken()).list("items").stream().map(i -> (Map<String, Object>) i).toList();
    }

    private Api.Reply act(Org.Member support, String kind, String subject, Map<String, Object> body) {
        return api.post("/api/v1/payments/interventions/" + kind + "/" + subject, body, support.accessToken());
    }

    @Test
    void supportTakesFailedDuesAgainRecordsCashAndPausesForHardshipEachAudited() {
        Org.Member facilitator = org.member(Role.FACILITATOR);
        Org.Member support = org.member(Role.SUPPORT);
        Org.Member man = org.member();
        Map<String, Object> circle = circleWithDues(facilitator, man);
        Api.Reply checkout = api.post("/api/v1/circles/" + circle.get("id") + "/dues/checkout", Map.of(), man.accessToken());
        String subscription = stripe.pay(sessionOf(checkout.string("checkoutUrl"))).get("subscription").getAsString();
        String dues = checkout.string("duesId");
        stripe.chargeInstalment(subscription, false);
        assertThat(queueFor(support)).anySatisfy(item -> assertThat(item).containsEntry("kind", "DUES_PAST_DUE").containsEntry("subjectId", dues));
        assertThat(api.get("/api/v1/payments/interventions", man.accessToken()).status()).isEqualTo(403);

        stripe.declineRetries(true);
        Api.Reply declined = act(support, "DUES_PAST_DUE", dues, Map.of("action", "RETRY"));
        stripe.declineRetries(false);
        Api.Reply retried = act(support, "DUES_PAST_DUE", dues, Map.of("action", "RETRY"));

        assertThat(declined.status()).isEqualTo(409);
        assertThat(declined.body().toString()).contains("declined");
        assertThat(retried.status()).as("retry: %s", retried.body()).isEqualTo(200);
        assertThat(paymentStatusIn(circle, facilitator, man)).isEqualTo("CURRENT");
        assertThat(queueFor(support)).noneSatisfy(item -> assertThat(item.get("subjectId")).isEqualTo(dues));

        stripe.chargeInstalment(subscription, false);
        Api.Reply cash = act(support, "DUES_PAST_DUE", dues, Map.of("action", "OFFLINE", "amountCents", 2000, "method", "CASH", "note", "Paid at the meeting"));
        assertThat(cash.status()).as("offline: %s", cash.body()).isEqualTo(200);
        assertThat(stripe.requests()).anySatisfy(r -> assertThat(r.path()).endsWith("/pay").isNotNull())
                .anySatisfy(r -> assertThat(r.form()).containsEntry("paid_out_of_band", "true"));
        assertThat(paymentStatusIn(circle, facilitator, man)).isEqualTo("CURRENT");

        stripe.chargeInstalment(subscription, false);
        Api.Reply paused = act(support, "DUES_PAST_DUE", dues, Map.of("action", "PAUSE", "note", "Lost his job"));
        assertThat(paused.status()).as("pause: %s", paused.body()).isEqualTo(200);
        assertThat(paymentStatusIn(circle, facilitator, man)).isEqualTo("PAUSED");
        assertThat(stripe.subscription(subscription).getAsJsonObject("pause_collection").get("behavior").getAsString()).isEqualTo("void");
        Api.Reply audit = api.get("/api/v1/audit?action=payment.intervention&targetId=" + man.id(), org.admin().accessToken());
        assertThat(audit.list("items")).hasSize(3);
    }

    @Test
    void aDisputeWaitsInTheQueueUntilSomeoneResolvesIt() {
        Org.Member support = org.member(Role.SUPPORT);
        Map<String, Object> event = paidEvent(5, 7_000);
        Org.Member man = org.member();
        Api.Reply registered = register(event, man);
        JsonObject session = stripe.pay(sessionOf(registered.string("checkoutUrl")));
        String paymentId = (String) onlyPaymentOf(man).get("id");

        stripe.dispute(session.get("payment_intent").getAsString(), "fraudulent");

        assertThat(queueFor(support)).anySatisfy(item -> assertThat(item).containsEntry("kind", "DISPUTED").containsEntry("subjectId", paymentId)
                .containsEntry("state", "needs_response"));
        assertThat(act(support, "DISPUTED", paymentId, Map.of("action", "RETRY")).status()).isEqualTo(422);
        assertThat(act(support, "DISPUTED", paymentId, Map.of("action", "RESOLVE", "note", "Evidence sent from Stripe's dashboard")).status()).isEqualTo(200);
        assertThat(queueFor(support)).noneSatisfy(item -> assertThat(item.get("subjectId")).isEqualTo(paymentId));
    }

    @Test
    void aLapsedPlanPaidByBankTransferIsRecordedWithoutAFeeAndLeavesTheQueue() {
        Org.Member support = org.member(Role.SUPPORT);
        api.put("/api/v1/payments/policy", Map.of("lapsedPlan", "KEEP"), org.admin().accessToken());
        try {
            Map<String, Object> event = paidEvent(3, 30_000, 3);
            Org.Member man = org.member();
            Api.Reply registered = register(event, man);
            Api.Reply checkout = checkoutIn(3, event, registered, man);
            String subscription = stripe.pay(sessionOf(checkout.string("checkoutUrl"))).get("subscription").getAsString();
            stripe.endSubscription(subscription);
            String paymentId = checkout.string("paymentId");
            assertThat(queueFor(support)).anySatisfy(item -> assertThat(item).containsEntry("kind", "INSTALMENT_LAPSED").containsEntry("subjectId", paymentId));

            Api.Reply transfer = act(support, "INSTALMENT_LAPSED", paymentId, Map.of("action", "OFFLINE", "amountCents", 20_000, "method", "BANK_TRANSFER"));

            assertThat(transfer.status()).as("offline: %s", transfer.body()).isEqualTo(200);
            assertThat(queueFor(support)).noneSatisfy(item -> assertThat(item.get("subjectId")).isEqualTo(paymentId));
            assertThat(api.get("/api/v1/me/payments", man.accessToken()).list("items")).anySatisfy(item -> assertThat((Map<String, Object>) item)
                    .containsEntry("kind", "OFFLINE").containsEntry("amountCents", 20_000).containsEntry("applicationFeeCents", 0));
        } finally {
            api.put("/api/v1/payments/policy", Map.of("lapsedPlan", "RELEASE"), org.admin().accessToken());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void leadershipSeesPaymentsRefundsFeesAndInstalmentsToComePerMonthAndAsCsv() {
        Org other = Org.create(provisioning, directory, client, "payrep");
        stripe.finishOnboarding(onboard(other));
        Org.Member staff = other.member(Role.PTM);
        Org.Member leader = other.member(Role.LEADERSHIP);
        Api.Reply workshop = other.api().post("/api/v1/events", Map.of("type", "WORKSHOP", "title", "Report workshop",
                "startsAt", Instant.now().plus(Duration.ofDays(20)).toString(), "endsAt", Instant.now().plus(Duration.ofDays(20)).plusSeconds(3600).toString(),
                "timeZone", "Europe/London", "capacity", 5, "visibility", "MEMBERS",
                "priceOptions", List.of(Map.of("code", "STANDARD", "name", "Standard", "amountCents", 10_000, "currency", "GBP"))), staff.accessToken());
        Api.Reply retreat = other.api().post("/api/v1/events", Map.of("type", "WORKSHOP", "title", "Report retreat",
                "startsAt", Instant.now().plus(Duration.ofDays(90)).toString(), "endsAt", Instant.now().plus(Duration.ofDays(90)).plusSeconds(3600).toString(),
                "timeZone", "Europe/London", "capacity", 5, "visibility", "MEMBERS",
                "priceOptions", List.of(Map.of("code", "STANDARD", "name", "Standard", "amountCents", 30_000, "currency", "GBP", "instalments", 3))),
                staff.accessToken());
        Org.Member first = other.member();
        Org.Member second = other.member();
        Api.Reply full = other.api().post("/api/v1/events/" + workshop.string("id") + "/register", Map.of("priceOption", "STANDARD"), first.accessToken());
        stripe.pay(sessionOf(full.string("checkoutUrl")));
        Api.Reply plan = other.api().post("/api/v1/events/" + retreat.string("id") + "/register", Map.of("priceOption", "STANDARD", "instalments", 3),
                second.accessToken());
        stripe.pay(sessionOf(plan.string("checkoutUrl")));
        Map<String, Object> paid = (Map<String, Object>) other.api().get("/api/v1/me/payments", first.accessToken()).list("items").get(0);
        other.api().post("/api/v1/payments/" + paid.get("id") + "/refunds", Map.of("amountCents", 4_000, "reason", "Partial", "releaseSeat", false),
                other.admin().accessToken());

        Api.Reply report = other.api().get("/api/v1/reports/payments", leader.accessToken());

        String month = java.time.YearMonth.now(java.time.ZoneOffset.UTC).toString();
        List<Map<String, Object>> rows = report.list("rows").stream().map(r -> (Map<String, Object>) r).toList();
        assertThat(rows).anySatisfy(row -> assertThat(row).containsEntry("month", month).containsEntry("currency", "GBP").containsEntry("payments", 2)
                .containsEntry("paidCents", 20_000).containsEntry("refundedCents", 4_000).containsEntry("feeCents", 400));
        long toCome = rows.stream().mapToLong(row -> ((Number) row.get("outstandingInstalmentsCents")).longValue()).sum();
        assertThat(toCome).isEqualTo(20_000);
        assertThat(rows.stream().filter(row -> ((Number) row.get("outstandingInstalmentsCents")).longValue() == 10_000).count()).isEqualTo(2);
        Api.Reply forAMember = other.api().get("/api/v1/reports/payments", first.accessToken());
        assertThat(forAMember.status()).isEqualTo(403);
        String csv = client.toBlocking().retrieve(HttpRequest.GET("/api/v1/reports/payments/export.csv").header("Host", other.tenant().slug() + ".localhost")
                .bearerAuth(leader.accessToken()), String.class);
        assertThat(csv).startsWith("month,currency,payments,paid,refunded,platform_fees,outstanding_instalments\n")
                .contains(month + ",GBP,2,200.00,40.00,4.00,");
    }

    @Test
    @SuppressWarnings("unchecked")
    void membersGiveToTheScholarshipFundAndAnAdminGrantsFromItNeverMoreThanItHolds() {
        Org other = Org.create(provisioning, directory, client, "payfund");
        stripe.finishOnboarding(onboard(other));
        Org.Member staff = other.member(Role.PTM);
        Org.Member giver = other.member();
        Org.Member man = other.member();
        Org.Member another = other.member();
        Api.Reply retreat = other.api().post("/api/v1/events", Map.of("type", "WORKSHOP", "title", "Fund retreat",
                "startsAt", Instant.now().plus(Duration.ofDays(30)).toString(), "endsAt", Instant.now().plus(Duration.ofDays(30)).plusSeconds(3600).toString(),
                "timeZone", "Europe/London", "capacity", 5, "visibility", "MEMBERS",
                "priceOptions", List.of(Map.of("code", "STANDARD", "name", "Standard", "amountCents", 10_000, "currency", "GBP"))), staff.accessToken());

        Api.Reply gift = other.api().post("/api/v1/fund/gifts", Map.of("amountCents", 20_000, "currency", "GBP"), giver.accessToken());
        stripe.pay(sessionOf(gift.string("checkoutUrl")));
        Api.Reply held = other.api().post("/api/v1/events/" + retreat.string("id") + "/register", Map.of("priceOption", "STANDARD"), man.accessToken());
        Api.Reply heldToo = other.api().post("/api/v1/events/" + retreat.string("id") + "/register", Map.of("priceOption", "STANDARD"), another.accessToken());
        Api.Reply candidates = other.api().get("/api/v1/fund/candidates", other.admin().accessToken());

        assertThat(gift.status()).as("gift: %s", gift.body()).isEqualTo(201);
        Map<String, Object> fund = other.api().get("/api/v1/fund", other.admin().accessToken()).body();
        assertThat(fund.get("balances").toString()).contains("balanceCents=19500");
        assertThat(candidates.list("items")).hasSize(2);
        Api.Reply whole = other.api().post("/api/v1/fund/grants", Map.of("registrationId", held.string("id"), "amountCents", 10_000, "note", "Hardship"),
                other.admin().accessToken());
        assertThat(whole.status()).as("grant: %s", whole.body()).isEqualTo(201);
        assertThat(other.api().get("/api/v1/events/" + retreat.string("id") + "/registrations/" + held.string("id"), man.accessToken()).string("status"))
                .isEqualTo("CONFIRMED");
        assertThat(stripe.session(sessionOf(held.string("checkoutUrl"))).get("status").getAsString()).isEqualTo("expired");
        Api.Reply tooMuch = other.api().post("/api/v1/fund/grants", Map.of("registrationId", heldToo.string("id"), "amountCents", 9_600),
                other.admin().accessToken());
        assertThat(tooMuch.status()).isEqualTo(422);
        Api.Reply part = other.api().post("/api/v1/fund/grants", Map.of("registrationId", heldToo.string("id"), "amountCents", 6_000),
                other.admin().accessToken());
        assertThat(part.status()).isEqualTo(201);
        Api.Reply rest = other.api().post("/api/v1/events/" + retreat.string("id") + "/registrations/" + heldToo.string("id") + "/checkout", Map.of(),
                another.accessToken());
        assertThat(stripe.requests().stream().filter(r -> ("hearth-payment-" + rest.string("paymentId")).equals(r.idempotencyKey())).findFirst()
                .orElseThrow().form()).containsEntry("line_items[0][price_data][unit_amount]", "4000");
        assertThat(rest.body()).containsEntry("amountCents", 4_000);
        Map<String, Object> after = other.api().get("/api/v1/fund", other.admin().accessToken()).body();
        assertThat(after.get("balances").toString()).contains("balanceCents=3500");
        assertThat((List<Object>) after.get("movements")).hasSize(3);
        assertThat(other.api().post("/api/v1/fund/grants", Map.of("registrationId", heldToo.string("id"), "amountCents", 100),
                man.accessToken()).status()).isEqualTo(403);

        other.api().post("/api/v1/events/" + retreat.string("id") + "/registrations/" + heldToo.string("id") + "/cancel", Map.of(), another.accessToken());

        await().atMost(Duration.ofSeconds(15)).until(() -> other.api().get("/api/v1/fund", other.admin().accessToken()).body().get("balances").toString()
                .contains("balanceCents=9500"));
    }

    @Inject CircleDuesListener duesListener;
    @Inject FundReturns fundReturns;

    @Test
    void theDuesListenerReadsCirclesEventsAsRecordsAndAMoveOutOfHisCircleEndsHisDuesThere() throws Exception {
        Org.Member facilitator = org.member(Role.FACILITATOR);
        Org.Member man = org.member();
        Map<String, Object> circle = circleWithDues(facilitator, man);
        Api.Reply checkout = api.post("/api/v1/circles/" + circle.get("id") + "/dues/checkout", Map.of(), man.accessToken());
        String subscription = stripe.pay(sessionOf(checkout.string("checkoutUrl"))).get("subscription").getAsString();
        UUID circleId = UUID.fromString((String) circle.get("id"));
        CircleEvent leftAnother = new CircleEvent.MemberLeftCircle(org.tenant().id(), UUID.randomUUID(), man.id(), LeaveReason.LEFT,
                man.id(), Instant.now());
        CircleEvent moved = new CircleEvent.MemberMovedCircle(org.tenant().id(), UUID.randomUUID(), man.id(), circleId, UUID.randomUUID(), Instant.now());

        duesListener.receive(recordOf(leftAnother));

        assertThat(onlyDuesOf(man)).as("leaving another circle leaves these dues").containsEntry("status", "ACTIVE");
        assertThat(stripe.subscription(subscription).get("status").getAsString()).isEqualTo("active");

        duesListener.receive(recordOf(moved));
        duesListener.receive(recordOf(moved));

        assertThat(stripe.subscription(subscription).get("status").getAsString()).isEqualTo("canceled");
        await().atMost(Duration.ofSeconds(10)).until(() -> "CANCELED".equals(onlyDuesOf(man).get("status")));
    }

    @Test
    void theFundReadsGatheringsEventsAsRecordsAndAHoldThatRanOutGivesTheGrantBackOnce() throws Exception {
        Org other = Org.create(provisioning, directory, client, "payback");
        stripe.finishOnboarding(onboard(other));
        Org.Member staff = other.member(Role.PTM);
        Org.Member giver = other.member();
        Org.Member man = other.member();
        Api.Reply retreat = other.api().post("/api/v1/events", Map.of("type", "WORKSHOP", "title", "Hold retreat",
                "startsAt", Instant.now().plus(Duration.ofDays(30)).toString(), "endsAt", Instant.now().plus(Duration.ofDays(30)).plusSeconds(3600).toString(),
                "timeZone", "Europe/London", "capacity", 5, "visibility", "MEMBERS",
                "priceOptions", List.of(Map.of("code", "STANDARD", "name", "Standard", "amountCents", 10_000, "currency", "GBP"))), staff.accessToken());
        stripe.pay(sessionOf(other.api().post("/api/v1/fund/gifts", Map.of("amountCents", 20_000, "currency", "GBP"), giver.accessToken())
                .string("checkoutUrl")));
        Api.Reply held = other.api().post("/api/v1/events/" + retreat.string("id") + "/register", Map.of("priceOption", "STANDARD"), man.accessToken());
        Api.Reply grant = other.api().post("/api/v1/fund/grants", Map.of("registrationId", held.string("id"), "amountCents", 6_000),
                other.admin().accessToken());
        assertThat(grant.status()).as("grant: %s", grant.body()).isEqualTo(201);
        assertThat(other.api().get("/api/v1/fund", other.admin().accessToken()).body().get("balances").toString()).contains("balanceCents=13500");
        UUID eventId = UUID.fromString(retreat.string("id"));
        GatheringEvent cancelledAnother = new GatheringEvent.RegistrationCancelled(other.tenant().id(), eventId, UUID.randomUUID(), giver.id(), giver.id(), null);
        GatheringEvent expired = new GatheringEvent.RegistrationHoldExpired(other.tenant().id(), eventId, UUID.fromString(held.string("id")), Instant.now());

        fundReturns.receive(recordOf(cancelledAnother));

        assertThat(other.api().get("/api/v1/fund", other.admin().accessToken()).body().get("balances").toString()).contains("balanceCents=13500");

        fundReturns.receive(recordOf(expired));
        fundReturns.receive(recordOf(expired));

        assertThat(other.api().get("/api/v1/fund", other.admin().accessToken()).body().get("balances").toString()).contains("balanceCents=19500");
    }

    /** A Kafka record as the outbox relay sends the event. */
    private ConsumerRecord<String, String> recordOf(DomainEvent event) throws Exception {
        return new ConsumerRecord<>(event.topic(), 0, 0L, event.tenantId().toString(),
                json.writeValueAsString(EventEnvelope.of(DomainEvent.typeOf(event), event.tenantId(), DomainEvent.payloadOf(event))));
    }

    @Test
    void onlyAMemberPaysACirclesDues() {
        Org.Member facilitator = org.member(Role.FACILITATOR);
        Map<String, Object> circle = circleWithDues(facilitator);

        Api.Reply stranger = api.post("/api/v1/circles/" + circle.get("id") + "/dues/checkout", Map.of(), org.member().accessToken());

        assertThat(stranger.status()).isIn(404, 409);
    }

    @Test
    void theFeeIsTheOrganisationsPlansAsTenantAdminSaysAndAnOlderWordNeverOverwritesANewerOne() throws Exception {
        Org other = Org.create(provisioning, directory, client, "payfee");
        String otherAccount = onboard(other);
        stripe.finishOnboarding(otherAccount);
        Org.Member staff = other.member(Role.PTM);
        Org.Member man = other.member();
        java.util.Properties props = new java.util.Properties();
        props.put("bootstrap.servers", RealStack.stack().kafkaBootstrapServers());
        try (org.apache.kafka.clients.producer.KafkaProducer<String, String> producer = new org.apache.kafka.clients.producer.KafkaProducer<>(props,
                new org.apache.kafka.common.serialization.StringSerializer(), new org.apache.kafka.common.serialization.StringSerializer())) {
            UUID tenant = other.tenant().id().value();
            Instant now = Instant.now();
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>("hearth.tenant-lifecycle", tenant.toString(), json.writeValueAsString(
                    new io.hearth.kit.outbox.EventEnvelope(UUID.randomUUID(), "TenantPlanChanged", tenant, now, 1,
                            Map.of("slug", other.tenant().slug(), "plan", "premium", "feePercent", 5, "feeFixedCents", 30))))).get();
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>("hearth.tenant-lifecycle", tenant.toString(), json.writeValueAsString(
                    new io.hearth.kit.outbox.EventEnvelope(UUID.randomUUID(), "TenantPlanChanged", tenant, now.minusSeconds(60), 1,
                            Map.of("slug", other.tenant().slug(), "plan", "old", "feePercent", 1, "feeFixedCents", 0))))).get();
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> count("select count(*) from public.tenant_fees where tenant_id = ? and fee_percent = 5",
                other.tenant().id().value()) == 1);
        Thread.sleep(500);
        Map<String, Object> body = new HashMap<>();
        body.put("type", "WORKSHOP");
        body.put("title", "Fee workshop");
        body.put("startsAt", Instant.now().plus(Duration.ofDays(20)).toString());
        body.put("endsAt", Instant.now().plus(Duration.ofDays(20)).plus(Duration.ofHours(3)).toString());
        body.put("timeZone", "Europe/London");
        body.put("capacity", 5);
        body.put("visibility", "MEMBERS");
        body.put("priceOptions", List.of(Map.of("code", "STANDARD", "name", "Standard", "amountCents", 10_000, "currency", "GBP")));
        Api.Reply event = other.api().post("/api/v1/events", body, staff.accessToken());

        Api.Reply registered = other.api().post("/api/v1/events/" + event.string("id") + "/register", Map.of("priceOption", "STANDARD"), man.accessToken());

        assertThat(registered.string("checkoutUrl")).isNotNull();
        assertThat(checkoutRequest(sessionOf(registered.string("checkoutUrl"))).form()).containsEntry("payment_intent_data[application_fee_amount]", "530");
        assertThat(count("select count(*) from public.tenant_fees where tenant_id = ? and fee_percent = 5", other.tenant().id().value())).isEqualTo(1);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> paymentOf(Org.Member man, String paymentId) {
        return api.get("/api/v1/me/payments", man.accessToken()).list("items").stream().map(item -> (Map<String, Object>) item)
                .filter(item -> paymentId.equals(item.get("id"))).findFirst().orElseThrow();
    }

    private String refundIdAtStripe(String hearthRefundId) {
        return stripe.refundIdFor("hearth-refund-" + hearthRefundId);
    }

    // --- helpers

    private Map<String, Object> paidEvent(int capacity, long amountCents) {
        return paidEvent(capacity, amountCents, 1);
    }

    private Map<String, Object> paidEvent(int capacity, long amountCents, int instalments) {
        Map<String, Object> body = new HashMap<>();
        body.put("type", "DAY_RETREAT");
        body.put("title", "Retreat " + UUID.randomUUID().toString().substring(0, 6));
        body.put("startsAt", Instant.now().plus(Duration.ofDays(20)).toString());
        body.put("endsAt", Instant.now().plus(Duration.ofDays(20)).plus(Duration.ofHours(8)).toString());
        body.put("timeZone", "Europe/London");
        body.put("capacity", capacity);
        body.put("visibility", "MEMBERS");
        body.put("priceOptions", List.of(Map.of("code", "STANDARD", "name", "Standard", "amountCents", amountCents, "currency", "GBP",
                "instalments", instalments)));
        Api.Reply created = api.post("/api/v1/events", body, ptm.accessToken());
        assertThat(created.status()).as("create: %s", created.body()).isEqualTo(201);
        return created.body();
    }

    private Api.Reply register(Map<String, Object> event, Org.Member man) {
        return api.post("/api/v1/events/" + event.get("id") + "/register",
                Map.of("priceOption", "STANDARD", "emergencyContact", "Sam, +44 7700 900000"), man.accessToken());
    }

    /** A retreat in three instalments whose first he has paid on Checkout, Stripe's events about it not yet delivered. */
    private record PaidPlan(Map<String, Object> event, Org.Member man, Api.Reply registered, Api.Reply checkout, String sessionId, String subscription) {
    }

    private PaidPlan aFirstInstalmentPaidWithItsEventsHeldBack() {
        Map<String, Object> event = paidEvent(5, 30_000, 3);
        Org.Member man = org.member();
        Api.Reply registered = register(event, man);
        Api.Reply checkout = checkoutIn(3, event, registered, man);
        String sessionId = sessionOf(checkout.string("checkoutUrl"));
        JsonObject session = stripe.payWithoutWebhooks(sessionId);
        return new PaidPlan(event, man, registered, checkout, sessionId, session.get("subscription").getAsString());
    }

    private Api.Reply checkoutIn(int instalments, Map<String, Object> event, Api.Reply registered, Org.Member man) {
        return api.post("/api/v1/events/" + event.get("id") + "/registrations/" + registered.string("id") + "/checkout",
                Map.of("instalments", instalments), man.accessToken());
    }

    private Api.Reply registration(Map<String, Object> event, String id, Org.Member man) {
        return api.get("/api/v1/events/" + event.get("id") + "/registrations/" + id, man.accessToken());
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> onlyPaymentOf(Org.Member man) {
        List<Object> items = api.get("/api/v1/me/payments", man.accessToken()).list("items");
        assertThat(items).hasSize(1);
        return (Map<String, Object>) items.get(0);
    }

    private static String sessionOf(String checkoutUrl) {
        assertThat(checkoutUrl).as("a Checkout URL").isNotNull();
        String path = URI.create(checkoutUrl).getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private StripeStandIn.Request checkoutRequest(String sessionId) {
        JsonObject session = stripe.session(sessionId);
        return stripe.requests().stream().filter(r -> r.path().equals("/v1/checkout/sessions")
                && session.get("client_reference_id").getAsString().equals(r.form().get("client_reference_id"))).findFirst().orElseThrow();
    }

    private StripeStandIn.Delivery lastDelivery(String type) {
        List<StripeStandIn.Delivery> all = stripe.deliveries();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).type().equals(type)) {
                return all.get(i);
            }
        }
        throw new AssertionError("no " + type + " delivered");
    }

    /** A checkout.session.completed as Stripe would send it, with the session paid at the stand-in but not yet delivered. */
    private JsonObject paidEventFor(String sessionId) {
        stripe.payWithoutWebhooks(sessionId);
        return stripe.event("checkout.session.completed", account, stripe.session(sessionId));
    }

    private long outboxCount(String type, String mentioning) {
        return count("select count(*) from public.outbox where event_type = ? and payload like ?", type, "%" + mentioning + "%");
    }

    private long recordedEvents(String eventId) {
        return count("select count(*) from {schema}.stripe_events where event_id = ?", eventId);
    }

    private long count(String statement, Object... parameters) {
        return onDatabase(statement, parameters, p -> {
            try (ResultSet rows = p.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    private void sql(String statement, Object... parameters) {
        onDatabase(statement, parameters, PreparedStatement::executeUpdate);
    }

    private interface Statement<T> {
        T run(PreparedStatement statement) throws Exception;
    }

    /** The statement on app's database, {schema} being this test's organisation's. */
    private <T> T onDatabase(String statement, Object[] parameters, Statement<T> work) {
        LocalStack stack = RealStack.stack();
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl(LocalStack.Database.APP), stack.dbUsername(), stack.dbPassword());
             PreparedStatement p = c.prepareStatement(statement.replace("{schema}", org.tenant().id().schemaName()))) {
            for (int i = 0; i < parameters.length; i++) {
                p.setObject(i + 1, parameters[i]);
            }
            return work.run(p);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
