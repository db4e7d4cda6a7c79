package io.hearth.infra;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The local stand-in for the SMS provider: it speaks the part of Twilio's REST API Hearth uses
 * ({@code POST /2010-04-01/Accounts/{sid}/Messages.json}, form-encoded, HTTP Basic), so app runs its real Twilio
 * adapter against it. What it received is readable like the mail catcher's: {@code GET /messages} lists it as
 * JSON, {@code DELETE /messages} empties it.
 *
 * <p>It also sends texts the other way, as a man's phone would: {@code POST /inbound} (JSON or a form: {@code from},
 * {@code to}, {@code body}, optionally {@code messageSid} to post the same message again) or {@link #inbound} posts
 * Twilio's incoming-message webhook to app, signed as Twilio signs it ({@code X-Twilio-Signature}: HMAC-SHA1 of the
 * URL and the sorted form, keyed by {@link #AUTH_TOKEN}, which the local stack gives app as its auth token). Left
 * out, {@code to} is the number that last texted {@code from}.
 */
public final class SmsCatcher implements AutoCloseable {

    private static final Pattern SEND = Pattern.compile("/2010-04-01/Accounts/([A-Za-z0-9]+)/Messages\\.json");
    /** The auth token the catcher signs webhooks with: the local stack configures app's {@code hearth.sms.auth-token} to it. */
    public static final String AUTH_TOKEN = "sms-catcher-auth-token";
    /** The account the catcher's webhooks name. */
    public static final String ACCOUNT_SID = "AC0000000000000000000000000000cafe";

    private final HttpServer http;
    private final List<Sms> received = new CopyOnWriteArrayList<>();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile String webhookUrl = "http://127.0.0.1:8080/api/v1/sms/inbound";
    private volatile String signedUrl = webhookUrl;

    private SmsCatcher(HttpServer http) {
        this.http = http;
    }

    public static SmsCatcher start(int httpPort) {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", httpPort), 0);
            SmsCatcher catcher = new SmsCatcher(http);
            http.createContext("/2010-04-01/", catcher::send);
            http.createContext("/messages", catcher::list);
            http.createContext("/inbound", catcher::inbound);
            http.start();
            return catcher;
        } catch (IOException e) {
            throw new UncheckedIOException("could not open the SMS catcher's port", e);
        }
    }

    /** The base URL to configure as the SMS provider's API address. */
    public String baseUrl() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    public List<Sms> messages() {
        return List.copyOf(received);
    }

    /** Where incoming texts go: app's webhook, signed over this same address (app's {@code hearth.sms.inbound-url}). */
    public void deliverTo(String url) {
        deliverTo(url, url);
    }

    /**
     * Where incoming texts go, signed over another address: app's public one ({@code hearth.sms.inbound-url}), when it
     * listens elsewhere (behind a proxy, or a test's server on a free port).
     */
    public void deliverTo(String url, String signedAs) {
        this.webhookUrl = url;
        this.signedUrl = signedAs;
    }

    /** The address incoming texts are signed over: what app must be configured with as {@code hearth.sms.inbound-url}. */
    public String signedUrl() {
        return signedUrl;
    }

    /** What app answered an incoming text. */
    public record Inbound(String messageSid, int status, String response) {
    }

    /** Texts {@code body} from {@code from} to {@code to} (the number app sends from), as a new message. */
    public Inbound inbound(String from, String to, String body) {
        return inbound("SM" + UUID.randomUUID().toString().replace("-", ""), from, to, body);
    }

    /** As above, with the message's id: the same id twice is Twilio posting one message again. */
    public Inbound inbound(String messageSid, String from, String to, String body) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("ToCountry", "US");
        form.put("SmsMessageSid", messageSid);
        form.put("NumMedia", "0");
        form.put("SmsSid", messageSid);
        form.put("SmsStatus", "received");
        form.put("Body", body);
        form.put("To", to);
        form.put("NumSegments", "1");
        form.put("MessageSid", messageSid);
        form.put("AccountSid", ACCOUNT_SID);
        form.put("From", from);
        form.put("ApiVersion", "2010-04-01");
        StringBuilder encoded = new StringBuilder();
        form.forEach((name, value) -> encoded.append(encoded.length() == 0 ? "" : "&").append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                .append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        HttpRequest request = HttpRequest.newBuilder(URI.create(webhookUrl)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("User-Agent", "TwilioProxy/1.1")
                .header("X-Twilio-Signature", signature(AUTH_TOKEN, signedUrl, form))
                .POST(HttpRequest.BodyPublishers.ofString(encoded.toString())).build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Inbound(messageSid, response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("could not post the incoming text to " + webhookUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted posting an incoming text", e);
        }
    }

    /** Twilio's signature: base64 HMAC-SHA1 of the URL then each parameter, sorted by name, as name and value. */
    public static String signature(String authToken, String url, Map<String, String> form) {
        StringBuilder signed = new StringBuilder(url);
        form.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(p -> signed.append(p.getKey()).append(p.getValue()));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(signed.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA1 failed", e);
        }
    }

    private void inbound(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                respond(exchange, 405, "{\"error\":\"method not allowed\"}");
                return;
            }
            String raw = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> fields;
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            if (type != null && type.startsWith("application/json")) {
                fields = new LinkedHashMap<>();
                try {
                    JsonElement json = JsonParser.parseString(raw);
                    if (json.isJsonObject()) {
                        JsonObject object = json.getAsJsonObject();
                        for (String name : List.of("from", "to", "body", "messageSid")) {
                            if (object.has(name) && object.get(name).isJsonPrimitive()) {
                                fields.put(name, object.get(name).getAsString());
                            }
                        }
                    }
                } catch (RuntimeException e) {
                    respond(exchange, 400, "{\"error\":\"the body is not JSON\"}");
                    return;
                }
            } else {
                fields = form(raw);
            }
            String from = fields.get("from");
            String body = fields.get("body");
            String to = fields.getOrDefault("to", lastSenderTo(from));
            if (from == null || body == null || to == null) {
                respond(exchange, 400, "{\"error\":\"needs from, body and to (to may be left out once app has texted from)\"}");
                return;
            }
            String sid = fields.get("messageSid");
            Inbound answered;
            try {
                answered = sid == null || sid.isBlank() ? inbound(from, to, body) : inbound(sid, from, to, body);
            } catch (RuntimeException e) {
                respond(exchange, 502, "{\"error\":" + MailCatcher.Json.string("app could not be reached: " + e.getMessage()) + "}");
                return;
            }
            respond(exchange, 200, "{\"messageSid\":" + MailCatcher.Json.string(answered.messageSid()) + ",\"status\":" + answered.status()
                    + ",\"response\":" + MailCatcher.Json.string(answered.response()) + "}");
        }
    }

    /** The number app last texted {@code phone} from: what his phone would answer to. */
    private String lastSenderTo(String phone) {
        for (int i = received.size() - 1; i >= 0; i--) {
            if (received.get(i).to().equals(phone) && !received.get(i).from().isEmpty()) {
                return received.get(i).from();
            }
        }
        return null;
    }

    private void send(HttpExchange exchange) throws IOException {
        try (exchange) {
            Matcher matcher = SEND.matcher(exchange.getRequestURI().getPath());
            if (!"POST".equals(exchange.getRequestMethod()) || !matcher.matches()) {
                respond(exchange, 404, "{\"code\":20404,\"message\":\"The requested resource was not found\",\"status\":404}");
                return;
            }
            if (exchange.getRequestHeaders().getFirst("Authorization") == null) {
                respond(exchange, 401, "{\"code\":20003,\"message\":\"Authentication Error - No credentials provided\",\"status\":401}");
                return;
            }
            Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String to = form.get("To");
            String body = form.get("Body");
            if (to == null || body == null || !to.matches("\\+[1-9][0-9]{6,14}")) {
                respond(exchange, 400, "{\"code\":21211,\"message\":\"The 'To' number is not a valid phone number.\",\"status\":400}");
                return;
            }
            Sms sms = new Sms("SM" + UUID.randomUUID().toString().replace("-", ""), form.getOrDefault("From", ""), to, body,
                    Instant.now().toString());
            received.add(sms);
            respond(exchange, 201, "{\"sid\":" + MailCatcher.Json.string(sms.sid())
                    + ",\"account_sid\":" + MailCatcher.Json.string(matcher.group(1))
                    + ",\"to\":" + MailCatcher.Json.string(to) + ",\"from\":" + MailCatcher.Json.string(sms.from())
                    + ",\"body\":" + MailCatcher.Json.string(body) + ",\"status\":\"queued\"}");
        }
    }

    private void list(HttpExchange exchange) throws IOException {
        try (exchange) {
            switch (exchange.getRequestMethod()) {
                case "GET" -> respond(exchange, 200, MailCatcher.Json.array(received.stream().map(Sms::toJson).toList()));
                case "DELETE" -> {
                    received.clear();
                    exchange.sendResponseHeaders(204, -1);
                }
                default -> respond(exchange, 405, "{\"error\":\"method not allowed\"}");
            }
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        http.stop(0);
    }

    /** One message the catcher accepted. */
    public record Sms(String sid, String from, String to, String body, String receivedAt) {
        String toJson() {
            List<String> fields = new ArrayList<>();
            fields.add("\"sid\":" + MailCatcher.Json.string(sid));
            fields.add("\"from\":" + MailCatcher.Json.string(from));
            fields.add("\"to\":" + MailCatcher.Json.string(to));
            fields.add("\"body\":" + MailCatcher.Json.string(body));
            fields.add("\"receivedAt\":" + MailCatcher.Json.string(receivedAt));
            return "{" + String.join(",", fields) + "}";
        }
    }
}
