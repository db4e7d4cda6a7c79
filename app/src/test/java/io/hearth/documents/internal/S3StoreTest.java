package io.hearth.documents.internal;

import com.sun.net.httpserver.HttpExchange;
import io.hearth.documents.DocumentStore;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The S3 store against a local server that speaks S3's object API path-style and checks each request's Signature
 * Version 4 as S3 does (the signed headers, the payload's hash, the signature from the secret it knows), answering
 * S3's errors: 403 SignatureDoesNotMatch, 404 NoSuchKey.
 */
class S3StoreTest {

    private static final String ACCESS = "AKIAHEARTHTEST";
    private static final String SECRET = "hearth-test-secret-not-used-anywhere-else";
    private static final Pattern AUTHORIZATION = Pattern.compile(
            "AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/s3/aws4_request,SignedHeaders=([a-z0-9;-]+),Signature=([0-9a-f]{64})");

    @TempDir
    Path directory;
    private HttpServer server;
    private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    private String endpoint;
    private final String key = UUID.randomUUID() + "/" + UUID.randomUUID() + "/1-abcdef12";

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
        endpoint = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String path = exchange.getRequestURI().getRawPath();
        Matcher auth = AUTHORIZATION.matcher(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        if (!auth.matches() || !auth.group(1).equals(ACCESS)) {
            answer(exchange, 403, "InvalidAccessKeyId");
            return;
        }
        String payload = exchange.getRequestHeaders().getFirst("x-amz-content-sha256");
        if (!SigV4.payloadHash(body).equals(payload)) {
            answer(exchange, 400, "XAmzContentSHA256Mismatch");
            return;
        }
        Map<String, String> signed = new LinkedHashMap<>();
        for (String name : auth.group(4).split(";")) {
            String value = exchange.getRequestHeaders().getFirst(name);
            if (value == null) {
                answer(exchange, 403, "SignatureDoesNotMatch");
                return;
            }
            signed.put(name, value);
        }
        Instant at = SigV4.STAMP.parse(signed.getOrDefault("x-amz-date", "19700101T000000Z"), Instant::from);
        String expected = SigV4.authorization(exchange.getRequestMethod(), path, "", signed, payload, ACCESS, SECRET, auth.group(3), "s3", at);
        if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))
                || Duration.between(at, Instant.now()).abs().compareTo(Duration.ofMinutes(15)) > 0) {
            answer(exchange, 403, "SignatureDoesNotMatch");
            return;
        }
        switch (exchange.getRequestMethod()) {
            case "PUT" -> {
                objects.put(path, body);
                answer(exchange, 200, null);
            }
            case "GET" -> {
                byte[] object = objects.get(path);
                if (object == null) {
                    answer(exchange, 404, "NoSuchKey");
                } else {
                    exchange.sendResponseHeaders(200, object.length);
                    exchange.getResponseBody().write(object);
                    exchange.close();
                }
            }
            case "DELETE" -> {
                objects.remove(path);
                answer(exchange, 204, null);
            }
            default -> answer(exchange, 405, "MethodNotAllowed");
        }
    }

    private static void answer(HttpExchange exchange, int status, String code) throws IOException {
        if (code == null) {
            exchange.sendResponseHeaders(status, -1);
        } else {
            byte[] xml = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code></Error>").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, xml.length);
            exchange.getResponseBody().write(xml);
        }
        exchange.close();
    }

    private S3Store store(String secret) {
        return new S3Store(endpoint, "eu-central-1", "hearth-documents", ACCESS, secret, Clock.systemUTC());
    }

    private Path file(byte[] bytes) throws IOException {
        Path file = Files.createTempFile(directory, "doc-", ".bin");
        Files.write(file, bytes);
        return file;
    }

    private static byte[] read(S3Store store, String key) throws IOException {
        DocumentStore.Stored stored = store.open(key).orElseThrow();
        try (InputStream in = stored.content()) {
            byte[] bytes = in.readAllBytes();
            assertThat(stored.length()).isEqualTo(bytes.length);
            return bytes;
        }
    }

    @Test
    void keepsReadsAndDeletesAFileInTheBucket() throws IOException {
        S3Store store = store(SECRET);
        byte[] pdf = "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

        store.put(key, file(pdf), SigV4.payloadHash(pdf), "application/pdf");

        assertThat(objects).containsKey("/hearth-documents/" + key);
        assertThat(read(store, key)).isEqualTo(pdf);
        store.delete(key);
        assertThat(store.open(key)).isEmpty();
    }

    @Test
    void aFileOfTwentyMegabytesGoesAndComesBackWhole() throws IOException {
        S3Store store = store(SECRET);
        byte[] big = new byte[20 * 1024 * 1024];
        new Random(7).nextBytes(big);

        store.put(key, file(big), SigV4.payloadHash(big), "application/pdf");

        assertThat(read(store, key)).isEqualTo(big);
    }

    @Test
    void aFileThatIsNotWhatItsHashSaysIsRefusedByTheBucket() throws IOException {
        byte[] pdf = "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> store(SECRET).put(key, file(pdf), SigV4.payloadHash("another".getBytes()), "application/pdf"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("400").hasMessageContaining("XAmzContentSHA256Mismatch");
        assertThat(objects).isEmpty();
    }

    @Test
    void aRequestSignedWithAnotherSecretIsRefusedAndSaidSo() throws IOException {
        S3Store wrong = store("not-the-secret");
        Path x = file("x".getBytes());

        assertThatThrownBy(() -> wrong.put(key, x, SigV4.payloadHash("x".getBytes()), "text/plain")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("403").hasMessageContaining("SignatureDoesNotMatch");
        assertThat(objects).isEmpty();
    }

    @Test
    void aKeyThatIsNotOursIsNeverSent() {
        assertThatThrownBy(() -> store(SECRET).open("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
    }
}
