package io.hearth.web;

import io.hearth.RealStack;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantDirectory;
import io.hearth.tenancy.TenantFixtures;
import io.hearth.tenancy.TenantProvisioning;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Every way a request can be wrong gets problem+json with a stable code, never a 500 with internals. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProblemJsonIT implements RealStack {

    @Inject @Client("/") HttpClient client;
    @Inject TenantProvisioning provisioning;
    @Inject TenantDirectory directory;
    @Inject io.micronaut.runtime.server.EmbeddedServer server;
    @Inject io.micronaut.web.router.Router router;
    @Inject io.micronaut.http.server.HttpServerConfiguration serverConfiguration;
    String host;

    @BeforeAll
    void provision() {
        Tenant tenant = TenantFixtures.provisioned(provisioning, directory, "problems");
        host = tenant.slug() + ".localhost";
    }

    @Test
    void unknownRouteIs404ResourceNotFound() {
        assertProblem(HttpRequest.GET("/api/v1/nothing-here"), 404, "RESOURCE_NOT_FOUND");
    }

    @Test
    void wrongMethodIs405() {
        assertProblem(HttpRequest.DELETE("/api/v1/organisation"), 405, "METHOD_NOT_ALLOWED");
    }

    @Test
    void malformedJsonIs400() {
        assertProblem(HttpRequest.POST("/api/v1/test/echo", "{\"name\": ").contentType(MediaType.APPLICATION_JSON_TYPE), 400, "VALIDATION_ERROR");
    }

    @Test
    void wrongTypeIs400() {
        assertProblem(HttpRequest.POST("/api/v1/test/echo", "{\"name\": \"x\", \"email\": \"a@b.test\", \"count\": \"many\"}")
                .contentType(MediaType.APPLICATION_JSON_TYPE), 400, "VALIDATION_ERROR");
    }

    @Test
    void failedValidationIs422WithFieldErrors() {
        Map<?, ?> body = assertProblem(HttpRequest.POST("/api/v1/test/echo", "{\"name\": \"\", \"email\": \"not-an-email\", \"count\": 1}")
                .contentType(MediaType.APPLICATION_JSON_TYPE), 422, "VALIDATION_ERROR");

        assertThat((List<Map<String, Object>>) body.get("errors")).extracting(error -> error.get("field"))
                .containsExactlyInAnyOrder("email", "name");
    }

    @Test
    void oversizedBodyIs413() {
        String big = "{\"name\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        assertProblem(HttpRequest.POST("/api/v1/test/echo", big).contentType(MediaType.APPLICATION_JSON_TYPE), 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void aBodyOverAMegabyteIs413EvenWhereNoBodyIsReadOrNoLengthIsDeclared() throws Exception {
        String chunked = rawChunked("/api/v1/test/echo", "application/json", "{\"name\": \"", 2 * 1024 * 1024, "\"}");

        assertProblem(HttpRequest.POST("/api/v1/test/duplicate", "\"" + "x".repeat(2 * 1024 * 1024) + "\"").contentType(MediaType.APPLICATION_JSON_TYPE),
                413, "PAYLOAD_TOO_LARGE");
        assertThat(chunked).startsWith("HTTP/1.1 413").contains("\"code\":\"PAYLOAD_TOO_LARGE\"");
    }

    @Test
    void aFormSentInChunksIsHeldToWhatItsPageTakesNotToTheUploadsLimits() throws Exception {
        String reply = rawChunked("/rsvp/some-token", "multipart/form-data; boundary=b",
                "--b\r\nContent-Disposition: form-data; name=\"answer\"\r\n\r\n", 2 * 1024 * 1024, "\r\n--b--\r\n");

        assertThat(reply).startsWith("HTTP/1.1 413").contains("\"code\":\"PAYLOAD_TOO_LARGE\"");
    }

    @Test
    void everyRouteThatTakesALargeBodyIsUnderTheServersHardCap() {
        long cap = serverConfiguration.getMaxRequestSize();
        List<String> large = router.uriRoutes().filter(route -> route.getAnnotationMetadata().hasAnnotation(io.hearth.kit.web.input.BodyLimit.class))
                .map(route -> route.getHttpMethodName() + " " + route.getUriMatchTemplate() + " "
                        + route.getAnnotationMetadata().longValue(io.hearth.kit.web.input.BodyLimit.class, "value").orElseThrow())
                .toList();

        assertThat(large).as("the documents' uploads and the inbound mail").hasSizeGreaterThanOrEqualTo(3);
        for (String route : large) {
            assertThat(Long.parseLong(route.substring(route.lastIndexOf(' ') + 1))).as(route).isLessThan(cap);
        }
    }

    @Test
    void wrongContentTypeIs415() {
        assertProblem(HttpRequest.POST("/api/v1/test/echo", "name=x").contentType(MediaType.TEXT_PLAIN_TYPE), 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void unexpectedFailureIs500WithoutInternals() {
        Map<?, ?> body = assertProblem(HttpRequest.GET("/api/v1/test/boom"), 500, "INTERNAL_ERROR");

        assertThat(body.toString()).doesNotContain("secret-internal-detail").doesNotContain("IllegalStateException");
        assertThat(body.get("requestId")).isNotNull();
    }

    @Test
    void aUniqueViolationIs409NotA500() {
        Map<?, ?> body = assertProblem(HttpRequest.POST("/api/v1/test/duplicate", Map.of()), 409, "RESOURCE_CONFLICT");

        assertThat(body.toString()).doesNotContain("duplicate key").doesNotContain("SQLException");
    }

    @Test
    void twoHostHeadersAre400() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.getPort())) {
            socket.getOutputStream().write(("GET /api/v1/organisation HTTP/1.1\r\nHost: " + host + "\r\nHost: other.localhost\r\n"
                    + "Connection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String reply = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

            assertThat(reply).startsWith("HTTP/1.1 400");
            assertThat(reply).contains("application/problem+json").contains("\"code\":\"VALIDATION_ERROR\"").contains("Host");
        }
    }

    @Test
    void unreadableJsonIsSaidInOurWordsWithWhereNeverTheParsersMessage() {
        for (String body : new String[]{"{\"name\": x}", "{\"name\": NaN}", "{\"name\": \"a\",}"}) {
            Map<String, Object> problem = assertProblem(HttpRequest.POST("/api/v1/test/echo", body).contentType(MediaType.APPLICATION_JSON_TYPE),
                    400, "VALIDATION_ERROR");

            assertThat((String) problem.get("detail")).as(body).startsWith("The body is not readable JSON at line 1, column ");
            assertThat(problem.toString()).as(body).doesNotContain("Unexpected character").doesNotContain("JsonReadFeature")
                    .doesNotContain("code 120").doesNotContain("ALLOW_");
        }
    }

    @Test
    void textAfterTheJsonValueIsRefusedNotDropped() {
        Map<String, Object> problem = assertProblem(HttpRequest.POST("/api/v1/test/echo", "{\"name\": \"x\"} {\"name\": \"y\"}")
                .contentType(MediaType.APPLICATION_JSON_TYPE), 400, "VALIDATION_ERROR");

        assertThat((String) problem.get("detail")).contains("more than one JSON value").contains("line 1, column 15");
    }

    @Test
    void answersOfTheEarlyChecksAreHardenedToo() throws Exception {
        String twoHosts = raw("GET /api/v1/organisation HTTP/1.1\r\nHost: " + host + "\r\nHost: other.localhost\r\nConnection: close\r\n\r\n");
        String nul = raw("GET /api/v1/circles?q=%00 HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");

        for (String reply : List.of(twoHosts, nul)) {
            assertThat(reply).startsWith("HTTP/1.1 4").containsIgnoringCase("content-security-policy: default-src 'self'")
                    .containsIgnoringCase("x-content-type-options: nosniff").containsIgnoringCase("x-frame-options: DENY");
        }
    }

    @Test
    void anAddressTooLongIs414AndHeadersTooLargeAre431() throws Exception {
        String longUrl = raw("GET /api/v1/organisation?x=" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
        String bigHeader = raw("GET /api/v1/organisation HTTP/1.1\r\nHost: " + host + "\r\nX-Big: " + "b".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n");

        // The version Netty answers with is 1.0 when it could not read the request's own.
        assertThat(longUrl).matches("(?s)HTTP/1\\.[01] 414 .*").contains("\"code\":\"URI_TOO_LONG\"").containsIgnoringCase("x-content-type-options: nosniff");
        assertThat(bigHeader).matches("(?s)HTTP/1\\.[01] 431 .*").contains("\"code\":\"HEADERS_TOO_LARGE\"");
    }

    @Test
    void healthAnswersAreNeverCached() {
        io.micronaut.http.HttpResponse<String> live = client.toBlocking().exchange(HttpRequest.GET("/health/liveness"), String.class);

        assertThat(live.getHeaders().get("Cache-Control")).isEqualTo("no-store");
    }

    private String raw(String request) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.getPort())) {
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /**
     * A body of about {@code size} bytes ({@code head}, then x's, then {@code tail}) sent in chunks, no length declared;
     * the answer as far as it came (the server may stop reading once it refused, so the body is sent from another
     * thread, and what it fails to send is expected to fail).
     */
    private String rawChunked(String path, String contentType, String head, int size, String tail) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.getPort())) {
            socket.setSoTimeout(30_000);
            java.io.OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: " + contentType + "\r\nTransfer-Encoding: chunked\r\n"
                    + "Connection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            Thread writer = new Thread(() -> {
                byte[] chunk = "x".repeat(64 * 1024).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                try {
                    writeChunk(out, head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    for (int sent = 0; sent < size; sent += chunk.length) {
                        writeChunk(out, chunk);
                    }
                    writeChunk(out, tail.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    out.write("0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                } catch (java.io.IOException stoppedReading) {
                    // The server answered and closed before the whole body was sent: what this test expects of it.
                }
            });
            writer.start();
            java.io.ByteArrayOutputStream reply = new java.io.ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n = socket.getInputStream().read(buffer); n >= 0; n = socket.getInputStream().read(buffer)) {
                    reply.write(buffer, 0, n);
                }
            } catch (java.net.SocketException reset) {
                // A close with our body unread is a reset: the answer read before it is what counts.
            }
            writer.join(30_000);
            return reply.toString(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static void writeChunk(java.io.OutputStream out, byte[] chunk) throws java.io.IOException {
        out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.write(chunk);
        out.write("\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    private Map<String, Object> assertProblem(MutableHttpRequest<?> request0, int status, String code) {
        MutableHttpRequest<?> request = request0;
        ((MutableHttpRequest<Object>) request).header("Host", host);
        HttpClientResponseException error = catchThrowableOfType(HttpClientResponseException.class,
                () -> client.toBlocking().exchange(request, Map.class));

        assertThat(error).as("expected an error response").isNotNull();
        assertThat(error.getStatus().getCode()).isEqualTo(status);
        assertThat(error.getResponse().getContentType().map(MediaType::toString)).hasValue("application/problem+json");
        Map<String, Object> body = error.getResponse().getBody(Map.class).orElseThrow();
        assertThat(body).containsEntry("code", code).containsEntry("status", status).containsKeys("type", "title", "detail");
        return body;
    }

    @Controller("/api/v1/test")
    @io.hearth.web.Public
    static class TestOnlyController {
        @Post("/echo")
        Map<String, Object> echo(@Body @Valid EchoRequest request) {
            return Map.of("name", request.name());
        }

        @Post("/duplicate")
        String duplicate() {
            throw new io.micronaut.data.exceptions.DataAccessException("insert failed",
                    new java.sql.SQLException("ERROR: duplicate key value violates unique constraint \"x\"", "23505"));
        }

        @Get("/boom")
        String boom() {
            throw new IllegalStateException("secret-internal-detail");
        }
    }

    @Serdeable
    record EchoRequest(@NotBlank String name, @Email String email, @Max(10) Integer count) {
    }
}
