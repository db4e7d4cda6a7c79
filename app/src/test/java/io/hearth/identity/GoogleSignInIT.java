package io.hearth.identity;

import io.hearth.Api;
import io.hearth.RealStack;
import io.hearth.tenancy.TenantDirectory;
import io.hearth.tenancy.TenantProvisioning;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Sign-in with Google's protocol (authorization code + PKCE) against a real local OpenID provider. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GoogleSignInIT implements RealStack {

    private static final String CLIENT_ID = "hearth-test-client";
    private static final MockOAuth2Server PROVIDER = startProvider();

    @Inject @Client("/") HttpClient client;
    @Inject TenantProvisioning provisioning;
    @Inject TenantDirectory directory;
    Org org;
    Api api;
    final java.net.http.HttpClient browser = java.net.http.HttpClient.newBuilder().followRedirects(java.net.http.HttpClient.Redirect.NEVER).build();

    private static MockOAuth2Server startProvider() {
        MockOAuth2Server server = new MockOAuth2Server();
        server.start();
        return server;
    }

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("hearth.oidc.google.enabled", "true",
                "hearth.oidc.google.issuer", PROVIDER.issuerUrl("google").toString(),
                "hearth.oidc.google.client-id", CLIENT_ID,
                "hearth.oidc.google.client-secret", "test-secret",
                "micronaut.http.client.follow-redirects", "false");
    }

    @BeforeAll
    void organisation() {
        org = Org.create(provisioning, directory, client, "google");
        api = org.api();
    }

    @AfterAll
    void stopProvider() {
        PROVIDER.shutdown();
    }

    /** Starts the flow on the organisation's host, lets the provider sign in the given Google account, returns the callback's query. */
    private Map<String, String> authorise(String subject, String email, boolean emailVerified) throws Exception {
        Api.Reply start = api.get("/api/v1/auth/oidc/google/start", null);
        assertThat(start.status()).isEqualTo(302);
        URI authorize = URI.create(start.header("Location").orElseThrow());
        Map<String, String> request = query(authorize);
        assertThat(request).containsEntry("code_challenge_method", "S256").containsEntry("client_id", CLIENT_ID).containsKeys("state", "nonce", "code_challenge");
        PROVIDER.enqueueCallback(new DefaultOAuth2TokenCallback("google", subject, "JWT", List.of(CLIENT_ID),
                Map.of("email", email, "email_verified", emailVerified), 3600));

        HttpResponse<String> redirect = browser.send(HttpRequest.newBuilder(authorize).GET().build(), HttpResponse.BodyHandlers.ofString());
        URI back = URI.create(redirect.headers().firstValue("Location").orElseThrow(() -> new AssertionError("no redirect: " + redirect.body())));
        assertThat(back.getPath()).isEqualTo("/api/v1/auth/oidc/google/callback");
        return query(back);
    }

    private Api.Reply callback(Map<String, String> query) {
        return api.get("/api/v1/auth/oidc/google/callback?code=" + enc(query.get("code")) + "&state=" + enc(query.get("state")), null);
    }

    @Test
    void signsInTheMemberWithTheSameVerifiedAddressAndLinksTheAccount() throws Exception {
        Org.Member member = org.member();
        String subject = "google-" + UUID.randomUUID();

        Api.Reply first = callback(authorise(subject, member.email(), true));
        Api.Reply linkedAgain = callback(authorise(subject, "changed-" + member.email(), true));

        assertThat(first.status()).as("%s", first.body()).isEqualTo(200);
        Api.Reply me = api.get("/api/v1/me", first.string("accessToken"));
        assertThat(me.map("person")).containsEntry("id", member.id().toString());
        assertThat(linkedAgain.status()).as("the link is by subject once made").isEqualTo(200);
    }

    @Inject io.micronaut.runtime.server.EmbeddedServer server;

    @Test
    void aBrowserComingBackFromGoogleIsSentToTheAppWithTheSessionInItsCookie() throws Exception {
        Org.Member member = org.member();
        Map<String, String> query = authorise("google-" + UUID.randomUUID(), member.email(), true);
        io.micronaut.http.client.DefaultHttpClientConfiguration noRedirects = new io.micronaut.http.client.DefaultHttpClientConfiguration();
        noRedirects.setFollowRedirects(false);

        try (HttpClient browser = HttpClient.create(server.getURL(), noRedirects)) {
            io.micronaut.http.HttpResponse<String> back = browser.toBlocking().exchange(io.micronaut.http.HttpRequest
                    .GET("/api/v1/auth/oidc/google/callback?code=" + enc(query.get("code")) + "&state=" + enc(query.get("state")))
                    .header("Host", org.tenant().slug() + ".localhost").header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"), String.class);
            String cookie = back.getHeaders().getAll("Set-Cookie").stream().filter(c -> c.startsWith("hearth_refresh=")).findFirst().orElseThrow();
            String refreshToken = cookie.substring("hearth_refresh=".length(), cookie.indexOf(';'));
            Api.Reply refreshed = api.post("/api/v1/auth/refresh", Map.of("refreshToken", refreshToken), null);

            assertThat(back.getStatus().getCode()).isEqualTo(302);
            assertThat(back.getHeaders().get("Location")).isEqualTo("/");
            assertThat(cookie.toLowerCase()).contains("httponly").contains("path=/api/v1/auth");
            assertThat(api.get("/api/v1/me", refreshed.string("accessToken")).map("person")).containsEntry("id", member.id().toString());
        }
    }

    @Test
    void refusesAnAddressGoogleHasNotVerified() throws Exception {
        Org.Member member = org.member();

        Api.Reply reply = callback(authorise("google-" + UUID.randomUUID(), member.email(), false));

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.code()).isEqualTo("OIDC_FAILED");
    }

    @Test
    void refusesAGoogleAccountWithNoPersonHere() throws Exception {
        Api.Reply reply = callback(authorise("google-" + UUID.randomUUID(), "nobody-" + UUID.randomUUID() + "@example.org", true));

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.code()).isEqualTo("OIDC_FAILED");
    }

    @Test
    void aStateWorksOnce() throws Exception {
        Org.Member member = org.member();
        Map<String, String> query = authorise("google-" + UUID.randomUUID(), member.email(), true);

        Api.Reply first = callback(query);
        Api.Reply replay = callback(query);

        assertThat(first.status()).isEqualTo(200);
        assertThat(replay.status()).isEqualTo(401);
        assertThat(replay.code()).isEqualTo("OIDC_FAILED");
    }

    @Test
    void aForgedStateIsRefused() {
        Api.Reply reply = api.get("/api/v1/auth/oidc/google/callback?code=abc&state=forged", null);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.code()).isEqualTo("OIDC_FAILED");
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> values = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    private static String enc(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
