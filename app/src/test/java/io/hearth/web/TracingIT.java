package io.hearth.web;

import io.hearth.RealStack;
import io.hearth.identity.Org;
import io.hearth.tenancy.TenantDirectory;
import io.hearth.tenancy.TenantProvisioning;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One trace from an HTTP request through the outbox and Kafka to the consumer's work, with the organisation as an
 * attribute of its spans: an admin gives a man a role, and the notification that tells him is written in the trace of
 * the admin's request (the SDK's in-memory exporter holds what would go to a collector).
 */
// Not in a test transaction: what the requests write must commit for the outbox and the mail relay to see it.
@MicronautTest(transactional = false)
@org.junit.jupiter.api.TestInstance(org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS)
class TracingIT implements RealStack {

    private static final AttributeKey<String> TENANT = AttributeKey.stringKey("hearth.tenant");

    @Inject @Client("/") HttpClient client;
    @Inject TenantProvisioning provisioning;
    @Inject TenantDirectory directory;
    @Inject InMemorySpanExporter spans;

    /** A collector as an operator runs one: what the OTLP exporter posts (HTTP, protobuf) lands here. */
    private final Collector collector = new Collector();

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("hearth.test.traces", "memory",
                "otel.traces.exporter", "otlp",
                "otel.exporter.otlp.protocol", "http/protobuf",
                "otel.exporter.otlp.endpoint", "http://127.0.0.1:" + collector.port(),
                "otel.bsp.schedule.delay", "200ms");
    }

    @org.junit.jupiter.api.AfterAll
    void stopCollector() {
        collector.stop();
    }

    static final class Collector {
        private final com.sun.net.httpserver.HttpServer server;
        private final java.util.List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();

        Collector() {
            try {
                server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            server.createContext("/", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                        + exchange.getRequestHeaders().getFirst("Content-Type") + " " + body.length);
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        void stop() {
            server.stop(0);
        }
    }

    @Test
    void aRequestsEventIsConsumedInTheRequestsTraceMarkedWithItsOrganisation() {
        Org org = Org.create(provisioning, directory, client, "traced");
        Org.Member man = org.member();
        Org.Member admin = org.admin();

        assertThat(org.api().post("/api/v1/members/" + man.id() + "/roles", Map.of("role", "FACILITATOR"), admin.accessToken()).status()).isEqualTo(201);

        SpanData request = await("the request's span").atMost(Duration.ofSeconds(10)).until(() -> find(span -> span.getKind() == SpanKind.SERVER
                && span.getName().contains("/api/v1/members/{id}/roles")), Optional::isPresent).orElseThrow();
        assertThat(request.getAttributes().get(TENANT)).isEqualTo(org.tenant().slug());
        SpanData consumed = await("the consumer's span in that trace").atMost(Duration.ofSeconds(20)).until(() -> find(span -> span.getKind() == SpanKind.CONSUMER
                && span.getTraceId().equals(request.getTraceId()) && span.getName().startsWith("hearth.identity")), Optional::isPresent).orElseThrow();
        SpanData published = find(span -> span.getKind() == SpanKind.PRODUCER && span.getSpanId().equals(consumed.getParentSpanId())).orElseThrow();

        assertThat(published.getTraceId()).isEqualTo(request.getTraceId());
        assertThat(consumed.getAttributes().get(TENANT)).as("the consumer's work is marked with the organisation").isEqualTo(org.tenant().slug());
        List<String> tenantValues = spans.getFinishedSpanItems().stream().map(span -> span.getAttributes().get(TENANT)).filter(v -> v != null).distinct().toList();
        assertThat(tenantValues).contains(org.tenant().slug());
        await("the OTLP exporter posts to the collector").atMost(Duration.ofSeconds(10))
                .until(() -> collector.received.stream().anyMatch(post -> post.startsWith("POST /v1/traces application/x-protobuf")));
    }

    @Test
    void aTokenInAPathOrAQueryIsInNoSpan() {
        Org org = Org.create(provisioning, directory, client, "redacted");
        String token = "Zq7vK2mW9xRt4LpB8nYc3JhD6fGs";
        String code = "4-0AfJohXmSecretCodeFromGoogle";

        org.api().get("/u/" + token, null);
        org.api().get("/api/v1/auth/oidc/google/callback?code=" + code + "&state=" + token, null);

        await("the requests' spans").atMost(Duration.ofSeconds(10)).until(() -> spans.getFinishedSpanItems().stream()
                .filter(span -> span.getKind() == SpanKind.SERVER).count() >= 2);
        assertThat(spans.getFinishedSpanItems()).allSatisfy(span -> assertThat(span.getName() + " " + span.getAttributes())
                .doesNotContain(token).doesNotContain(code));
    }

    private Optional<SpanData> find(java.util.function.Predicate<SpanData> which) {
        return spans.getFinishedSpanItems().stream().filter(which).findFirst();
    }
}
