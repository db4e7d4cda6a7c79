package io.hearth.web;

import io.hearth.RealStack;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantDirectory;
import io.hearth.tenancy.TenantFixtures;
import io.hearth.tenancy.TenantProvisioning;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The member PWA on every organisation's host: its files, client routes opening the app, and the API never shadowed. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebAppIT implements RealStack {

    @Inject @Client("/") HttpClient client;
    @Inject TenantProvisioning provisioning;
    @Inject TenantDirectory directory;
    String host;

    @BeforeAll
    void provision() {
        Tenant tenant = TenantFixtures.provisioned(provisioning, directory, "webapp");
        host = tenant.slug() + ".localhost";
    }

    @Test
    void servesTheAppShellAtTheRootOfAnOrganisationsHost() {
        HttpResponse<byte[]> response = get("/", host);

        assertThat(response.getStatus().getCode()).isEqualTo(200);
        assertThat(response.getContentType().orElseThrow().toString()).startsWith("text/html");
        assertThat(body(response)).contains("<div id=\"root\"></div>").contains("manifest.webmanifest");
        assertThat(response.getHeaders().get(HttpHeaders.CACHE_CONTROL)).isEqualTo("no-cache");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/events/42", "/circle", "/verify-email/some-token", "/invitations/abc", "/admin/members"})
    void opensTheAppForClientRoutes(String route) {
        HttpResponse<byte[]> response = get(route, host);

        assertThat(response.getStatus().getCode()).isEqualTo(200);
        assertThat(body(response)).contains("<div id=\"root\"></div>");
    }

    @Test
    void servesBuiltAssetsWithTheirTypeAndAsImmutable() {
        Matcher script = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(body(get("/", host)));
        assertThat(script.find()).as("index.html names its script").isTrue();

        HttpResponse<byte[]> asset = get(script.group(1), host);

        assertThat(asset.getStatus().getCode()).isEqualTo(200);
        assertThat(asset.getContentType().orElseThrow().toString()).startsWith("text/javascript");
        assertThat(asset.getHeaders().get(HttpHeaders.CACHE_CONTROL)).contains("immutable");
    }

    @Test
    void servesTheManifestAndTheServiceWorker() {
        HttpResponse<byte[]> manifest = get("/manifest.webmanifest", host);
        HttpResponse<byte[]> worker = get("/sw.js", host);

        assertThat(manifest.getContentType().orElseThrow().toString()).isEqualTo("application/manifest+json");
        assertThat(body(manifest)).contains("\"display\":\"standalone\"").contains("maskable");
        assertThat(worker.getStatus().getCode()).isEqualTo(200);
        assertThat(worker.getHeaders().get(HttpHeaders.CACHE_CONTROL)).as("a new version is found at once").isEqualTo("no-cache");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/nothing-here", "/api/unknown", "/health/nothing", "/.well-known/nothing"})
    void neverShadowsTheApiHealthOrWellKnownPaths(String path) {
        HttpClientResponseException error = miss(path, host);

        assertThat(error.getStatus().getCode()).as("the server's own answer, not the app").isBetween(400, 404);
        assertThat(error.getResponse().getContentType().orElseThrow().toString()).isEqualTo("application/problem+json");
    }

    @Test
    void aMissingFileIsANotFoundProblemNotTheApp() {
        HttpClientResponseException error = miss("/assets/no-such-file.js", host);

        assertThat(error.getStatus().getCode()).isEqualTo(404);
        assertThat(error.getResponse().getContentType().orElseThrow().toString()).isEqualTo("application/problem+json");
    }

    @Test
    void anUnknownHostGetsNoApp() {
        HttpClientResponseException error = miss("/", "nobody-here.localhost");

        assertThat(error.getStatus().getCode()).isEqualTo(404);
        assertThat(error.getResponse().getBody(java.util.Map.class).orElseThrow()).containsEntry("code", "TENANT_NOT_FOUND");
    }

    @Test
    void theApiDocsPageFindsItsScriptsAndStyles() {
        HttpResponse<byte[]> page = get("/api/docs/", "localhost");
        HttpResponse<byte[]> style = get("/swagger-ui/res/swagger-ui.css", "localhost");
        HttpResponse<byte[]> script = get("/swagger-ui/res/swagger-ui-bundle.js", host);

        assertThat(body(page)).contains("/swagger-ui/res/swagger-ui-bundle.js");
        assertThat(style.getStatus().getCode()).isEqualTo(200);
        assertThat(script.getStatus().getCode()).isEqualTo(200);
    }

    private HttpResponse<byte[]> get(String path, String onHost) {
        MutableHttpRequest<?> request = HttpRequest.GET(path).header(HttpHeaders.HOST, onHost).header(HttpHeaders.ACCEPT, "text/html,*/*");
        return client.toBlocking().exchange(request, byte[].class);
    }

    private HttpClientResponseException miss(String path, String onHost) {
        try {
            HttpResponse<byte[]> response = get(path, onHost);
            throw new AssertionError(path + " answered " + response.getStatus() + " with " + body(response));
        } catch (HttpClientResponseException e) {
            return e;
        }
    }

    private static String body(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
