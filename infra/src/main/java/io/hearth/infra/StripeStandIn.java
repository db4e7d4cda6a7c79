package io.hearth.infra;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local stand-in for Stripe: it speaks the part of Stripe's API Hearth calls (form-encoded requests, bearer
 * secret key, {@code Stripe-Account} for calls on a connected account, {@code Idempotency-Key} replayed as Stripe
 * does), answering with Stripe's own example objects ({@code stripe/fixtures.json}) filled in from each request.
 * It keeps state, so re-reading an object gives what the last change made of it, and objects of one connected
 * account are not found on another or on the platform's own account.
 *
 * <p>It also stands in for Stripe's hosted pages: {@code /connect/{account}} finishes an account's onboarding and
 * {@code /checkout/{session}} pays (or leaves) a Checkout session. Each change sends Hearth the webhook Stripe would
 * ({@code account.updated}, {@code checkout.session.completed}, {@code charge.refunded}, ...), signed with the
 * webhook secret as Stripe signs it. Tests read what was asked of it with {@link #requests()}.
 *
 * <p>What is not Stripe's sits under {@code /_test/}, without the secret key, for tests and demos from outside (curl):
 * {@code POST /_test/subscriptions/{id}/fail_next_payment} (or {@code pay_next_payment}) charges the subscription's
 * next instalment as {@link #chargeInstalment} does, and {@code GET /_test/log} lists the last {@value #LOG_CAPACITY}
 * requests it received ({@code DELETE} empties it; {@link #requestLog()} in Java).
 */
public final class StripeStandIn implements AutoCloseable {

    public static final String SECRET_KEY = "sk_test_hearth_stand_in";
    public static final String WEBHOOK_SECRET = "whsec_hearth_stand_in";
    public static final String API_VERSION = "2026-07-29.dahlia";

    private static final Logger LOG = LoggerFactory.getLogger(StripeStandIn.class);
    private static final Gson GSON = new Gson();
    /** The log's entries keep every field, null or not, so that each has the same shape. */
    private static final Gson LOG_JSON = new com.google.gson.GsonBuilder().serializeNulls().create();
    private static final Pattern ACCOUNT = Pattern.compile("/v1/accounts/(acct_[A-Za-z0-9]+)");
    private static final Pattern SESSION = Pattern.compile("/v1/checkout/sessions/(cs_[A-Za-z0-9_]+)(/expire)?");
    private static final Pattern PAYMENT_INTENT = Pattern.compile("/v1/payment_intents/(pi_[A-Za-z0-9]+)");
    private static final Pattern CHARGE = Pattern.compile("/v1/charges/(ch_[A-Za-z0-9]+)");
    private static final Pattern REFUND = Pattern.compile("/v1/refunds/(re_[A-Za-z0-9_]+)");
    private static final Pattern SUBSCRIPTION = Pattern.compile("/v1/subscriptions/(sub_[A-Za-z0-9]+)");
    private static final Pattern INVOICE = Pattern.compile("/v1/invoices/(in_[A-Za-z0-9]+)");
    private static final Pattern INVOICE_PAY = Pattern.compile("/v1/invoices/(in_[A-Za-z0-9]+)/pay");
    private static final Pattern PAGE = Pattern.compile("/(connect|checkout|portal|receipt)/([A-Za-z0-9_]+)(/pay|/cancel|/finish)?");
    private static final Pattern NEXT_PAYMENT = Pattern.compile("/_test/subscriptions/(sub_[A-Za-z0-9]+)/(fail|pay)_next_payment");
    private static final String LOG_PATH = "/_test/log";
    static final int LOG_CAPACITY = 1_000;

    /** One request Hearth made, as Stripe would have received it. */
    public record Request(String method, String path, String stripeAccount, String idempotencyKey, String stripeVersion,
                          Map<String, String> form) {
    }

    /** One webhook delivery and what Hearth answered. */
    public record Delivery(String eventId, String type, String account, int status, String answer) {
    }

    /** One request the stand-in received (any path but the log's own) and the status it answered. */
    public record LoggedRequest(Instant at, String method, String path, String query, String stripeAccount, String idempotencyKey,
                                Map<String, String> form, int status, boolean replayed) {
    }

    private record Stored(int status, String body, String path) {
    }

    /** What a POST with an idempotency key answered, and the parameters it came with: Stripe replays only the same request. */
    private record Replay(Stored answer, Map<String, String> form) {
    }

    private final HttpServer http;
    private final JsonObject fixtures;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final SecureRandom random = new SecureRandom();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final Map<String, JsonObject> accounts = new ConcurrentHashMap<>();
    private final Map<String, JsonObject> sessions = new ConcurrentHashMap<>();
    private final Map<String, JsonObject> paymentIntents = new ConcurrentHashMap<>();
    private final Map<String, Replay> idempotent = new ConcurrentHashMap<>();
    private final Map<String, JsonObject> refunds = new ConcurrentHashMap<>();
    private final Map<String, JsonObject> subscriptions = new ConcurrentHashMap<>();
    private final Map<String, JsonObject> invoices = new ConcurrentHashMap<>();
    private final Map<String, JsonObject> prices = new ConcurrentHashMap<>();
    private final Deque<LoggedRequest> received = new ArrayDeque<>();
    private final java.util.concurrent.ExecutorService later = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "stripe-stand-in-webhooks");
        thread.setDaemon(true);
        return thread;
    });
    private final int logCapacity;
    private volatile String webhookUrl;
    private volatile boolean declineRetries;
    private volatile boolean outage;

    private StripeStandIn(HttpServer http, JsonObject fixtures, int logCapacity) {
        this.http = http;
        this.fixtures = fixtures;
        this.logCapacity = logCapacity;
    }

    public static StripeStandIn start(int port) {
        return start(port, LOG_CAPACITY);
    }

    static StripeStandIn start(int port, int logCapacity) {
        try (InputStream in = StripeStandIn.class.getResourceAsStream("/stripe/fixtures.json")) {
            JsonObject fixtures = JsonParser.parseReader(new InputStreamReader(Objects.requireNonNull(in, "stripe/fixtures.json"),
                    StandardCharsets.UTF_8)).getAsJsonObject().getAsJsonObject("resources");
            HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            http.setExecutor(Executors.newFixedThreadPool(8, runnable -> {
                Thread thread = new Thread(runnable, "stripe-stand-in");
                thread.setDaemon(true);
                return thread;
            }));
            StripeStandIn standIn = new StripeStandIn(http, fixtures, logCapacity);
            Filter logged = standIn.logging();
            http.createContext("/v1/", standIn::api).getFilters().add(logged);
            http.createContext("/connect/", standIn::page).getFilters().add(logged);
            http.createContext("/checkout/", standIn::page).getFilters().add(logged);
            http.createContext("/portal/", standIn::page).getFilters().add(logged);
            http.createContext("/receipt/", standIn::page).getFilters().add(logged);
            http.createContext("/_test/", standIn::testHelper).getFilters().add(logged);
            http.createContext("/", standIn::unknown).getFilters().add(logged);
            http.createContext(LOG_PATH, standIn::log);
            http.start();
            return standIn;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the Stripe stand-in", e);
        }
    }

    /** The address to configure as Stripe's API base. */
    public String baseUrl() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    /** Where webhooks go: Hearth's Connect endpoint on the platform's own host. */
    public void deliverTo(String url) {
        this.webhookUrl = url;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /** Where the request log is served: {@code GET} lists it as JSON, oldest first; {@code DELETE} empties it. */
    public String requestLogUrl() {
        return baseUrl() + LOG_PATH;
    }

    /** The last {@value #LOG_CAPACITY} requests received, on any path (the API, the hosted pages, {@code /_test/}), oldest first. */
    public List<LoggedRequest> requestLog() {
        synchronized (received) {
            // Each is written when answered; by arrival, a call that waited for its webhook comes before the calls that webhook made.
            return received.stream().sorted(java.util.Comparator.comparing(LoggedRequest::at)).toList();
        }
    }

    public void clearRequestLog() {
        synchronized (received) {
            received.clear();
        }
    }

    /** The connected account as Stripe holds it now. */
    public JsonObject account(String id) {
        return accounts.get(id).deepCopy();
    }

    public JsonObject session(String id) {
        return sessions.get(id).deepCopy();
    }

    /** Finishes the account's onboarding: charges and payouts enabled, nothing due; sends {@code account.updated}. */
    public void finishOnboarding(String accountId) {
        JsonObject event;
        synchronized (this) {
            JsonObject account = accounts.get(accountId);
            account.addProperty("charges_enabled", true);
            account.addProperty("payouts_enabled", true);
            account.addProperty("details_submitted", true);
            JsonObject requirements = account.getAsJsonObject("requirements");
            requirements.add("currently_due", GSON.toJsonTree(List.of()));
            requirements.add("eventually_due", GSON.toJsonTree(List.of()));
            requirements.add("disabled_reason", JsonNull.INSTANCE);
            event = event("account.updated", accountId, account);
        }
        deliver(event);
    }

    /** Stripe restricts the account (e.g. {@code requirements.past_due}); sends {@code account.updated}. */
    public void restrict(String accountId, String reason) {
        JsonObject event;
        synchronized (this) {
            JsonObject account = accounts.get(accountId);
            account.addProperty("charges_enabled", false);
            account.getAsJsonObject("requirements").addProperty("disabled_reason", reason);
            event = event("account.updated", accountId, account);
        }
        deliver(event);
    }

    /** The man pays on the Checkout page: the session completes and {@code checkout.session.completed} is sent. */
    public JsonObject pay(String sessionId) {
        JsonObject session;
        JsonObject invoice = null;
        synchronized (this) {
            session = sessions.get(sessionId);
            if (!"open".equals(session.get("status").getAsString())) {
                throw new IllegalStateException("session " + sessionId + " is " + session.get("status").getAsString());
            }
            String account = session.get("stripe_account").getAsString();
            long amount = session.get("amount_total").getAsLong();
            Long fee = null;
            if (session.has("stand_in_application_fee_amount")) {
                fee = session.get("stand_in_application_fee_amount").getAsLong();
            } else if (session.has("stand_in_application_fee_percent")) {
                fee = fee(amount, session.get("stand_in_application_fee_percent").getAsBigDecimal());
            }
            String intentId = intent(account, amount, session.get("currency").getAsString(), session.getAsJsonObject("metadata"), fee);
            session.addProperty("status", "complete");
            session.addProperty("payment_status", "paid");
            if ("subscription".equals(session.get("mode").getAsString())) {
                JsonObject subscription = fixture("subscription");
                String subscriptionId = id("sub_");
                subscription.addProperty("id", subscriptionId);
                subscription.addProperty("status", "active");
                subscription.addProperty("created", Instant.now().getEpochSecond());
                subscription.addProperty("billing_cycle_anchor", Instant.now().getEpochSecond());
                subscription.add("cancel_at", JsonNull.INSTANCE);
                subscription.add("canceled_at", JsonNull.INSTANCE);
                subscription.add("ended_at", JsonNull.INSTANCE);
                subscription.addProperty("currency", session.get("currency").getAsString());
                subscription.add("metadata", session.get("stand_in_subscription_metadata").deepCopy());
                subscription.addProperty("stripe_account", account);
                subscription.addProperty("stand_in_recurring", session.get("stand_in_recurring").getAsLong());
                subscription.addProperty("customer", id("cus_"));
                if (session.has("stand_in_application_fee_percent")) {
                    subscription.addProperty("application_fee_percent", session.get("stand_in_application_fee_percent").getAsBigDecimal().doubleValue());
                } else {
                    subscription.add("application_fee_percent", JsonNull.INSTANCE);
                }
                subscriptions.put(subscriptionId, subscription);
                invoice = invoice(subscription, session.get("amount_total").getAsLong(), "subscription_create", intentId);
                session.addProperty("subscription", subscriptionId);
                session.add("payment_intent", JsonNull.INSTANCE);
            } else {
                session.addProperty("payment_intent", intentId);
            }
        }
        deliver(event("checkout.session.completed", session.get("stripe_account").getAsString(), publicView(session)));
        if (invoice != null) {
            deliver(event("invoice.paid", session.get("stripe_account").getAsString(), invoice));
        }
        return session.deepCopy();
    }

    /** The next month's instalment of the subscription: paid ({@code invoice.paid}) or failed ({@code invoice.payment_failed}). */
    public JsonObject chargeInstalment(String subscriptionId, boolean succeeds) {
        JsonObject invoice;
        String account;
        synchronized (this) {
            JsonObject subscription = subscriptions.get(subscriptionId);
            account = subscription.get("stripe_account").getAsString();
            long amount = subscription.get("stand_in_recurring").getAsLong();
            String intentId = succeeds ? intent(account, amount, subscription.get("currency").getAsString(), subscription.getAsJsonObject("metadata"),
                    fee(subscription, amount)) : null;
            invoice = invoice(subscription, amount, "subscription_cycle", intentId);
        }
        deliver(event(succeeds ? "invoice.paid" : "invoice.payment_failed", account, invoice));
        return invoice.deepCopy();
    }

    /** Whether asking Stripe to take a failed invoice again is declined (the card still does not work). */
    public void declineRetries(boolean decline) {
        this.declineRetries = decline;
    }

    /** While on, Stripe's API answers every call 500 {@code api_error}, as in an outage at Stripe (its hosted pages stay up). */
    public void outage(boolean down) {
        this.outage = down;
    }

    /** His bank disputes the payment: {@code charge.dispute.created}. */
    public void dispute(String paymentIntentId, String reason) {
        JsonObject event;
        synchronized (this) {
            JsonObject intent = paymentIntents.get(paymentIntentId);
            JsonObject dispute = fixture("dispute");
            dispute.addProperty("id", id("dp_"));
            dispute.addProperty("amount", intent.get("amount_received").getAsLong());
            dispute.addProperty("currency", intent.get("currency").getAsString());
            dispute.addProperty("charge", intent.get("latest_charge").getAsString());
            dispute.addProperty("payment_intent", paymentIntentId);
            dispute.addProperty("reason", reason);
            dispute.addProperty("status", "needs_response");
            dispute.addProperty("created", Instant.now().getEpochSecond());
            dispute.addProperty("livemode", false);
            event = event("charge.dispute.created", intent.get("stripe_account").getAsString(), dispute);
        }
        deliver(event);
    }

    /** Stripe gives up on the subscription (or it is cancelled): {@code customer.subscription.deleted}. */
    public void endSubscription(String subscriptionId) {
        JsonObject event;
        synchronized (this) {
            JsonObject subscription = subscriptions.get(subscriptionId);
            subscription.addProperty("status", "canceled");
            subscription.addProperty("ended_at", Instant.now().getEpochSecond());
            event = event("customer.subscription.deleted", subscription.get("stripe_account").getAsString(), subscription);
        }
        deliver(event);
    }

    public JsonObject subscription(String id) {
        return subscriptions.get(id).deepCopy();
    }

    public JsonObject invoice(String id) {
        return invoices.get(id).deepCopy();
    }

    /** The man pays on the Checkout page, but Stripe's events are held back: for tests that deliver them in another order. */
    public JsonObject payWithoutWebhooks(String sessionId) {
        return withoutWebhooks(() -> pay(sessionId));
    }

    /** Does the work with Stripe's events about it held back (recorded as not delivered): tests then deliver them as they choose. */
    public <T> T withoutWebhooks(java.util.function.Supplier<T> work) {
        String target = webhookUrl;
        webhookUrl = null;
        try {
            return work.get();
        } finally {
            webhookUrl = target;
        }
    }

    private String intent(String account, long amount, String currency, JsonObject metadata, Long applicationFee) {
        String intentId = id("pi_");
        JsonObject intent = fixture("payment_intent");
        intent.addProperty("id", intentId);
        intent.addProperty("amount", amount);
        intent.addProperty("amount_received", amount);
        intent.addProperty("currency", currency);
        if (applicationFee == null) {
            intent.add("application_fee_amount", JsonNull.INSTANCE);
        } else {
            intent.addProperty("application_fee_amount", applicationFee);
        }
        intent.addProperty("status", "succeeded");
        intent.addProperty("latest_charge", id("ch_"));
        intent.add("metadata", metadata.deepCopy());
        intent.addProperty("stripe_account", account);
        paymentIntents.put(intentId, intent);
        return intentId;
    }

    /** The platform's fee on an invoice of the subscription: its {@code application_fee_percent} of the amount, as Stripe takes it. */
    private static Long fee(JsonObject subscription, long amount) {
        JsonElement percent = subscription.get("application_fee_percent");
        return percent == null || percent.isJsonNull() ? null : fee(amount, percent.getAsBigDecimal());
    }

    private static long fee(long amount, BigDecimal percent) {
        return BigDecimal.valueOf(amount).multiply(percent).divide(BigDecimal.valueOf(100), 0, RoundingMode.HALF_UP).longValueExact();
    }

    /** An invoice of the subscription: paid by the intent, or (no intent) open after a failed first attempt. */
    private JsonObject invoice(JsonObject subscription, long amount, String reason, String intentId) {
        JsonObject invoice = fixture("invoice");
        String id = id("in_");
        invoice.addProperty("id", id);
        invoice.addProperty("billing_reason", reason);
        invoice.addProperty("currency", subscription.get("currency").getAsString());
        invoice.addProperty("amount_due", amount);
        invoice.addProperty("amount_paid", intentId == null ? 0 : amount);
        invoice.addProperty("amount_remaining", intentId == null ? amount : 0);
        invoice.addProperty("status", intentId == null ? "open" : "paid");
        Long fee = fee(subscription, amount);
        if (fee == null) {
            invoice.add("application_fee_amount", JsonNull.INSTANCE);
        } else {
            invoice.addProperty("application_fee_amount", fee);
        }
        invoice.addProperty("attempt_count", 1);
        invoice.addProperty("attempted", true);
        invoice.addProperty("created", Instant.now().getEpochSecond());
        if (intentId == null) {
            invoice.addProperty("next_payment_attempt", Instant.now().plus(Duration.ofDays(3)).getEpochSecond());
        } else {
            invoice.add("next_payment_attempt", JsonNull.INSTANCE);
        }
        JsonObject details = new JsonObject();
        details.addProperty("subscription", subscription.get("id").getAsString());
        details.add("metadata", subscription.get("metadata").deepCopy());
        JsonObject parent = new JsonObject();
        parent.addProperty("type", "subscription_details");
        parent.add("subscription_details", details);
        parent.add("quote_details", JsonNull.INSTANCE);
        invoice.add("parent", parent);
        invoice.remove("subscription");
        invoice.addProperty("stripe_account", subscription.get("stripe_account").getAsString());
        if (intentId != null) {
            invoice.addProperty("stand_in_payment_intent", intentId);
        }
        invoices.put(id, invoice);
        subscription.addProperty("latest_invoice", id);
        return invoice;
    }

    /** The id of the refund Stripe made for this idempotency key. */
    public String refundIdFor(String idempotencyKey) {
        return idempotent.entrySet().stream().filter(e -> e.getKey().endsWith(":" + idempotencyKey)).map(e -> JsonParser.parseString(e.getValue().answer().body())
                .getAsJsonObject().get("id").getAsString()).findFirst().orElseThrow(() -> new IllegalStateException("no refund for " + idempotencyKey));
    }

    /** Stripe could not carry out the refund after all: it fails and {@code refund.updated} is sent. */
    public void failRefund(String refundId, String reason) {
        JsonObject event;
        synchronized (this) {
            JsonObject refund = refunds.get(refundId);
            if (!"failed".equals(refund.get("status").getAsString())) {
                // As Stripe: the money of a failed refund is the charge's again, and can be refunded anew.
                JsonObject intent = paymentIntents.get(refund.get("payment_intent").getAsString());
                intent.addProperty("stand_in_refunded", intent.get("stand_in_refunded").getAsLong() - refund.get("amount").getAsLong());
            }
            refund.addProperty("status", "failed");
            refund.addProperty("failure_reason", reason);
            event = event("refund.updated", refund.get("stripe_account").getAsString(), refund);
        }
        deliver(event);
    }

    /** The session runs out unpaid: {@code checkout.session.expired} is sent. */
    public JsonObject expire(String sessionId) {
        JsonObject session;
        synchronized (this) {
            session = sessions.get(sessionId);
            if ("open".equals(session.get("status").getAsString())) {
                session.addProperty("status", "expired");
            }
        }
        deliver(event("checkout.session.expired", session.get("stripe_account").getAsString(), publicView(session)));
        return session.deepCopy();
    }

    /** A Stripe event as Stripe sends it, for the given connected account ({@code null}: the platform's own). */
    public JsonObject event(String type, String account, JsonObject object) {
        JsonObject event = fixture("event");
        event.addProperty("id", id("evt_"));
        event.addProperty("type", type);
        event.addProperty("created", Instant.now().getEpochSecond());
        event.addProperty("api_version", API_VERSION);
        event.addProperty("livemode", false);
        if (account != null) {
            event.addProperty("account", account);
        }
        JsonObject data = new JsonObject();
        data.add("object", publicView(object));
        event.add("data", data);
        return event;
    }

    /** Posts the event to Hearth, signed now; returns Hearth's status (0 when it could not be reached). */
    public int deliver(JsonObject event) {
        String payload = GSON.toJson(event);
        return deliver(event, payload, signature(payload, Instant.now().getEpochSecond(), WEBHOOK_SECRET));
    }

    /** Posts the payload with the given {@code Stripe-Signature} header: for tests of bad and stale signatures. */
    public int deliver(JsonObject event, String payload, String signatureHeader) {
        int status = 0;
        String answer = "";
        if (webhookUrl == null) {
            LOG.warn("Stripe stand-in: no webhook address set, {} not delivered", event.get("type"));
        } else {
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(webhookUrl)).timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json; charset=utf-8").header("Stripe-Signature", signatureHeader)
                        .header("User-Agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)")
                        .POST(HttpRequest.BodyPublishers.ofString(payload)).build(), HttpResponse.BodyHandlers.ofString());
                status = response.statusCode();
                answer = response.body();
                if (status >= 300) {
                    LOG.warn("Stripe stand-in: webhook {} {} answered {}: {}", event.get("type"), event.get("id"), status, response.body());
                }
            } catch (IOException e) {
                LOG.warn("Stripe stand-in: webhook {} not delivered: {}", event.get("type"), e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String account = event.has("account") && !event.get("account").isJsonNull() ? event.get("account").getAsString() : null;
        deliveries.add(new Delivery(event.get("id").getAsString(), event.get("type").getAsString(), account, status, answer));
        return status;
    }

    /** Stripe's {@code Stripe-Signature}: {@code t=<seconds>,v1=<HMAC-SHA256 of "t.payload" with the secret>}. */
    public static String signature(String payload, long timestamp, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestamp + "." + payload).getBytes(StandardCharsets.UTF_8));
            return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void api(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            String account = exchange.getRequestHeaders().getFirst("Stripe-Account");
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> form = form(method.equals("GET") ? exchange.getRequestURI().getRawQuery() : body);
            requests.add(new Request(method, path, account, key, exchange.getRequestHeaders().getFirst("Stripe-Version"), form));
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization == null || !authorization.equals("Bearer " + SECRET_KEY)) {
                respond(exchange, 401, error("invalid_request_error", null, "Invalid API Key provided"));
                return;
            }
            if (outage) {
                respond(exchange, 500, error("api_error", null, "An error occurred with our connection to Stripe (the stand-in's outage)"));
                return;
            }
            Stored answer;
            if (method.equals("POST") && key != null) {
                String scope = (account == null ? "platform" : account) + ":" + key;
                synchronized (this) {
                    Replay earlier = idempotent.get(scope);
                    if (earlier != null) {
                        if (!earlier.answer().path().equals(path)) {
                            answer = new Stored(400, error("idempotency_error", null,
                                    "Keys for idempotent requests can only be used for the same endpoint they were first used for"), path);
                        } else if (!earlier.form().equals(form)) {
                            answer = new Stored(400, error("idempotency_error", null, "Keys for idempotent requests can only be used with the same "
                                    + "parameters they were first used with. Try using a key other than '" + key + "' if you meant to execute a different request."), path);
                        } else {
                            exchange.getResponseHeaders().add("Idempotent-Replayed", "true");
                            answer = earlier.answer();
                        }
                    } else {
                        answer = handle(method, path, account, form);
                        if (answer.status() < 500) {
                            idempotent.put(scope, new Replay(answer, Map.copyOf(form)));
                        }
                    }
                }
            } else {
                synchronized (this) {
                    answer = handle(method, path, account, form);
                }
            }
            exchange.getResponseHeaders().add("Request-Id", id("req_"));
            respond(exchange, answer.status(), answer.body());
        } catch (RuntimeException e) {
            LOG.error("Stripe stand-in failed", e);
            respond(exchange, 500, error("api_error", null, e.toString()));
        }
    }

    private Stored handle(String method, String path, String account, Map<String, String> form) {
        Matcher matcher;
        if (method.equals("POST") && path.equals("/v1/accounts") && account == null) {
            return ok(path, createAccount(form));
        }
        if (method.equals("GET") && (matcher = ACCOUNT.matcher(path)).matches()) {
            JsonObject found = accounts.get(matcher.group(1));
            return found == null ? missing(path, "account", matcher.group(1)) : ok(path, found);
        }
        if (method.equals("POST") && path.equals("/v1/account_links") && account == null) {
            String id = form.get("account");
            if (id == null || !accounts.containsKey(id)) {
                return missing(path, "account", id);
            }
            JsonObject link = fixture("account_link");
            link.addProperty("created", Instant.now().getEpochSecond());
            link.addProperty("expires_at", Instant.now().plus(Duration.ofMinutes(5)).getEpochSecond());
            link.addProperty("url", baseUrl() + "/connect/" + id + "?return_url=" + encode(form.get("return_url"))
                    + "&refresh_url=" + encode(form.get("refresh_url")));
            return ok(path, link);
        }
        if (method.equals("POST") && path.equals("/v1/prices") && account != null) {
            JsonObject price = new JsonObject();
            price.addProperty("id", id("price_"));
            price.addProperty("object", "price");
            price.addProperty("active", true);
            price.addProperty("currency", form.getOrDefault("currency", "gbp"));
            price.addProperty("unit_amount", Long.parseLong(form.getOrDefault("unit_amount", "0")));
            price.addProperty("type", form.containsKey("recurring[interval]") ? "recurring" : "one_time");
            JsonObject recurring = new JsonObject();
            recurring.addProperty("interval", form.getOrDefault("recurring[interval]", "month"));
            recurring.addProperty("interval_count", Long.parseLong(form.getOrDefault("recurring[interval_count]", "1")));
            price.add("recurring", recurring);
            price.addProperty("product", id("prod_"));
            price.addProperty("nickname", form.get("product_data[name]"));
            price.addProperty("livemode", false);
            price.addProperty("created", Instant.now().getEpochSecond());
            price.addProperty("stripe_account", account);
            prices.put(price.get("id").getAsString(), price);
            return ok(path, price);
        }
        if (method.equals("POST") && path.equals("/v1/billing_portal/sessions") && account != null) {
            JsonObject portal = new JsonObject();
            portal.addProperty("id", id("bps_"));
            portal.addProperty("object", "billing_portal.session");
            portal.addProperty("customer", form.get("customer"));
            portal.addProperty("return_url", form.get("return_url"));
            portal.addProperty("url", baseUrl() + "/portal/" + form.get("customer") + "?return_url=" + encode(form.get("return_url")));
            portal.addProperty("livemode", false);
            portal.addProperty("created", Instant.now().getEpochSecond());
            return ok(path, portal);
        }
        if (method.equals("POST") && path.equals("/v1/checkout/sessions")) {
            if (account == null || !accounts.containsKey(account)) {
                return new Stored(400, error("invalid_request_error", "stripe_account",
                        "Hearth's stand-in only takes Checkout sessions on a connected account (Stripe-Account header)"), path);
            }
            if (!accounts.get(account).get("charges_enabled").getAsBoolean()) {
                return new Stored(400, error("invalid_request_error", null, "This account cannot currently make live charges."), path);
            }
            return ok(path, createSession(account, form));
        }
        if ((matcher = SESSION.matcher(path)).matches()) {
            JsonObject session = sessions.get(matcher.group(1));
            if (session == null || !Objects.equals(account, session.get("stripe_account").getAsString())) {
                return missing(path, "checkout.session", matcher.group(1));
            }
            if (method.equals("POST") && matcher.group(2) != null) {
                if (!"open".equals(session.get("status").getAsString())) {
                    return new Stored(400, error("invalid_request_error", null, "Only Checkout Sessions with a status of `open` can be expired."), path);
                }
                session.addProperty("status", "expired");
                JsonObject expired = event("checkout.session.expired", account, session);
                later.submit(() -> deliver(expired));
            }
            return ok(path, session);
        }
        if (method.equals("GET") && (matcher = PAYMENT_INTENT.matcher(path)).matches()) {
            JsonObject intent = paymentIntents.get(matcher.group(1));
            if (intent == null || !Objects.equals(account, intent.get("stripe_account").getAsString())) {
                return missing(path, "payment_intent", matcher.group(1));
            }
            return ok(path, intent);
        }
        if ((matcher = SUBSCRIPTION.matcher(path)).matches()) {
            JsonObject subscription = subscriptions.get(matcher.group(1));
            if (subscription == null || !Objects.equals(account, subscription.get("stripe_account").getAsString())) {
                return missing(path, "subscription", matcher.group(1));
            }
            if (method.equals("POST") && form.containsKey("application_fee_percent")) {
                subscription.addProperty("application_fee_percent", new BigDecimal(form.get("application_fee_percent")).doubleValue());
            }
            if (method.equals("POST") && form.containsKey("cancel_at")) {
                subscription.addProperty("cancel_at", Long.parseLong(form.get("cancel_at")));
            } else if (method.equals("POST") && form.containsKey("pause_collection[behavior]")) {
                JsonObject pause = new JsonObject();
                pause.addProperty("behavior", form.get("pause_collection[behavior]"));
                pause.add("resumes_at", JsonNull.INSTANCE);
                subscription.add("pause_collection", pause);
            } else if (method.equals("DELETE")) {
                subscription.addProperty("status", "canceled");
                subscription.addProperty("canceled_at", Instant.now().getEpochSecond());
                subscription.addProperty("ended_at", Instant.now().getEpochSecond());
                JsonObject deleted = event("customer.subscription.deleted", account, subscription);
                later.submit(() -> deliver(deleted));
            }
            return ok(path, subscription);
        }
        if (method.equals("POST") && (matcher = INVOICE_PAY.matcher(path)).matches()) {
            JsonObject invoice = invoices.get(matcher.group(1));
            if (invoice == null || !Objects.equals(account, invoice.get("stripe_account").getAsString())) {
                return missing(path, "invoice", matcher.group(1));
            }
            if ("paid".equals(invoice.get("status").getAsString())) {
                return new Stored(400, error("invalid_request_error", null, "Invoice is already paid"), path);
            }
            if (!"true".equals(form.get("paid_out_of_band")) && declineRetries) {
                return new Stored(402, error("card_error", null, "Your card was declined."), path);
            }
            long amount = invoice.get("amount_due").getAsLong();
            if ("true".equals(form.get("paid_out_of_band"))) {
                invoice.addProperty("paid_out_of_band", true);
            } else {
                JsonObject subscription = subscriptions.get(invoice.getAsJsonObject("parent").getAsJsonObject("subscription_details").get("subscription").getAsString());
                invoice.addProperty("stand_in_payment_intent", intent(account, amount, invoice.get("currency").getAsString(), subscription.getAsJsonObject("metadata"),
                        fee(subscription, amount)));
            }
            invoice.addProperty("status", "paid");
            invoice.addProperty("amount_paid", amount);
            invoice.addProperty("amount_remaining", 0);
            invoice.add("next_payment_attempt", JsonNull.INSTANCE);
            JsonObject paid = event("invoice.paid", account, invoice);
            later.submit(() -> deliver(paid));
            return ok(path, invoice);
        }
        if (method.equals("GET") && (matcher = INVOICE.matcher(path)).matches()) {
            JsonObject invoice = invoices.get(matcher.group(1));
            if (invoice == null || !Objects.equals(account, invoice.get("stripe_account").getAsString())) {
                return missing(path, "invoice", matcher.group(1));
            }
            return ok(path, invoice);
        }
        if (method.equals("GET") && path.equals("/v1/invoice_payments")) {
            JsonObject invoice = invoices.get(form.getOrDefault("invoice", ""));
            JsonObject list = new JsonObject();
            list.addProperty("object", "list");
            list.addProperty("has_more", false);
            list.addProperty("url", "/v1/invoice_payments");
            com.google.gson.JsonArray data = new com.google.gson.JsonArray();
            if (invoice != null && Objects.equals(account, invoice.get("stripe_account").getAsString()) && invoice.has("stand_in_payment_intent")) {
                JsonObject payment = fixture("invoice_payment");
                payment.addProperty("id", id("inpay_"));
                payment.addProperty("invoice", invoice.get("id").getAsString());
                payment.addProperty("status", "paid");
                payment.addProperty("amount_paid", invoice.get("amount_paid").getAsLong());
                payment.addProperty("currency", invoice.get("currency").getAsString());
                payment.addProperty("livemode", false);
                JsonObject paidBy = new JsonObject();
                paidBy.addProperty("type", "payment_intent");
                paidBy.addProperty("payment_intent", invoice.get("stand_in_payment_intent").getAsString());
                payment.add("payment", paidBy);
                data.add(payment);
            }
            list.add("data", data);
            return new Stored(200, GSON.toJson(list), path);
        }
        if (method.equals("GET") && (matcher = REFUND.matcher(path)).matches()) {
            JsonObject refund = refunds.get(matcher.group(1));
            if (refund == null || !Objects.equals(account, refund.get("stripe_account").getAsString())) {
                return missing(path, "refund", matcher.group(1));
            }
            return ok(path, refund);
        }
        if (method.equals("GET") && (matcher = CHARGE.matcher(path)).matches()) {
            String chargeId = matcher.group(1);
            JsonObject intent = paymentIntents.values().stream().filter(i -> chargeId.equals(i.get("latest_charge").getAsString())).findFirst().orElse(null);
            if (intent == null || !Objects.equals(account, intent.get("stripe_account").getAsString())) {
                return missing(path, "charge", chargeId);
            }
            return ok(path, charge(intent));
        }
        if (method.equals("POST") && path.equals("/v1/refunds")) {
            JsonObject intent = paymentIntents.get(form.getOrDefault("payment_intent", ""));
            if (intent == null || !Objects.equals(account, intent.get("stripe_account").getAsString())) {
                return missing(path, "payment_intent", form.get("payment_intent"));
            }
            long charged = intent.get("amount_received").getAsLong();
            long unrefunded = charged - (intent.has("stand_in_refunded") ? intent.get("stand_in_refunded").getAsLong() : 0);
            if (unrefunded <= 0) {
                return new Stored(400, error("invalid_request_error", "charge_already_refunded", null,
                        "Charge " + intent.get("latest_charge").getAsString() + " has already been refunded."), path);
            }
            long amount;
            try {
                amount = form.containsKey("amount") ? Long.parseLong(form.get("amount")) : unrefunded;
            } catch (NumberFormatException e) {
                amount = 0;
            }
            if (amount <= 0) {
                return new Stored(400, error("invalid_request_error", "parameter_invalid_integer", "amount", "Invalid positive integer"), path);
            }
            if (amount > unrefunded) {
                // Stripe gives this refusal no code: only its type, param and message.
                String currency = intent.get("currency").getAsString();
                return new Stored(400, error("invalid_request_error", null, "amount", "Refund amount (" + money(amount, currency)
                        + ") is greater than unrefunded amount on charge (" + money(unrefunded, currency) + ")"), path);
            }
            JsonObject refund = fixture("refund");
            refund.addProperty("id", id("re_"));
            refund.addProperty("amount", amount);
            refund.addProperty("currency", intent.get("currency").getAsString());
            refund.addProperty("payment_intent", intent.get("id").getAsString());
            refund.addProperty("charge", intent.get("latest_charge").getAsString());
            refund.addProperty("created", Instant.now().getEpochSecond());
            refund.addProperty("status", "succeeded");
            refund.add("metadata", metadata(form));
            refund.addProperty("stripe_account", account);
            refunds.put(refund.get("id").getAsString(), refund);
            intent.addProperty("stand_in_refunded", charged - unrefunded + amount);
            JsonObject chargeRefunded = event("charge.refunded", account, charge(intent));
            // As Stripe: the webhook comes on its own, maybe before the refund's answer has been acted on.
            later.submit(() -> deliver(chargeRefunded));
            return ok(path, refund);
        }
        return new Stored(404, error("invalid_request_error", null, "Unrecognized request URL (" + method + ": " + path + ")"), path);
    }

    /** The charge of a succeeded payment intent, with what has been refunded of it. */
    private JsonObject charge(JsonObject intent) {
        String chargeId = intent.get("latest_charge").getAsString();
        long refunded = intent.has("stand_in_refunded") ? intent.get("stand_in_refunded").getAsLong() : 0;
        JsonObject charge = fixture("charge");
        charge.addProperty("id", chargeId);
        charge.addProperty("payment_intent", intent.get("id").getAsString());
        charge.addProperty("amount", intent.get("amount_received").getAsLong());
        charge.addProperty("amount_refunded", refunded);
        charge.addProperty("refunded", refunded >= intent.get("amount_received").getAsLong());
        charge.addProperty("currency", intent.get("currency").getAsString());
        charge.add("application_fee_amount", intent.get("application_fee_amount").deepCopy());
        charge.addProperty("receipt_url", baseUrl() + "/receipt/" + chargeId);
        return charge;
    }

    /** An amount as Stripe writes it in its messages: {@code £12.50}. */
    private static String money(long cents, String currency) {
        String amount = BigDecimal.valueOf(cents, 2).toPlainString();
        return switch (currency.toLowerCase(java.util.Locale.ROOT)) {
            case "gbp" -> "£" + amount;
            case "eur" -> "€" + amount;
            case "usd" -> "$" + amount;
            default -> amount + " " + currency.toUpperCase(java.util.Locale.ROOT);
        };
    }

    private JsonObject createAccount(Map<String, String> form) {
        JsonObject account = fixture("account");
        String id = id("acct_");
        account.addProperty("id", id);
        account.addProperty("email", form.getOrDefault("email", null));
        account.addProperty("created", Instant.now().getEpochSecond());
        account.addProperty("country", form.getOrDefault("country", "GB"));
        account.addProperty("default_currency", "gbp");
        account.add("metadata", metadata(form));
        account.getAsJsonObject("business_profile").addProperty("name", form.get("business_profile[name]"));
        JsonObject controller = new JsonObject();
        controller.addProperty("type", "application");
        controller.addProperty("is_controller", true);
        JsonObject fees = new JsonObject();
        fees.addProperty("payer", form.getOrDefault("controller[fees][payer]", "application"));
        controller.add("fees", fees);
        JsonObject dashboard = new JsonObject();
        dashboard.addProperty("type", form.getOrDefault("controller[stripe_dashboard][type]", "none"));
        controller.add("stripe_dashboard", dashboard);
        controller.addProperty("requirement_collection", form.getOrDefault("controller[requirement_collection]", "application"));
        account.add("controller", controller);
        account.getAsJsonObject("requirements").addProperty("disabled_reason", "requirements.past_due");
        accounts.put(id, account);
        return account;
    }

    private JsonObject createSession(String account, Map<String, String> form) {
        JsonObject session = fixture("checkout.session");
        String id = id("cs_test_");
        long amount = 0;
        String currency = form.getOrDefault("line_items[0][price_data][currency]", "gbp");
        for (int i = 0; form.containsKey("line_items[" + i + "][price_data][unit_amount]") || form.containsKey("line_items[" + i + "][price]"); i++) {
            JsonObject price = prices.get(form.getOrDefault("line_items[" + i + "][price]", ""));
            long unit = price != null ? price.get("unit_amount").getAsLong() : Long.parseLong(form.get("line_items[" + i + "][price_data][unit_amount]"));
            amount += unit * Long.parseLong(form.getOrDefault("line_items[" + i + "][quantity]", "1"));
            if (price != null) {
                currency = price.get("currency").getAsString();
            }
        }
        session.addProperty("id", id);
        session.addProperty("object", "checkout.session");
        session.addProperty("mode", form.getOrDefault("mode", "payment"));
        session.addProperty("status", "open");
        session.addProperty("payment_status", "unpaid");
        session.addProperty("amount_total", amount);
        session.addProperty("amount_subtotal", amount);
        session.addProperty("currency", currency);
        session.addProperty("created", Instant.now().getEpochSecond());
        session.addProperty("expires_at", Long.parseLong(form.getOrDefault("expires_at",
                Long.toString(Instant.now().plus(Duration.ofHours(24)).getEpochSecond()))));
        session.addProperty("success_url", form.get("success_url"));
        session.addProperty("cancel_url", form.get("cancel_url"));
        session.addProperty("client_reference_id", form.get("client_reference_id"));
        session.addProperty("customer_email", form.get("customer_email"));
        session.add("payment_intent", JsonNull.INSTANCE);
        session.add("metadata", metadata(form));
        session.addProperty("url", baseUrl() + "/checkout/" + id);
        session.addProperty("livemode", false);
        session.addProperty("stripe_account", account);
        JsonObject firstPrice = prices.get(form.getOrDefault("line_items[0][price]", ""));
        session.addProperty("line_item_name", firstPrice != null ? text(firstPrice.get("nickname"))
                : form.getOrDefault("line_items[0][price_data][product_data][name]", ""));
        session.addProperty("stand_in_recurring", firstPrice != null ? firstPrice.get("unit_amount").getAsLong()
                : Long.parseLong(form.getOrDefault("line_items[0][price_data][unit_amount]", "0")));
        JsonObject subscriptionMetadata = new JsonObject();
        form.forEach((key, value) -> {
            if (key.startsWith("subscription_data[metadata][") && key.endsWith("]")) {
                subscriptionMetadata.addProperty(key.substring("subscription_data[metadata][".length(), key.length() - 1), value);
            }
        });
        session.add("stand_in_subscription_metadata", subscriptionMetadata);
        // Stripe's session shows neither: they reach the payment intent and the subscription that paying makes.
        if (form.containsKey("payment_intent_data[application_fee_amount]")) {
            session.addProperty("stand_in_application_fee_amount", Long.parseLong(form.get("payment_intent_data[application_fee_amount]")));
        }
        if (form.containsKey("subscription_data[application_fee_percent]")) {
            session.addProperty("stand_in_application_fee_percent", new BigDecimal(form.get("subscription_data[application_fee_percent]")));
        }
        session.add("subscription", JsonNull.INSTANCE);
        sessions.put(id, session);
        return session;
    }

    private void page(HttpExchange exchange) throws IOException {
        try (exchange) {
            Matcher matcher = PAGE.matcher(exchange.getRequestURI().getPath());
            if (!matcher.matches()) {
                respondHtml(exchange, 404, "<h1>Not found</h1>");
                return;
            }
            String kind = matcher.group(1);
            String id = matcher.group(2);
            String action = matcher.group(3);
            Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
            if (kind.equals("connect")) {
                if (!accounts.containsKey(id)) {
                    respondHtml(exchange, 404, "<h1>No such account</h1>");
                } else if ("/finish".equals(action) && exchange.getRequestMethod().equals("POST")) {
                    finishOnboarding(id);
                    redirect(exchange, query.get("return_url"));
                } else {
                    respondHtml(exchange, 200, "<h1>Stripe (local stand-in)</h1><p>Onboarding of connected account " + html(id)
                            + " for " + html(text(accounts.get(id).getAsJsonObject("business_profile").get("name"))) + ".</p>"
                            + "<form method=\"post\" action=\"/connect/" + id + "/finish?" + exchange.getRequestURI().getRawQuery() + "\">"
                            + "<button type=\"submit\">Finish onboarding</button></form>");
                }
                return;
            }
            if (kind.equals("receipt")) {
                JsonObject intent = paymentIntents.values().stream().filter(i -> id.equals(i.get("latest_charge").getAsString())).findFirst().orElse(null);
                respondHtml(exchange, intent == null ? 404 : 200, intent == null ? "<h1>No such receipt</h1>" : "<h1>Receipt (local stand-in)</h1><p>"
                        + html(String.format("%.2f %s", intent.get("amount_received").getAsLong() / 100.0, intent.get("currency").getAsString().toUpperCase()))
                        + " paid, charge " + html(id) + ".</p>");
                return;
            }
            if (kind.equals("portal")) {
                respondHtml(exchange, 200, "<h1>Stripe customer portal (local stand-in)</h1><p>Customer " + html(id) + ": here he would update his card "
                        + "and see his invoices.</p><p><a href=\"" + html(query.getOrDefault("return_url", "/")) + "\">Back</a></p>");
                return;
            }
            JsonObject session = sessions.get(id);
            if (session == null) {
                respondHtml(exchange, 404, "<h1>No such Checkout session</h1>");
            } else if ("/pay".equals(action) && exchange.getRequestMethod().equals("POST")) {
                pay(id);
                redirect(exchange, session.get("success_url").getAsString().replace("{CHECKOUT_SESSION_ID}", id));
            } else if ("/cancel".equals(action) && exchange.getRequestMethod().equals("POST")) {
                redirect(exchange, session.get("cancel_url").getAsString());
            } else if (!"open".equals(session.get("status").getAsString())) {
                respondHtml(exchange, 410, "<h1>This Checkout session is " + html(session.get("status").getAsString()) + "</h1>");
            } else {
                String amount = String.format("%.2f %s", session.get("amount_total").getAsLong() / 100.0,
                        session.get("currency").getAsString().toUpperCase());
                respondHtml(exchange, 200, "<h1>Stripe Checkout (local stand-in)</h1><p>" + html(session.get("line_item_name").getAsString())
                        + "</p><p id=\"amount\">" + html(amount) + "</p>"
                        + "<form method=\"post\" action=\"/checkout/" + id + "/pay\"><button type=\"submit\">Pay " + html(amount) + "</button></form>"
                        + "<form method=\"post\" action=\"/checkout/" + id + "/cancel\"><button type=\"submit\">Back</button></form>");
            }
        } catch (RuntimeException e) {
            LOG.error("Stripe stand-in page failed", e);
            respondHtml(exchange, 500, "<h1>Stand-in failed</h1><pre>" + html(e.toString()) + "</pre>");
        }
    }

    /** Charges the subscription's next instalment, as {@link #chargeInstalment} does; answers the invoice once its webhook went out. */
    private void testHelper(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Matcher matcher = NEXT_PAYMENT.matcher(path);
            if (!exchange.getRequestMethod().equals("POST") || !matcher.matches()) {
                respond(exchange, 404, unrecognized(exchange.getRequestMethod(), path));
                return;
            }
            String id = matcher.group(1);
            String status;
            synchronized (this) {
                JsonObject subscription = subscriptions.get(id);
                status = subscription == null ? null : subscription.get("status").getAsString();
            }
            if (status == null) {
                respond(exchange, 404, missing(path, "subscription", id).body());
            } else if (status.equals("canceled")) {
                respond(exchange, 400, error("invalid_request_error", null, "Subscription " + id + " is canceled: it has no next payment."));
            } else {
                respond(exchange, 200, GSON.toJson(publicView(chargeInstalment(id, matcher.group(2).equals("pay")))));
            }
        } catch (RuntimeException e) {
            LOG.error("Stripe stand-in test helper failed", e);
            respond(exchange, 500, error("api_error", null, e.toString()));
        }
    }

    private void unknown(HttpExchange exchange) throws IOException {
        try (exchange) {
            respond(exchange, 404, unrecognized(exchange.getRequestMethod(), exchange.getRequestURI().getPath()));
        }
    }

    private static String unrecognized(String method, String path) {
        return error("invalid_request_error", null, "Unrecognized request URL (" + method + ": " + path + ")");
    }

    /** {@code GET}: the request log as a JSON array, oldest first; {@code DELETE}: empties it. */
    private void log(HttpExchange exchange) throws IOException {
        try (exchange) {
            switch (exchange.getRequestMethod()) {
                case "GET" -> {
                    com.google.gson.JsonArray entries = new com.google.gson.JsonArray();
                    requestLog().forEach(entry -> entries.add(json(entry)));
                    respond(exchange, 200, LOG_JSON.toJson(entries));
                }
                case "DELETE" -> {
                    clearRequestLog();
                    exchange.sendResponseHeaders(204, -1);
                }
                default -> respond(exchange, 405, error("invalid_request_error", null, "The request log takes GET and DELETE only"));
            }
        }
    }

    private static JsonObject json(LoggedRequest entry) {
        JsonObject json = new JsonObject();
        json.addProperty("at", entry.at().toString());
        json.addProperty("method", entry.method());
        json.addProperty("path", entry.path());
        json.addProperty("query", entry.query());
        json.addProperty("stripeAccount", entry.stripeAccount());
        json.addProperty("idempotencyKey", entry.idempotencyKey());
        json.add("form", GSON.toJsonTree(entry.form()));
        json.addProperty("status", entry.status());
        json.addProperty("replayed", entry.replayed());
        return json;
    }

    /** Writes each request and the status answered to the log; the body is read here and handed on unread. */
    private Filter logging() {
        return new Filter() {
            @Override
            public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
                Instant at = Instant.now();
                byte[] body = exchange.getRequestBody().readAllBytes();
                exchange.setStreams(new ByteArrayInputStream(body), null);
                try {
                    chain.doFilter(exchange);
                } finally {
                    String method = exchange.getRequestMethod();
                    String query = exchange.getRequestURI().getRawQuery();
                    record(new LoggedRequest(at, method, exchange.getRequestURI().getPath(), query,
                            exchange.getRequestHeaders().getFirst("Stripe-Account"), exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                            loggedForm(method.equals("GET") ? query : new String(body, StandardCharsets.UTF_8)), exchange.getResponseCode(),
                            "true".equals(exchange.getResponseHeaders().getFirst("Idempotent-Replayed"))));
                }
            }

            @Override
            public String description() {
                return "the stand-in's request log";
            }
        };
    }

    private void record(LoggedRequest entry) {
        synchronized (received) {
            if (received.size() == logCapacity) {
                received.removeFirst();
            }
            received.addLast(entry);
        }
    }

    /** The body as a form; one that is not form-encoded is kept whole, under {@code ""}. */
    private static Map<String, String> loggedForm(String raw) {
        try {
            return java.util.Collections.unmodifiableMap(form(raw));
        } catch (IllegalArgumentException e) {
            return Map.of("", raw);
        }
    }

    /** The object as the API shows it: without the stand-in's own bookkeeping. */
    private static JsonObject publicView(JsonObject object) {
        JsonObject copy = object.deepCopy();
        copy.remove("stripe_account");
        copy.remove("line_item_name");
        copy.keySet().removeIf(key -> key.startsWith("stand_in_"));
        return copy;
    }

    private Stored ok(String path, JsonObject object) {
        return new Stored(200, GSON.toJson(publicView(object)), path);
    }

    private static Stored missing(String path, String kind, String id) {
        return new Stored(404, error("invalid_request_error", "id", "No such " + kind + ": '" + id + "'"), path);
    }

    private JsonObject fixture(String name) {
        return fixtures.getAsJsonObject(name).deepCopy();
    }

    private static JsonObject metadata(Map<String, String> form) {
        JsonObject metadata = new JsonObject();
        form.forEach((key, value) -> {
            if (key.startsWith("metadata[") && key.endsWith("]")) {
                metadata.addProperty(key.substring(9, key.length() - 1), value);
            }
        });
        return metadata;
    }

    private String id(String prefix) {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        StringBuilder id = new StringBuilder(prefix);
        for (byte b : bytes) {
            id.append("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".charAt(Math.floorMod(b, 62)));
        }
        return id.toString();
    }

    private static String error(String type, String param, String message) {
        return error(type, null, param, message);
    }

    private static String error(String type, String code, String param, String message) {
        JsonObject error = new JsonObject();
        error.addProperty("type", type);
        if (code != null) {
            error.addProperty("code", code);
        }
        error.addProperty("message", message);
        if (param != null) {
            error.addProperty("param", param);
        }
        JsonObject body = new JsonObject();
        body.add("error", error);
        return GSON.toJson(body);
    }

    private static Map<String, String> form(String raw) {
        Map<String, String> form = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return form;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.put(key, value);
        }
        return form;
    }

    private static String text(JsonElement element) {
        return element == null || element.isJsonNull() ? "" : element.getAsString();
    }

    private static String encode(String value) {
        return value == null ? "" : java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().add("Location", location == null ? "/" : location);
        exchange.sendResponseHeaders(303, -1);
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("Stripe-Version", API_VERSION);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void respondHtml(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = ("<!doctype html><html><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">"
                + "<title>Stripe stand-in</title><style>body{font-family:sans-serif;margin:2rem;max-width:30rem}"
                + "button{font-size:1.1rem;padding:.6rem 1.2rem;margin:.4rem 0}</style></head><body>" + body + "</body></html>")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        later.shutdownNow();
        http.stop(0);
    }
}
