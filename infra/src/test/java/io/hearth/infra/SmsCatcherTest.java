package io.hearth.infra;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The catcher texts app back as a phone would: Twilio's incoming-message webhook, signed as Twilio signs it. */
class SmsCatcherTest {

    private record Posted(String signature, Map<String, String> form) {
    }

    private final BlockingQueue<Posted> posted = new LinkedBlockingQueue<>();
    private SmsCatcher catcher;
    private HttpServer app;

    @BeforeEach
    void start() throws Exception {
        app = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        app.createContext("/api/v1/sms/inbound", exchange -> {
            try (exchange) {
                Map<String, String> form = new LinkedHashMap<>();
                for (String pair : new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
                    int eq = pair.indexOf('=');
                    form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
                posted.add(new Posted(exchange.getRequestHeaders().getFirst("X-Twilio-Signature"), form));
                byte[] twiml = "<Response></Response>".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, twiml.length);
                exchange.getResponseBody().write(twiml);
            }
        });
        app.start();
        catcher = SmsCatcher.start(0);
    }

    @AfterEach
    void stop() {
        catcher.close();
        app.stop(0);
    }

    @Test
    void signsAsTwilioDocumentsIt() {
        Map<String, String> form = Map.of("CallSid", "CA1234567890ABCDE", "Caller", "+14158675310", "Digits", "1234",
                "From", "+14158675310", "To", "+18005551212");

        assertThat(SmsCatcher.signature("12345", "https://mycompany.com/myapp.php?foo=1&bar=2", form)).isEqualTo("GvWf1cFY/Q7PnoempGyD5oXAezc=");
    }

    @Test
    void postsAnIncomingTextSignedOverAppsPublicAddress() throws Exception {
        String url = "http://127.0.0.1:" + app.getAddress().getPort() + "/api/v1/sms/inbound";
        catcher.deliverTo(url, "https://hearth.example/api/v1/sms/inbound");

        SmsCatcher.Inbound answered = catcher.inbound("+447700900123", "+15005550006", "STOP");

        assertThat(answered.status()).isEqualTo(200);
        Posted text = posted.poll(5, TimeUnit.SECONDS);
        assertThat(text).isNotNull();
        assertThat(text.form()).containsEntry("From", "+447700900123").containsEntry("To", "+15005550006").containsEntry("Body", "STOP")
                .containsEntry("MessageSid", answered.messageSid());
        assertThat(text.signature()).isEqualTo(SmsCatcher.signature(SmsCatcher.AUTH_TOKEN, "https://hearth.example/api/v1/sms/inbound", text.form()));
    }

    @Test
    void overHttpItAnswersToTheNumberThatLastTextedHim() throws Exception {
        catcher.deliverTo("http://127.0.0.1:" + app.getAddress().getPort() + "/api/v1/sms/inbound");
        HttpClient http = HttpClient.newHttpClient();
        http.send(HttpRequest.newBuilder(URI.create(catcher.baseUrl() + "/2010-04-01/Accounts/AC1/Messages.json"))
                .header("Authorization", "Basic eDp5").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("To=%2B447700900123&From=%2B15005550006&Body=Your+code")).build(), HttpResponse.BodyHandlers.ofString());

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(catcher.baseUrl() + "/inbound"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"from\":\"+447700900123\",\"body\":\"HELP\"}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject answer = JsonParser.parseString(response.body()).getAsJsonObject();
        assertThat(answer.get("status").getAsInt()).isEqualTo(200);
        Posted text = posted.poll(5, TimeUnit.SECONDS);
        assertThat(text).isNotNull();
        assertThat(text.form()).containsEntry("To", "+15005550006").containsEntry("Body", "HELP");
    }
}
