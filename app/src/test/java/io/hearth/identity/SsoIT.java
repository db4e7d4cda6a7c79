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
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Single sign-on through each organisation's own OpenID provider: one real local provider (mock-oauth2-server)
 * serving two organisations' issuers at once. The link is by the provider's subject, or by an address the provider
 * says it verified at one of the organisation's domains; groups map to roles; one admin keeps his password.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SsoIT implements RealStack {

    private static final MockOAuth2Server PROVIDER = startProvider();
    /** hearth.sso.starts-per-minute as application.yml sets it. */
    private static final int STARTS = 30;

    @Inject @Client("/") HttpClient client;
    @Inject TenantProvisioning provisioning;
    @Inject TenantDirectory directory;
    Org north;
    Org south;
    final java.net.http.HttpClient browser = java.net.http.HttpClient.newBuilder().followRedirects(java.net.http.HttpClient.Redirect.NEVER).build();

    private static MockOAuth2Server startProvider() {
        MockOAuth2Server server = new MockOAuth2Server();
        server.start();
        return server;
    }

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("micronaut.http.client.follow-redirects", "false");
    }

    @BeforeAll
    void organisations() {
        north = Org.create(provisioning, directory, client, "sso-north");
        south = Org.create(provisioning, directory, client, "sso-south");
        open(north, "north", "north.example", Map.of());
        open(south, "south", "south.example", Map.of());
    }

    @AfterAll
    void stopProvider() {
        PROVIDER.shutdown();
    }

    private static String clientId(String issuer) {
        return "hearth-" + issuer;
    }

    /** An organisation that takes new men at once (a new organisation approves them), with its provider. */
    private Api.Reply open(Org org, String issuer, String domain, Map<String, Object> more) {
        Api.Reply opened = org.api().put("/api/v1/organisation/settings", Map.of("registrationMode", "OPEN", "mfaRequiredRoles", List.of(),
                "apiRequestsPerMinute", 600), org.admin().accessToken());
        assertThat(opened.status()).as("%s", opened.body()).isEqualTo(200);
        return configure(org, issuer, domain, more);
    }

    private Api.Reply configure(Org org, String issuer, String domain, Map<String, Object> more) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("enabled", true, "issuer", PROVIDER.issuerUrl(issuer).toString(),
                "clientId", clientId(issuer), "clientSecret", "secret-of-" + issuer, "domains", List.of(domain)));
        body.putAll(more);
        Api.Reply saved = org.api().put("/api/v1/organisation/sso", body, org.admin().accessToken());
        assertThat(saved.status()).as("%s", saved.body()).isEqualTo(200);
        return saved;
    }

    /** Starts at the organisation's host with his address, lets the provider sign in this account, returns the callback's query. */
    private Map<String, String> authorise(Org org, String issuer, String email, String subject, Map<String, Object> claims) throws Exception {
        Api.Reply start = org.api().get("/api/v1/auth/sso/start?email=" + enc(email), null);
        assertThat(start.status()).as("%s", start.body()).isEqualTo(302);
        URI authorize = URI.create(start.header("Location").orElseThrow());
        PROVIDER.enqueueCallback(new DefaultOAuth2TokenCallback(issuer, subject, "JWT", List.of(clientId(issuer)), claims, 3600));
        HttpResponse<String> redirect = browser.send(HttpRequest.newBuilder(authorize).GET().build(), HttpResponse.BodyHandlers.ofString());
        URI back = URI.create(redirect.headers().firstValue("Location").orElseThrow(() -> new AssertionError("no redirect: " + redirect.body())));
        assertThat(back.getPath()).isEqualTo("/api/v1/auth/sso/callback");
        return query(back);
    }

    private Api.Reply callback(Org org, Map<String, String> query) {
        return org.api().get("/api/v1/auth/sso/callback?code=" + enc(query.get("code")) + "&state=" + enc(query.get("state")), null);
    }

    private Api.Reply signIn(Org org, String issuer, String email, String subject, Map<String, Object> claims) throws Exception {
        return callback(org, authorise(org, issuer, email, subject, claims));
    }

    private static Map<String, Object> verified(String email) {
        return Map.of("email", email, "email_verified", true, "given_name", "Sven", "family_name", "Sign-On");
    }

    private static String unique(String domain) {
        return "m-" + UUID.randomUUID().toString().substring(0, 8) + "@" + domain;
    }

    @Test
    void startSendsHimToHisOrganisationsProviderWithPkceStateNonceAndHisAddress() {
        String email = unique("north.example");
        Api.Reply start = north.api().get("/api/v1/auth/sso/start?email=" + enc(email), null);

        Map<String, String> request = query(URI.create(start.header("Location").orElseThrow()));
        assertThat(start.header("Location").orElseThrow()).startsWith(PROVIDER.issuerUrl("north").toString());
        assertThat(request).containsEntry("code_challenge_method", "S256").containsEntry("client_id", "hearth-north")
                .containsEntry("login_hint", email).containsEntry("response_type", "code")
                .containsEntry("redirect_uri", "http://" + north.tenant().slug() + ".localhost:8080/api/v1/auth/sso/callback")
                .containsKeys("state", "nonce", "code_challenge");
        assertThat(request.get("code_challenge")).hasSize(43);
    }

    @Test
    void anAddressOfAnotherDomainHasNoSingleSignOn() {
        Api.Reply start = north.api().get("/api/v1/auth/sso/start?email=" + enc(unique("south.example")), null);
        Api.Reply options = north.api().get("/api/v1/auth/options?email=" + enc(unique("south.example")), null);
        Api.Reply ours = north.api().get("/api/v1/auth/options?email=" + enc(unique("North.Example")), null);
        Api.Reply noAddress = north.api().get("/api/v1/auth/sso/start", null);

        assertThat(start.status()).isEqualTo(404);
        assertThat(start.code()).isEqualTo("SSO_NOT_CONFIGURED");
        assertThat(options.body()).containsEntry("sso", false);
        assertThat(ours.body()).containsEntry("sso", true);
        assertThat(noAddress.status()).isEqualTo(422);
    }

    @Test
    void aNewManIsCreatedOnFirstSignInAndKnownBySubjectAfter() throws Exception {
        String email = unique("north.example");
        String subject = "north-" + UUID.randomUUID();

        Api.Reply first = signIn(north, "north", email, subject, verified(email));
        Api.Reply again = signIn(north, "north", email, subject, Map.of("email", "renamed-" + email, "email_verified", true));

        assertThat(first.status()).as("%s", first.body()).isEqualTo(200);
        Map<String, Object> person = north.api().get("/api/v1/me", first.string("accessToken")).map("person");
        assertThat(person).containsEntry("email", email).containsEntry("firstName", "Sven").containsEntry("lastName", "Sign-On");
        assertThat(again.status()).as("by subject once linked: %s", again.body()).isEqualTo(200);
        assertThat(north.api().get("/api/v1/me", again.string("accessToken")).map("person")).containsEntry("id", person.get("id"));
    }

    @Test
    void aManWithAPasswordIsLinkedByAnAddressTheProviderVerified() throws Exception {
        String email = unique("north.example");
        UUID id = invite(north, email);

        Api.Reply reply = signIn(north, "north", email, "north-" + UUID.randomUUID(), verified(email));

        assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
        assertThat(north.api().get("/api/v1/me", reply.string("accessToken")).map("person")).containsEntry("id", id.toString());
    }

    @Test
    void anAddressNotSaidToBeVerifiedIsNeverLinkedNorMade() throws Exception {
        String email = unique("north.example");
        UUID id = invite(north, email);

        Api.Reply unverified = signIn(north, "north", email, "north-" + UUID.randomUUID(), Map.of("email", email, "email_verified", false));
        Api.Reply missing = signIn(north, "north", email, "north-" + UUID.randomUUID(), Map.of("email", email));
        Api.Reply asText = signIn(north, "north", email, "north-" + UUID.randomUUID(), Map.of("email", email, "email_verified", "true"));
        String stranger = unique("north.example");
        Api.Reply newMan = signIn(north, "north", stranger, "north-" + UUID.randomUUID(), Map.of("email", stranger));

        for (Api.Reply reply : List.of(unverified, missing, asText, newMan)) {
            assertThat(reply.status()).as("%s", reply.body()).isEqualTo(403);
            assertThat(reply.code()).isEqualTo("OIDC_FAILED");
        }
        assertThat(count(north, "select count(*) from sso_links where person_id = '" + id + "'")).isZero();
        assertThat(count(north, "select count(*) from people where email = '" + stranger + "'")).isZero();
    }

    @Test
    void theProviderVouchesOnlyForTheOrganisationsDomains() throws Exception {
        String outsider = unique("gmail.example");
        UUID id = invite(north, outsider);

        Api.Reply reply = signIn(north, "north", unique("north.example"), "north-" + UUID.randomUUID(), verified(outsider));

        assertThat(reply.status()).as("%s", reply.body()).isEqualTo(403);
        assertThat(reply.code()).isEqualTo("OIDC_FAILED");
        assertThat(count(north, "select count(*) from sso_links where person_id = '" + id + "'")).isZero();
    }

    @Test
    void neitherOrganisationsMenSignInToTheOther() throws Exception {
        String southMan = unique("south.example");
        Map<String, String> southsCallback = authorise(south, "south", southMan, "south-" + UUID.randomUUID(), verified(southMan));

        Api.Reply atNorth = callback(north, southsCallback);
        Api.Reply startAtNorth = north.api().get("/api/v1/auth/sso/start?email=" + enc(southMan), null);
        Api.Reply atHome = callback(south, southsCallback);

        assertThat(atNorth.status()).as("south's attempt is not north's: %s", atNorth.body()).isEqualTo(401);
        assertThat(atNorth.code()).isEqualTo("OIDC_FAILED");
        assertThat(startAtNorth.status()).isEqualTo(404);
        assertThat(atHome.status()).as("and it was good at south: %s", atHome.body()).isEqualTo(200);
        assertThat(count(north, "select count(*) from people where email = '" + southMan + "'")).isZero();
    }

    @Test
    void anAttemptWorksOnceAndAForgedOneNever() throws Exception {
        String email = unique("north.example");
        Map<String, String> query = authorise(north, "north", email, "north-" + UUID.randomUUID(), verified(email));

        assertThat(callback(north, query).status()).isEqualTo(200);
        Api.Reply replay = callback(north, query);
        Api.Reply forged = north.api().get("/api/v1/auth/sso/callback?code=abc&state=forged", null);
        Api.Reply refused = north.api().get("/api/v1/auth/sso/callback?error=access_denied&state=x", null);

        assertThat(replay.status()).isEqualTo(401);
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.code()).isEqualTo("OIDC_FAILED");
        assertThat(refused.status()).isEqualTo(401);
        assertThat((String) refused.body().get("detail")).contains("access_denied");
    }

    @Test
    void aBrowserComesBackToTheAppWithItsSessionOrToTheSignInPageWithWhatWentWrong() throws Exception {
        String email = unique("north.example");
        io.micronaut.http.HttpResponse<?> start = asBrowser("/api/v1/auth/sso/start?email=" + enc(email), null);
        String binding = start.getHeaders().getAll("Set-Cookie").stream().filter(cookie -> cookie.startsWith("hearth_sso=")).findFirst().orElseThrow();
        PROVIDER.enqueueCallback(new DefaultOAuth2TokenCallback("north", "north-" + UUID.randomUUID(), "JWT", List.of(clientId("north")), verified(email), 3600));
        HttpResponse<String> authorized = browser.send(HttpRequest.newBuilder(URI.create(start.getHeaders().get("Location"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        URI back = URI.create(authorized.headers().firstValue("Location").orElseThrow());

        io.micronaut.http.HttpResponse<?> ok = asBrowser(back.getRawPath() + "?" + back.getRawQuery(), binding.substring(0, binding.indexOf(';')));
        io.micronaut.http.HttpResponse<?> failed = asBrowser("/api/v1/auth/sso/callback?code=x&state=forged", null);
        io.micronaut.http.HttpResponse<?> otherDomain = asBrowser("/api/v1/auth/sso/start?email=" + enc(unique("south.example")), null);

        assertThat(binding.toLowerCase()).contains("httponly").contains("path=/api/v1/auth/sso").contains("samesite=lax");
        assertThat(ok.getStatus().getCode()).isEqualTo(302);
        assertThat(ok.getHeaders().get("Location")).isEqualTo("/");
        assertThat(ok.getHeaders().getAll("Set-Cookie")).anyMatch(cookie -> cookie.startsWith("hearth_refresh=") && cookie.toLowerCase().contains("httponly"));
        assertThat(failed.getStatus().getCode()).isEqualTo(302);
        assertThat(failed.getHeaders().get("Location")).isEqualTo("/signin?sso-error=OIDC_FAILED");
        assertThat(otherDomain.getHeaders().get("Location")).isEqualTo("/signin?sso-error=SSO_NOT_CONFIGURED");
    }

    @Test
    void aBrowserCannotBeSignedInByALinkToAnAttemptItDidNotBegin() throws Exception {
        // The attacker begins an attempt of his own without a browser and sends the callback link to a man. (No token
        // callback is queued at the provider: the attempt must be refused before the code is ever traded.)
        Api.Reply start = north.api().get("/api/v1/auth/sso/start?email=" + enc(unique("north.example")), null);
        HttpResponse<String> redirect = browser.send(HttpRequest.newBuilder(URI.create(start.header("Location").orElseThrow())).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Map<String, String> hisOwn = query(URI.create(redirect.headers().firstValue("Location").orElseThrow()));

        io.micronaut.http.HttpResponse<?> victim = asBrowser("/api/v1/auth/sso/callback?code=" + enc(hisOwn.get("code")) + "&state=" + enc(hisOwn.get("state")), null);

        assertThat(victim.getHeaders().get("Location")).isEqualTo("/signin?sso-error=OIDC_FAILED");
        assertThat(victim.getHeaders().getAll("Set-Cookie")).noneMatch(cookie -> cookie.startsWith("hearth_refresh=") && !cookie.startsWith("hearth_refresh=;"));
    }

    @Inject io.micronaut.runtime.server.EmbeddedServer server;

    private io.micronaut.http.HttpResponse<?> asBrowser(String path, String cookie) {
        io.micronaut.http.client.DefaultHttpClientConfiguration noRedirects = new io.micronaut.http.client.DefaultHttpClientConfiguration();
        noRedirects.setFollowRedirects(false);
        try (HttpClient http = HttpClient.create(server.getURL(), noRedirects)) {
            io.micronaut.http.MutableHttpRequest<?> request = io.micronaut.http.HttpRequest.GET(path).header("Host", north.tenant().slug() + ".localhost")
                    .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
            if (cookie != null) {
                request.header("Cookie", cookie);
            }
            return http.toBlocking().exchange(request, String.class);
        }
    }

    @Test
    void oneClientStartsAtMostThirtyAttemptsAMinute() {
        Org org = Org.create(provisioning, directory, client, "sso-flood");
        open(org, "flood", "flood.example", Map.of());

        List<Integer> statuses = new java.util.ArrayList<>();
        for (int i = 0; i < STARTS + 1; i++) {
            statuses.add(org.api().get("/api/v1/auth/sso/start?email=" + enc(unique("flood.example")), null).status());
        }
        Api.Reply over = org.api().get("/api/v1/auth/sso/start?email=" + enc(unique("flood.example")), null);

        assertThat(statuses.subList(0, STARTS)).containsOnly(302);
        assertThat(over.status()).isEqualTo(429);
        assertThat(over.header("Retry-After")).isPresent();
    }

    @Test
    void aNewManWaitsForApprovalWhereTheOrganisationApprovesItsMembers() throws Exception {
        Org approving = Org.create(provisioning, directory, client, "sso-approve");
        approving.api().put("/api/v1/organisation/settings", Map.of("registrationMode", "APPROVAL", "mfaRequiredRoles", List.of(),
                "apiRequestsPerMinute", 600), approving.admin().accessToken());
        configure(approving, "approve", "approve.example", Map.of());
        String email = unique("approve.example");

        Api.Reply reply = signIn(approving, "approve", email, "approve-" + UUID.randomUUID(), verified(email));

        assertThat(reply.status()).as("%s", reply.body()).isEqualTo(403);
        assertThat(reply.code()).isEqualTo("ACCOUNT_PENDING_APPROVAL");
        assertThat(count(approving, "select count(*) from people where email = '" + email + "' and status = 'PENDING_APPROVAL'")).isEqualTo(1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void groupsMapToRolesWithAPreviewAndTheMappingTakesAwayOnlyWhatItGave() throws Exception {
        Org org = Org.create(provisioning, directory, client, "sso-groups");
        open(org, "groups", "groups.example", Map.of("roleMappings", List.of(
                Map.of("group", "circle-leads", "role", "FACILITATOR"), Map.of("group", "crew", "role", "PTM"))));
        String email = unique("groups.example");
        String subject = "groups-" + UUID.randomUUID();
        Api.Reply first = signIn(org, "groups", email, subject, withGroups(email, "circle-leads", "crew"));
        assertThat(first.status()).as("%s", first.body()).isEqualTo(200);
        UUID id = UUID.fromString((String) org.api().get("/api/v1/me", first.string("accessToken")).map("person").get("id"));
        assertThat(roles(org, id)).contains("MEMBER", "FACILITATOR", "PTM");
        assertThat(org.api().post("/api/v1/members/" + id + "/roles", Map.of("role", "SUPPORT"), org.admin().accessToken()).status()).isEqualTo(201);

        Api.Reply preview = org.api().post("/api/v1/organisation/sso/preview", Map.of("roleMappings", List.of(
                Map.of("group", "crew", "role", "PTM"), Map.of("group", "crew", "role", "LEADERSHIP"))), org.admin().accessToken());
        assertThat(preview.status()).as("%s", preview.body()).isEqualTo(200);
        assertThat(preview.list("men")).singleElement().satisfies(man -> assertThat((Map<String, Object>) man)
                .containsEntry("personId", id.toString()).containsEntry("gains", List.of("LEADERSHIP")).containsEntry("loses", List.of("FACILITATOR"))
                .containsEntry("groups", List.of("circle-leads", "crew")));
        assertThat(roles(org, id)).as("a preview changes nothing").contains("FACILITATOR").doesNotContain("LEADERSHIP");

        Api.Reply later = signIn(org, "groups", email, subject, withGroups(email, "crew"));

        assertThat(later.status()).isEqualTo(200);
        assertThat(roles(org, id)).as("circle-leads left: the facilitator role it gave goes; support, granted by hand, stays")
                .contains("MEMBER", "PTM", "SUPPORT").doesNotContain("FACILITATOR");
    }

    @Test
    void addressesOfTheProvidersDomainsSignInThereButTheBreakGlassAdminKeepsHisPassword() {
        Org org = Org.create(provisioning, directory, client, "sso-glass");
        Org.Member admin = org.admin();
        Org.Member member = org.member();
        String domain = org.tenant().slug() + ".test";

        configure(org, "glass", domain, Map.of());
        Api.Reply memberByPassword = org.api().post("/api/v1/auth/login", Map.of("email", member.email(), "password", Org.PASSWORD), null);
        Api.Reply adminByPassword = org.api().post("/api/v1/auth/login", Map.of("email", admin.email(), "password", Org.PASSWORD), null);
        Map<String, Object> settings = org.api().get("/api/v1/organisation/sso", admin.accessToken()).body();

        assertThat(memberByPassword.status()).isEqualTo(403);
        assertThat(memberByPassword.code()).isEqualTo("SSO_REQUIRED");
        assertThat(adminByPassword.status()).as("break glass: %s", adminByPassword.body()).isEqualTo(200);
        assertThat(settings).containsEntry("breakGlassAdminId", admin.id().toString());

        Api.Reply notAnAdmin = org.api().put("/api/v1/organisation/sso", Map.of("enabled", true, "domains", List.of(domain),
                "breakGlassAdminId", member.id().toString()), admin.accessToken());
        assertThat(notAnAdmin.status()).isEqualTo(422);
        assertThat(notAnAdmin.body().toString()).contains("breakGlassAdminId");
    }

    @Test
    void theBreakGlassAdminKeepsHisRoleAndHisAccountUntilAnotherAdminIsNamed() {
        Org org = Org.create(provisioning, directory, client, "sso-keep");
        Org.Member admin = org.admin();
        Org.Member other = org.member(Role.ADMIN);
        configure(org, "keep", org.tenant().slug() + ".test", Map.of());
        String members = "/api/v1/members/" + admin.id();

        Api.Reply revoke = org.api().delete(members + "/roles/ADMIN", other.accessToken());
        Api.Reply deactivate = org.api().post(members + "/deactivate", Map.of(), other.accessToken());

        for (Api.Reply reply : List.of(revoke, deactivate)) {
            assertThat(reply.status()).as("%s", reply.body()).isEqualTo(409);
            assertThat(reply.code()).isEqualTo("BREAK_GLASS_ADMIN");
        }
        assertThat(org.api().post("/api/v1/auth/login", Map.of("email", admin.email(), "password", Org.PASSWORD), null).status()).isEqualTo(200);

        configure(org, "keep", org.tenant().slug() + ".test", Map.of("breakGlassAdminId", other.id().toString()));
        assertThat(org.api().delete(members + "/roles/ADMIN", other.accessToken()).status()).isEqualTo(204);
    }

    @Test
    void theSecretIsSealedAtRestAndNeverShownAndTheIssuerMustBeHttps() {
        Org org = Org.create(provisioning, directory, client, "sso-secret");
        String admin = org.admin().accessToken();
        configure(org, "secret", "secret.example", Map.of());

        Api.Reply shown = org.api().get("/api/v1/organisation/sso", admin);
        Api.Reply plainHttp = org.api().put("/api/v1/organisation/sso", Map.of("enabled", false, "issuer", "http://login.example.org/realm",
                "domains", List.of()), admin);
        Api.Reply notAUrl = org.api().put("/api/v1/organisation/sso", Map.of("enabled", false, "issuer", "login", "domains", List.of("not a domain")), admin);
        Api.Reply keptSecret = org.api().put("/api/v1/organisation/sso", Map.of("enabled", true, "issuer", PROVIDER.issuerUrl("secret").toString(),
                "clientId", "hearth-secret", "domains", List.of("secret.example")), admin);
        Api.Reply tested = org.api().post("/api/v1/organisation/sso/test", null, admin);

        assertThat(shown.body()).containsEntry("clientSecretSet", true).doesNotContainKey("clientSecret");
        assertThat(shown.body().toString()).doesNotContain("secret-of-secret");
        assertThat(text(org, "select sealed_client_secret from sso_settings")).doesNotContain("secret-of-secret").isNotBlank();
        assertThat(plainHttp.status()).isEqualTo(422);
        assertThat(plainHttp.code()).isEqualTo("VALIDATION_ERROR");
        assertThat(plainHttp.body().toString()).contains("issuer");
        assertThat(notAUrl.status()).isEqualTo(422);
        assertThat(notAUrl.body().toString()).contains("issuer").contains("domains");
        assertThat(keptSecret.status()).as("%s", keptSecret.body()).isEqualTo(200);
        assertThat(keptSecret.body()).containsEntry("clientSecretSet", true);
        assertThat(tested.status()).as("%s", tested.body()).isEqualTo(200);
        assertThat(tested.body()).containsEntry("issuer", PROVIDER.issuerUrl("secret").toString());
    }

    @Test
    void aProviderThatIsNotThereFailsTheTestWithItsCode() {
        Org org = Org.create(provisioning, directory, client, "sso-down");
        String admin = org.admin().accessToken();
        org.api().put("/api/v1/organisation/sso", Map.of("enabled", false, "issuer", "http://localhost:9/nothing", "clientId", "x", "domains", List.of()), admin);

        Api.Reply tested = org.api().post("/api/v1/organisation/sso/test", null, admin);

        assertThat(tested.status()).isEqualTo(422);
        assertThat(tested.code()).isEqualTo("SSO_PROVIDER_UNUSABLE");
    }

    @Test
    void onceLinkedHeIsHisSubjectAndAnotherAccountWithHisAddressIsNotHim() throws Exception {
        String email = unique("north.example");
        Api.Reply first = signIn(north, "north", email, "north-" + UUID.randomUUID(), verified(email));

        Api.Reply impostor = signIn(north, "north", email, "north-" + UUID.randomUUID(), verified(email));

        assertThat(first.status()).isEqualTo(200);
        assertThat(impostor.status()).as("%s", impostor.body()).isEqualTo(403);
        assertThat(impostor.code()).isEqualTo("OIDC_FAILED");
    }

    @Test
    void aPublicMailServiceANewIssuerWithTheOldSecretAndAMappingWithoutARoleAreRefused() {
        Org org = Org.create(provisioning, directory, client, "sso-rules");
        String admin = org.admin().accessToken();
        configure(org, "rules", "rules.example", Map.of());

        Api.Reply gmail = org.api().put("/api/v1/organisation/sso", Map.of("enabled", true, "issuer", PROVIDER.issuerUrl("rules").toString(),
                "clientId", "hearth-rules", "domains", List.of("gmail.com")), admin);
        Api.Reply movedIssuer = org.api().put("/api/v1/organisation/sso", Map.of("enabled", true, "issuer", PROVIDER.issuerUrl("elsewhere").toString(),
                "clientId", "hearth-rules", "domains", List.of("rules.example")), admin);
        Api.Reply preview = org.api().post("/api/v1/organisation/sso/preview", Map.of("roleMappings", List.of(Map.of("group", "crew"))), admin);

        assertThat(gmail.status()).isEqualTo(422);
        assertThat(gmail.body().toString()).contains("domains").contains("public mail");
        assertThat(movedIssuer.status()).isEqualTo(422);
        assertThat(movedIssuer.body().toString()).contains("clientSecret");
        assertThat(preview.status()).isEqualTo(422);
        assertThat(preview.code()).isEqualTo("VALIDATION_ERROR");
    }

    @Test
    void noOneRegistersAPasswordAccountForAnAddressTheProviderSignsIn() {
        String email = unique("north.example");

        Api.Reply registered = north.api().post("/api/v1/auth/register", Map.of("email", email, "password", "a long enough passphrase here",
                "firstName", "Someone", "lastName", "Else"), null);

        assertThat(registered.status()).as("the same answer as ever").isEqualTo(202);
        assertThat(count(north, "select count(*) from people where email = '" + email + "'")).isZero();
    }

    @Test
    void oneOrganisationsSettingsAreNotAnothers() {
        Org other = Org.create(provisioning, directory, client, "sso-other");

        Map<String, Object> seen = other.api().get("/api/v1/organisation/sso", other.admin().accessToken()).body();

        assertThat(seen).containsEntry("enabled", false).containsEntry("clientSecretSet", false).containsEntry("domains", List.of());
        assertThat(other.api().get("/api/v1/auth/options?email=" + enc(unique("north.example")), null).body()).containsEntry("sso", false);
    }

    private static Map<String, Object> withGroups(String email, String... groups) {
        Map<String, Object> claims = new HashMap<>(verified(email));
        claims.put("groups", List.of(groups));
        return claims;
    }

    private List<Object> roles(Org org, UUID id) {
        Api.Reply person = org.api().get("/api/v1/members/" + id, org.admin().accessToken());
        assertThat(person.status()).as("%s", person.body()).isEqualTo(200);
        return person.list("roles");
    }

    private UUID invite(Org org, String email) {
        Api.Reply invited = org.api().post("/api/v1/members/invitations", Map.of("email", email, "role", "MEMBER"), org.admin().accessToken());
        assertThat(invited.status()).as("invite: %s", invited.body()).isEqualTo(201);
        Api.Reply accepted = org.api().post("/api/v1/auth/invitations/" + Org.lastLink(email, "/invitations/") + "/accept",
                Map.of("password", Org.PASSWORD, "firstName", "Pat", "lastName", "Password"), null);
        assertThat(accepted.status()).as("accept: %s", accepted.body()).isEqualTo(201);
        return UUID.fromString((String) accepted.map("person").get("id"));
    }

    private long count(Org org, String sql) {
        return Long.parseLong(text(org, sql));
    }

    private String text(Org org, String sql) {
        try (Connection connection = java.sql.DriverManager.getConnection(RealStack.stack().jdbcUrl(io.hearth.infra.LocalStack.Database.APP),
                RealStack.stack().dbUsername(), RealStack.stack().dbPassword()); Statement statement = connection.createStatement()) {
            connection.setSchema(org.tenant().id().schemaName());
            try (ResultSet rows = statement.executeQuery(sql)) {
                rows.next();
                return rows.getString(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
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
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
