package io.hearth.infra;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local stand-in for the SMS provider: it speaks the part of Twilio's REST API Hearth uses
 * ({@code POST /2010-04-01/Accounts/{sid}/Messages.json}, form-encoded, HTTP Basic), so app runs its real Twilio
 * adapter against it. What it received is readable like the mail catcher's: {@code GET /messages} lists it as
 * JSON, {@code DELETE /messages} empties it.
 */
public final class SmsCatcher implements AutoCloseable {

    private static final Pattern SEND = Pattern.compile("/2010-04-01/Accounts/([A-Za-z0-9]+)/Messages\\.json");

    private final HttpServer http;
    private final List<Sms> received = new CopyOnWriteArrayList<>();

    private SmsCatcher(HttpServer http) {
        this.http = http;
    }

    public static SmsCatcher start(int httpPort) {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", httpPort), 0);
            SmsCatcher catcher = new SmsCatcher(http);
            http.createContext("/2010-04-01/", catcher::send);
            http.createContext("/messages", catcher::list);
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
