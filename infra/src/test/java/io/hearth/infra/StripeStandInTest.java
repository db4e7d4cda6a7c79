package io.hearth.infra;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The stand-in over HTTP, as Hearth and a curl see it; webhooks go to a small receiver that records them. */
class StripeStandInTest {

    private record Webhook(String signature, String payload) {
        JsonObject event() {
            return JsonParser.parseString(payload).getAsJsonObject();
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final BlockingQueue<Webhook> webhooks = new LinkedBlockingQueue<>();
    private StripeStandIn stripe;
    private HttpServer receiver;
    private String account;

    @BeforeEach
    void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/webhooks", exchange -> {
            try (exchange) {
                webhooks.add(new Webhook(exchange.getRequestHeaders().getFirst("Stripe-Signature"),
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                exchange.sendResponseHeaders(200, -1);
            }
        });
        receiver.start();
        stripe = StripeStandIn.start(0);
        stripe.deliverTo("http://127.0.0.1:" + receiver.getAddress().getPort() + "/webhooks");
        account = object(api("POST", "/v1/accounts", null, null, Map.of("email", "admin@demo.localhost"))).get("id").getAsString();
        stripe.finishOnboarding(account);
        webhooks.clear();
        stripe.clearRequestLog();
    }

    @AfterEach
    void stop() {
        stripe.close();
        receiver.stop(0);
    }

    @Test
    void failsASubscriptionsNextInstalmentOverHttpAndSendsInvoicePaymentFailed() throws Exception {
        String subscription = paidSubscription("2.5");

        HttpResponse<String> answer = send("POST", "/_test/subscriptions/" + subscription + "/fail_next_payment", null, null, Map.of());

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonObject invoice = object(answer);
        assertThat(invoice.get("status").getAsString()).isEqualTo("open");
        assertThat(invoice.get("amount_paid").getAsLong()).isZero();
        assertThat(invoice.getAsJsonObject("parent").getAsJsonObject("subscription_details").get("subscription").getAsString()).isEqualTo(subscription);
        Webhook failed = nextWebhook("invoice.payment_failed");
        assertThat(failed.event().getAsJsonObject("data").getAsJsonObject("object").get("id").getAsString()).isEqualTo(invoice.get("id").getAsString());
        assertSigned(failed);
    }

    @Test
    void paysASubscriptionsNextInstalmentOverHttpAndSendsInvoicePaid() throws Exception {
        String subscription = paidSubscription("2.5");

        HttpResponse<String> answer = send("POST", "/_test/subscriptions/" + subscription + "/pay_next_payment", null, null, Map.of());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(object(answer).get("status").getAsString()).isEqualTo("paid");
        assertThat(nextWebhook("invoice.paid").event().getAsJsonObject("data").getAsJsonObject("object").get("id").getAsString())
                .isEqualTo(object(answer).get("id").getAsString());
    }

    @Test
    void failingTheNextInstalmentOfAnUnknownSubscriptionAnswers404() throws Exception {
        HttpResponse<String> answer = send("POST", "/_test/subscriptions/sub_unknown/fail_next_payment", null, null, Map.of());

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(object(answer).getAsJsonObject("error").get("message").getAsString()).isEqualTo("No such subscription: 'sub_unknown'");
    }

    @Test
    void failingTheNextInstalmentOfACanceledSubscriptionAnswers400() throws Exception {
        String subscription = paidSubscription("2.5");
        api("DELETE", "/v1/subscriptions/" + subscription, account, null, Map.of());

        HttpResponse<String> answer = send("POST", "/_test/subscriptions/" + subscription + "/fail_next_payment", null, null, Map.of());

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(object(answer).getAsJsonObject("error").get("type").getAsString()).isEqualTo("invalid_request_error");
    }

    @Test
    void refusesARefundOverWhatIsLeftOfTheChargeAsStripeDoes() throws Exception {
        String intent = paidIntent(5000, null);
        refund(intent, 3000, "first");

        HttpResponse<String> answer = refund(intent, 2500, "second");

        assertThat(answer.statusCode()).isEqualTo(400);
        JsonObject error = object(answer).getAsJsonObject("error");
        assertThat(error.get("type").getAsString()).isEqualTo("invalid_request_error");
        assertThat(error.get("param").getAsString()).isEqualTo("amount");
        assertThat(error.get("message").getAsString()).isEqualTo("Refund amount (£25.00) is greater than unrefunded amount on charge (£20.00)");
        assertThat(error.has("code")).as("Stripe gives this refusal no code").isFalse();
    }

    @Test
    void refusesARefundOfAChargeRefundedInFull() throws Exception {
        String intent = paidIntent(5000, null);
        refund(intent, 5000, "all");

        HttpResponse<String> answer = refund(intent, 1, "more");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(object(answer).getAsJsonObject("error").get("code").getAsString()).isEqualTo("charge_already_refunded");
    }

    @Test
    void refundsWhatIsLeftWhenNoAmountIsGiven() throws Exception {
        String intent = paidIntent(5000, null);
        refund(intent, 1200, "part");

        JsonObject rest = object(api("POST", "/v1/refunds", account, "rest", Map.of("payment_intent", intent)));

        assertThat(rest.get("amount").getAsLong()).isEqualTo(3800);
        assertThat(charge(intent).get("amount_refunded").getAsLong()).isEqualTo(5000);
        assertThat(charge(intent).get("refunded").getAsBoolean()).isTrue();
    }

    @Test
    void aFailedRefundsAmountCanBeRefundedAgain() throws Exception {
        String intent = paidIntent(5000, null);
        String failed = object(refund(intent, 5000, "first")).get("id").getAsString();
        stripe.failRefund(failed, "expired_or_canceled_card");

        HttpResponse<String> again = refund(intent, 5000, "second");

        assertThat(again.statusCode()).isEqualTo(200);
    }

    @Test
    void answersTheSameRefundForTheSameIdempotencyKeyAndParameters() throws Exception {
        String intent = paidIntent(5000, null);
        HttpResponse<String> first = refund(intent, 2000, "hearth-refund-1");

        HttpResponse<String> second = refund(intent, 2000, "hearth-refund-1");

        assertThat(object(second).get("id").getAsString()).isEqualTo(object(first).get("id").getAsString());
        assertThat(second.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(charge(intent).get("amount_refunded").getAsLong()).isEqualTo(2000);
    }

    @Test
    void refusesAnIdempotencyKeyUsedAgainWithOtherParameters() throws Exception {
        String intent = paidIntent(5000, null);
        refund(intent, 2000, "hearth-refund-1");

        HttpResponse<String> other = refund(intent, 2500, "hearth-refund-1");

        assertThat(other.statusCode()).isEqualTo(400);
        assertThat(object(other).getAsJsonObject("error").get("type").getAsString()).isEqualTo("idempotency_error");
        assertThat(charge(intent).get("amount_refunded").getAsLong()).isEqualTo(2000);
    }

    @Test
    void keepsTheCheckoutSessionsApplicationFeeOnThePaymentIntentAndCharge() throws Exception {
        String intent = paidIntent(5000, 150L);

        JsonObject read = object(api("GET", "/v1/payment_intents/" + intent, account, null, Map.of()));

        assertThat(read.get("application_fee_amount").getAsLong()).isEqualTo(150);
        assertThat(charge(intent).get("application_fee_amount").getAsLong()).isEqualTo(150);
    }

    @Test
    void keepsTheApplicationFeePercentOnTheSubscriptionAndTakesItFromEachInvoice() throws Exception {
        String subscription = paidSubscription("2.5");

        JsonObject read = object(api("GET", "/v1/subscriptions/" + subscription, account, null, Map.of()));
        JsonObject invoice = object(api("GET", "/v1/invoices/" + read.get("latest_invoice").getAsString(), account, null, Map.of()));

        assertThat(read.get("application_fee_percent").getAsDouble()).isEqualTo(2.5);
        assertThat(invoice.get("application_fee_amount").getAsLong()).as("2.5% of 3000").isEqualTo(75);
    }

    @Test
    void expiringASessionOverTheApiSendsASignedCheckoutSessionExpired() throws Exception {
        String session = session(Map.of("mode", "payment"), 5000);

        HttpResponse<String> answer = api("POST", "/v1/checkout/sessions/" + session + "/expire", account, "hearth-expire-1", Map.of());

        assertThat(object(answer).get("status").getAsString()).isEqualTo("expired");
        Webhook expired = nextWebhook("checkout.session.expired");
        assertThat(expired.event().get("account").getAsString()).isEqualTo(account);
        assertThat(expired.event().getAsJsonObject("data").getAsJsonObject("object").get("id").getAsString()).isEqualTo(session);
        assertSigned(expired);
    }

    @Test
    void logsEachRequestWithItsHeadersFormAndStatus() throws Exception {
        String intent = paidIntent(5000, null);
        stripe.clearRequestLog();
        refund(intent, 9000, "hearth-refund-too-much");

        HttpResponse<String> log = send("GET", "/_test/log", null, null, Map.of());

        assertThat(log.statusCode()).isEqualTo(200);
        JsonArray entries = JsonParser.parseString(log.body()).getAsJsonArray();
        assertThat(entries).hasSize(1);
        JsonObject entry = entries.get(0).getAsJsonObject();
        assertThat(entry.get("method").getAsString()).isEqualTo("POST");
        assertThat(entry.get("path").getAsString()).isEqualTo("/v1/refunds");
        assertThat(entry.get("stripeAccount").getAsString()).isEqualTo(account);
        assertThat(entry.get("idempotencyKey").getAsString()).isEqualTo("hearth-refund-too-much");
        assertThat(entry.getAsJsonObject("form").get("amount").getAsString()).isEqualTo("9000");
        assertThat(entry.get("status").getAsInt()).isEqualTo(400);
        assertThat(entry.get("at").getAsString()).isNotBlank();
        assertThat(entry.get("query").isJsonNull()).isTrue();
    }

    @Test
    void logsTheTestPathsAndUnknownPathsButNotItsOwnReads() throws Exception {
        send("POST", "/_test/subscriptions/sub_unknown/fail_next_payment", null, null, Map.of());
        send("GET", "/v2/core/events", null, null, Map.of());
        send("GET", "/_test/log", null, null, Map.of());

        assertThat(stripe.requestLog()).extracting(StripeStandIn.LoggedRequest::path, StripeStandIn.LoggedRequest::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("/_test/subscriptions/sub_unknown/fail_next_payment", 404),
                        org.assertj.core.groups.Tuple.tuple("/v2/core/events", 404));
    }

    @Test
    void marksAReplayedIdempotentRequestInTheLog() throws Exception {
        String intent = paidIntent(5000, null);
        refund(intent, 2000, "hearth-refund-1");
        stripe.clearRequestLog();

        refund(intent, 2000, "hearth-refund-1");

        assertThat(stripe.requestLog()).singleElement().satisfies(entry -> assertThat(entry.replayed()).isTrue());
    }

    @Test
    void deleteEmptiesTheLog() throws Exception {
        send("GET", "/v1/accounts/" + account, null, null, Map.of());

        HttpResponse<String> deleted = send("DELETE", "/_test/log", null, null, Map.of());

        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(send("GET", "/_test/log", null, null, Map.of()).body()).isEqualTo("[]");
    }

    @Test
    void keepsOnlyTheLatestRequestsInTheLog() throws Exception {
        try (StripeStandIn small = StripeStandIn.start(0, 3)) {
            for (int i = 0; i < 5; i++) {
                http.send(HttpRequest.newBuilder(URI.create(small.baseUrl() + "/nowhere/" + i)).build(), HttpResponse.BodyHandlers.discarding());
            }

            assertThat(small.requestLog()).extracting(StripeStandIn.LoggedRequest::path).containsExactly("/nowhere/2", "/nowhere/3", "/nowhere/4");
        }
    }

    /** A Checkout session on the account, paid; its payment intent. */
    private String paidIntent(long amount, Long applicationFee) throws Exception {
        Map<String, String> form = new LinkedHashMap<>(Map.of("mode", "payment"));
        if (applicationFee != null) {
            form.put("payment_intent_data[application_fee_amount]", applicationFee.toString());
        }
        return stripe.pay(session(form, amount)).get("payment_intent").getAsString();
    }

    /** A monthly instalment plan of 30.00 a month, its first instalment paid; its subscription. */
    private String paidSubscription(String feePercent) throws Exception {
        String session = session(Map.of("mode", "subscription", "line_items[0][price_data][recurring][interval]", "month",
                "subscription_data[application_fee_percent]", feePercent, "subscription_data[metadata][hearth_payment]", "p-1"), 3000);
        String subscription = stripe.pay(session).get("subscription").getAsString();
        webhooks.clear();
        return subscription;
    }

    private String session(Map<String, String> extra, long amount) throws Exception {
        Map<String, String> form = new LinkedHashMap<>(extra);
        form.put("line_items[0][price_data][currency]", "gbp");
        form.put("line_items[0][price_data][unit_amount]", Long.toString(amount));
        form.put("line_items[0][price_data][product_data][name]", "Retreat");
        form.put("line_items[0][quantity]", "1");
        form.put("success_url", "http://demo.localhost/ok");
        form.put("cancel_url", "http://demo.localhost/cancel");
        HttpResponse<String> created = api("POST", "/v1/checkout/sessions", account, null, form);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        return object(created).get("id").getAsString();
    }

    private HttpResponse<String> refund(String intent, long amount, String idempotencyKey) throws Exception {
        return api("POST", "/v1/refunds", account, idempotencyKey, Map.of("payment_intent", intent, "amount", Long.toString(amount)));
    }

    private JsonObject charge(String intent) throws Exception {
        String charge = object(api("GET", "/v1/payment_intents/" + intent, account, null, Map.of())).get("latest_charge").getAsString();
        return object(api("GET", "/v1/charges/" + charge, account, null, Map.of()));
    }

    private Webhook nextWebhook(String type) throws InterruptedException {
        for (Webhook webhook = webhooks.poll(10, TimeUnit.SECONDS); webhook != null; webhook = webhooks.poll(10, TimeUnit.SECONDS)) {
            if (webhook.event().get("type").getAsString().equals(type)) {
                return webhook;
            }
        }
        throw new AssertionError("no " + type + " webhook");
    }

    private static void assertSigned(Webhook webhook) {
        long timestamp = Long.parseLong(webhook.signature().substring(2, webhook.signature().indexOf(',')));
        assertThat(webhook.signature()).isEqualTo(StripeStandIn.signature(webhook.payload(), timestamp, StripeStandIn.WEBHOOK_SECRET));
    }

    /** A call with the secret key, as Hearth's Stripe client makes it. */
    private HttpResponse<String> api(String method, String path, String stripeAccount, String idempotencyKey, Map<String, String> form) throws Exception {
        return send(method, path, stripeAccount, idempotencyKey, form, true);
    }

    private HttpResponse<String> send(String method, String path, String stripeAccount, String idempotencyKey, Map<String, String> form) throws Exception {
        return send(method, path, stripeAccount, idempotencyKey, form, false);
    }

    private HttpResponse<String> send(String method, String path, String stripeAccount, String idempotencyKey, Map<String, String> form,
                                      boolean withKey) throws Exception {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stripe.baseUrl() + path)).timeout(Duration.ofSeconds(30))
                .method(method, method.equals("POST") ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody())
                .header("Content-Type", "application/x-www-form-urlencoded");
        if (withKey) {
            request.header("Authorization", "Bearer " + StripeStandIn.SECRET_KEY);
        }
        if (stripeAccount != null) {
            request.header("Stripe-Account", stripeAccount);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject object(HttpResponse<String> response) {
        return JsonParser.parseString(response.body()).getAsJsonObject();
    }
}
