package io.hearth.web;

import io.hearth.Api;
import io.hearth.RealStack;
import io.hearth.identity.Org;
import io.hearth.infra.Promtool;
import io.hearth.kit.metrics.MetricsServer;
import io.hearth.tenancy.TenantDirectory;
import io.hearth.tenancy.TenantProvisioning;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an operator's Prometheus scrapes: on the metrics port alone, what the alert rules
 * (infra/helm/hearth/files/prometheus-rules.yaml) ask for, no organisation in any label, few enough series for 2,000
 * organisations, and a format promtool accepts.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsIT implements RealStack {

    /** What 2,000 organisations must not multiply: one scrape stays under this many series. */
    static final int MAX_SERIES = 3000;
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"");

    @Inject @Client("/") HttpClient client;
    @Inject TenantProvisioning provisioning;
    @Inject TenantDirectory directory;
    @Inject MetricsServer metrics;
    Org org;

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("hearth.metrics.sample-interval", "200ms", "hearth.metrics.consumer-lag.enabled", "true");
    }

    @BeforeAll
    void traffic() {
        org = Org.create(provisioning, directory, client, "metered");
        Api api = org.api();
        Org.Member man = org.member();
        for (int i = 0; i < 5; i++) {
            assertThat(api.get("/api/v1/me", man.accessToken()).status()).isEqualTo(200);
            assertThat(api.get("/api/v1/circles/" + java.util.UUID.randomUUID(), man.accessToken()).status()).isEqualTo(404);
            assertThat(api.get("/api/v1/me", null).status()).isEqualTo(401);
        }
    }

    @Test
    void aScrapeHasWhatTheAlertsWatchWithNoOrganisationInItAndFewSeries() throws Exception {
        await("sampled gauges").atMost(Duration.ofSeconds(20)).until(() -> {
            String text = scrape().body();
            // Kept for whoever reads a failure: the scrape as the test saw it.
            Files.writeString(Path.of("target", "metrics-scrape.prom"), text);
            return text.contains("hearth_kafka_consumer_lag{") && Pattern.compile("(?m)^hearth_outbox_backlog\\{[^}]*} [0-9]").matcher(text).find();
        });
        String text = scrape().body();

        assertThat(text).contains(
                "http_server_requests_seconds_count{", "uri=\"/api/v1/me\"", "uri=\"NOT_FOUND\"", "status=\"404\"",
                "hearth_http_server_latency_seconds_bucket{", "le=\"0.2\"",
                "hearth_outbox_backlog{", "hearth_outbox_oldest_age_seconds{",
                "hearth_delivery_oldest_age_seconds{", "queue=\"mail\"", "queue=\"text\"", "queue=\"push\"",
                "hearth_kafka_consumer_lag{", "group=\"hearth-app-notifications\"",
                "hearth_realtime_sockets{", "hearth_tenant_migrations_total{", "outcome=\"failed\"",
                "hikaricp_connections_active{", "hikaricp_connections_pending{", "hikaricp_connections_max{",
                "jvm_memory_used_bytes{", "service=\"hearth-app\"");
        assertThat(text).as("no path with an id is a label").doesNotContain("uri=\"/api/v1/circles/" + "0").doesNotContain("/api/v1/circles/" + "1");
        Set<String> labels = labels(text);
        assertThat(labels).as("labels").doesNotContainAnyElementsOf(List.of("tenant", "tenant_id", "tenantId", "organisation", "organization",
                "slug", "schema", "host", "person", "user"));
        assertThat(text).as("no organisation's name, slug, id or schema in any value")
                .doesNotContain(org.tenant().slug()).doesNotContain(org.tenant().id().value().toString()).doesNotContain(org.tenant().schemaName())
                .doesNotContain(org.tenant().name());
        // Every series the alert rules watch is one this service exports (a renamed metric would silence its alert).
        String rules = Files.readString(Path.of("..", "infra", "helm", "hearth", "files", "prometheus-rules.yaml"));
        Matcher watched = Pattern.compile("\\b((?:hearth|hikaricp|http_server)_[a-z_]+)").matcher(rules);
        Set<String> names = new TreeSet<>();
        while (watched.find()) {
            names.add(watched.group(1));
        }
        assertThat(names).as("metrics the alert rules watch").isNotEmpty();
        for (String name : names) {
            assertThat(Pattern.compile("(?m)^" + name + "[{ ]").matcher(text).find()).as("%s, which an alert rule watches, is in the scrape", name).isTrue();
        }
        long series = text.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).count();
        assertThat(series).as("series in one scrape").isPositive().isLessThan(MAX_SERIES);
        Promtool.Verdict verdict = Promtool.checkMetrics(text);
        assertThat(verdict.accepted()).as("promtool check metrics: %s", verdict.output()).isTrue();
    }

    @Test
    void theScrapeIsOnItsOwnPortAloneAndNotOnAnyHostOfTheService() throws Exception {
        // The PWA answers a page it does not know on an organisation's host; what matters is that no metric is there.
        for (String host : List.of(org.tenant().slug() + ".localhost", "localhost")) {
            for (String path : List.of("/prometheus", "/metrics", "/health/prometheus")) {
                assertThat(mainPort(host, path)).as("%s%s", host, path).doesNotContain("# TYPE").doesNotContain("jvm_memory");
            }
        }
        HttpResponse<String> scrape = scrape();
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(get("/health").statusCode()).as("nothing else there").isEqualTo(404);
        HttpResponse<String> post = java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri("/prometheus"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }

    private static Set<String> labels(String text) {
        Set<String> labels = new TreeSet<>();
        text.lines().filter(line -> !line.startsWith("#")).forEach(line -> {
            int open = line.indexOf('{');
            int close = line.lastIndexOf('}');
            if (open > 0 && close > open) {
                Matcher matcher = LABEL.matcher(line.substring(open, close));
                while (matcher.find()) {
                    labels.add(matcher.group(1));
                }
            }
        });
        return labels;
    }

    private String mainPort(String host, String path) {
        try {
            String body = client.toBlocking().retrieve(io.micronaut.http.HttpRequest.GET(path).header("Host", host), String.class);
            return body == null ? "" : body;
        } catch (io.micronaut.http.client.exceptions.HttpClientResponseException e) {
            return e.getResponse().getBody(String.class).orElse("");
        }
    }

    private HttpResponse<String> scrape() throws IOException, InterruptedException {
        return get("/prometheus");
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + metrics.port() + path);
    }
}
