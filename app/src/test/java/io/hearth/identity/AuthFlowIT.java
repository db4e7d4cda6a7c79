package io.hearth.identity;

import io.hearth.Api;
import io.hearth.RealStack;
import io.hearth.tenancy.TenantDirectory;
import io.hearth.tenancy.TenantProvisioning;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Accounts, sign-in, tokens and sessions, through the API of an organisation's host. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthFlowIT implements RealStack {

    @Inject @Client("/") HttpClient client;
    @Inject TenantProvisioning provisioning;
    @Inject TenantDirectory directory;
    Org org;
    Api api;

    @BeforeAll
    void organisation() {
        org = Org.create(provisioning, directory, client, "auth");
        api = org.api();
    }

    private String newEmail() {
        return "r-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    private Api.Reply register(String email, String password) {
        return api.post("/api/v1/auth/register", Map.of("email", email, "password", password, "firstName", "Reg", "lastName", "Istered"), null);
    }

    @Test
    void registeredAccountWaitsForEmailVerificationThenForApproval() {
        String email = newEmail();

        Api.Reply registered = register(email, Org.PASSWORD);
        Api.Reply beforeVerification = api.post("/api/v1/auth/login", Map.of("email", email, "password", Org.PASSWORD), null);
        Api.Reply verified = api.post("/api/v1/auth/verify-email", Map.of("token", Org.lastLink(email, "/verify-email/")), null);
        Api.Reply beforeApproval = api.post("/api/v1/auth/login", Map.of("email", email, "password", Org.PASSWORD), null);
        String id = personIdOf(email);
        Api.Reply approved = api.post("/api/v1/members/" + id + "/approve", null, org.admin().accessToken());
        Api.Reply afterApproval = api.post("/api/v1/auth/login", Map.of("email", email, "password", Org.PASSWORD), null);

        assertThat(registered.status()).isEqualTo(202);
        assertThat(registered.body()).containsOnlyKeys("detail");
        assertThat(beforeVerification.status()).isEqualTo(403);
        assertThat(beforeVerification.code()).isEqualTo("ACCOUNT_PENDING_VERIFICATION");
        assertThat(verified.status()).isEqualTo(200);
        assertThat(beforeApproval.status()).isEqualTo(403);
        assertThat(beforeApproval.code()).isEqualTo("ACCOUNT_PENDING_APPROVAL");
        assertThat(approved.status()).isEqualTo(200);
        assertThat(afterApproval.status()).isEqualTo(200);
        assertThat(afterApproval.string("accessToken")).isNotBlank();
        assertThat(afterApproval.string("refreshTokenExpiresIn")).isNull();
    }

    @Test
    void theRefreshTokenIsInTheCookieOnlyUnlessTheClientAsksForItInTheBody() {
        Org.Member member = org.member();
        Api.Reply browser = api.post("/api/v1/auth/login", Map.of("email", member.email(), "password", Org.PASSWORD), null);
        Api.Reply client = api.send(io.micronaut.http.HttpRequest.POST("/api/v1/auth/login", Map.of("email", member.email(), "password", Org.PASSWORD))
                .header("Hearth-Refresh-Token", "body"));

        assertThat(browser.status()).isEqualTo(200);
        assertThat(browser.body()).containsKey("accessToken").doesNotContainKey("refreshToken");
        assertThat(browser.headers().getAll("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie).startsWith("hearth_refresh=").containsIgnoringCase("HttpOnly"));
        assertThat(client.string("refreshToken")).isNotBlank();
        Api.Reply refreshed = api.post("/api/v1/auth/refresh", Map.of("refreshToken", client.string("refreshToken")), null);
        assertThat(refreshed.string("refreshToken")).as("a client that sends its refresh token in the body gets the next one there").isNotBlank();
    }

    @Test
    void verificationLinkWorksOnce() {
        String email = newEmail();
        register(email, Org.PASSWORD);
        String token = Org.lastLink(email, "/verify-email/");

        Api.Reply first = api.post("/api/v1/auth/verify-email", Map.of("token", token), null);
        Api.Reply second = api.post("/api/v1/auth/verify-email", Map.of("token", token), null);

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(410);
        assertThat(second.code()).isEqualTo("TOKEN_INVALID");
    }

    @Test
    void refusesShortAndCommonPasswords() {
        Api.Reply tooShort = register(newEmail(), "elevenchars");
        Api.Reply common = register(newEmail(), "Qwerty123456");

        assertThat(tooShort.status()).isEqualTo(422);
        assertThat(tooShort.code()).isEqualTo("VALIDATION_ERROR");
        assertThat(tooShort.list("errors")).hasSize(1);
        assertThat(common.status()).isEqualTo(422);
        assertThat(common.list("errors").toString()).contains("common");
    }

    @Test
    void aSecondRegistrationForAnAddressIsAnsweredAsTheFirstAndItsOwnerIsTold() {
        Org.Member owner = org.member();
        String fresh = newEmail();

        Api.Reply again = register(owner.email().toUpperCase(), "an entirely different passphrase");
        Api.Reply first = register(fresh, Org.PASSWORD);

        assertThat(again.status()).isEqualTo(first.status()).isEqualTo(202);
        assertThat(again.body()).isEqualTo(first.body());
        await("the owner is told someone tried").atMost(java.time.Duration.ofSeconds(10)).until(() -> RealStack.stack().mailCatcher().messages()
                .stream().anyMatch(mail -> mail.to().contains(owner.email()) && mail.subject().startsWith("Someone tried to sign up")
                        && mail.body().contains("/reset-password")));
        assertThat(api.post("/api/v1/auth/login", Map.of("email", owner.email(), "password", Org.PASSWORD), null).status())
                .as("his account is unchanged").isEqualTo(200);
        assertThat(api.post("/api/v1/auth/login", Map.of("email", owner.email(), "password", "an entirely different passphrase"), null).status())
                .isEqualTo(401);
    }

    @Test
    void passwordResetAnswersTheSameForEveryAddressAndIsThrottledPerAddress() {
        Org.Member member = org.member();
        String unknown = newEmail();
        List<Integer> known = new java.util.ArrayList<>();
        List<Integer> nobody = new java.util.ArrayList<>();
        Api.Reply lastKnown = null;
        Api.Reply lastNobody = null;
        for (int i = 0; i < 7; i++) {
            lastKnown = api.post("/api/v1/auth/password-reset", Map.of("email", member.email()), null);
            lastNobody = api.post("/api/v1/auth/password-reset", Map.of("email", unknown), null);
            known.add(lastKnown.status());
            nobody.add(lastNobody.status());
        }

        assertThat(known).as("for an account").containsExactly(202, 202, 202, 202, 202, 429, 429);
        assertThat(nobody).as("for no account: the same").isEqualTo(known);
        assertThat(lastKnown.header("Retry-After")).isPresent();
        assertThat(withoutRequestId(lastKnown.body())).as("the same problem, but for its request id").isEqualTo(withoutRequestId(lastNobody.body()));
        await().atMost(java.time.Duration.ofSeconds(10)).until(() -> RealStack.stack().mailCatcher().messages().stream()
                .filter(mail -> mail.to().contains(member.email()) && mail.subject().startsWith("Reset")).count() == 5);
    }

    private static Map<String, Object> withoutRequestId(Map<String, Object> body) {
        Map<String, Object> rest = new java.util.HashMap<>(body);
        rest.remove("requestId");
        return rest;
    }

    private String personIdOf(String email) {
        List<Object> found = api.get("/api/v1/members?q=" + java.net.URLEncoder.encode(email, java.nio.charset.StandardCharsets.UTF_8),
                org.admin().accessToken()).list("items");
        assertThat(found).as("members named " + email).hasSize(1);
        return String.valueOf(((Map<?, ?>) found.get(0)).get("id"));
    }

    @Test
    void wrongPasswordAndUnknownAddressGetTheSameAnswer() {
        Org.Member member = org.member();

        Api.Reply wrong = api.post("/api/v1/auth/login", Map.of("email", member.email(), "password", "not the password at all"), null);
        Api.Reply unknown = api.post("/api/v1/auth/login", Map.of("email", newEmail(), "password", "not the password at all"), null);

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.code()).isEqualTo("INVALID_CREDENTIALS").isEqualTo(unknown.code());
    }

    @Test
    void accessTokenIsAnEs256JwtWithAKeyIdPublishedInTheJwks() {
        Org.Member member = org.member();

        Map<String, Object> header = parseJson(new String(Base64.getUrlDecoder().decode(member.accessToken().split("\\.")[0])));
        Api.Reply jwks = api.get("/.well-known/jwks.json", null);

        assertThat(header).containsEntry("alg", "ES256");
        assertThat(jwks.status()).isEqualTo(200);
        assertThat(jwks.list("keys")).anySatisfy(key -> assertThat((Map<String, Object>) key).containsEntry("kid", header.get("kid"))
                .containsEntry("kty", "EC").doesNotContainKey("d"));
    }

    @Test
    void meShowsRolesAndEffectivePermissions() {
        Org.Member facilitator = org.member(Role.FACILITATOR);

        Api.Reply me = api.get("/api/v1/me", facilitator.accessToken());

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.list("roles")).containsExactly("MEMBER", "FACILITATOR");
        assertThat(me.list("permissions")).contains("circles.create", "circles.manage", "circles.join", "events.register")
                .doesNotContain("members.manage", "audit.view");
    }

    @Test
    void refreshRotatesAndAReusedRefreshTokenEndsTheWholeSession() {
        Org.Member member = org.member();

        Api.Reply first = api.post("/api/v1/auth/refresh", Map.of("refreshToken", member.refreshToken()), null);
        Api.Reply reuse = api.post("/api/v1/auth/refresh", Map.of("refreshToken", member.refreshToken()), null);
        Api.Reply successor = api.post("/api/v1/auth/refresh", Map.of("refreshToken", first.string("refreshToken")), null);
        Api.Reply rotatedAccess = api.get("/api/v1/me", first.string("accessToken"));

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.string("refreshToken")).isNotEqualTo(member.refreshToken());
        assertThat(first.header("Set-Cookie")).hasValueSatisfying(cookie -> assertThat(cookie)
                .contains("hearth_refresh=").containsIgnoringCase("HttpOnly").contains("Secure").containsIgnoringCase("SameSite=Strict"));
        assertThat(reuse.status()).isEqualTo(401);
        assertThat(reuse.code()).isEqualTo("REFRESH_TOKEN_REUSED");
        assertThat(successor.status()).isEqualTo(401);
        assertThat(rotatedAccess.status()).isEqualTo(401);
    }

    @Test
    void refreshAcceptsTheCookie() {
        Org.Member member = org.member();

        Api.Reply refreshed = api.send(HttpRequest.POST("/api/v1/auth/refresh", Map.of())
                .cookie(io.micronaut.http.cookie.Cookie.of("hearth_refresh", member.refreshToken())));

        assertThat(refreshed.status()).isEqualTo(200);
    }

    @Test
    void oneAddressInvitedTwelveTimesAtOnceGetsOneInvitation() throws Exception {
        String email = "twelve-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(12);
        List<java.util.concurrent.Future<Api.Reply>> sent = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            sent.add(pool.submit(() -> api.post("/api/v1/members/invitations", Map.of("email", email, "role", "MEMBER"), org.admin().accessToken())));
        }
        for (java.util.concurrent.Future<Api.Reply> reply : sent) {
            assertThat(reply.get().status()).isEqualTo(201);
        }
        pool.shutdown();

        await().pollDelay(java.time.Duration.ofSeconds(2)).atMost(java.time.Duration.ofSeconds(10)).until(() -> invitationsTo(email) >= 1);
        assertThat(invitationsTo(email)).isEqualTo(1);
    }

    @Test
    void anInvitationIsMatchedByItsExactAddressNeverAsAPattern() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String first = "axb-" + suffix + "@example.test";
        api.post("/api/v1/members/invitations", Map.of("email", first, "role", "MEMBER"), org.admin().accessToken());
        await().atMost(java.time.Duration.ofSeconds(10)).until(() -> invitationsTo(first) == 1);
        String link = RealStack.stack().mailCatcher().messages().stream().filter(m -> m.to().contains(first)).findFirst().orElseThrow().body()
                .replaceAll("(?s).*(/invitations/[A-Za-z0-9_-]+).*", "$1");

        api.post("/api/v1/members/invitations", Map.of("email", "a_b-" + suffix + "@example.test", "role", "MEMBER"), org.admin().accessToken());
        Api.Reply accepted = api.post("/api/v1/auth" + link + "/accept", Map.of("password", "a long walk in the hills", "firstName", "Ax",
                "lastName", "B"), null);

        assertThat(accepted.status()).as("the first man's link still works: %s", accepted.body()).isEqualTo(201);
    }

    private long invitationsTo(String email) {
        return RealStack.stack().mailCatcher().messages().stream().filter(m -> m.to().contains(email) && m.subject().startsWith("You are invited")).count();
    }

    @Test
    void theRefreshCookieCountsOnlyFromTheOrganisationsOwnPages() {
        Org.Member member = org.member();
        String host = org.tenant().slug() + ".localhost";

        Api.Reply foreign = api.send(HttpRequest.POST("/api/v1/auth/refresh", Map.of()).header("Origin", "https://evil.example")
                .cookie(io.micronaut.http.cookie.Cookie.of("hearth_refresh", member.refreshToken())));
        Api.Reply crossSite = api.send(HttpRequest.POST("/api/v1/auth/refresh", Map.of()).header("Sec-Fetch-Site", "cross-site")
                .cookie(io.micronaut.http.cookie.Cookie.of("hearth_refresh", member.refreshToken())));
        Api.Reply own = api.send(HttpRequest.POST("/api/v1/auth/refresh", Map.of()).header("Origin", "http://" + host)
                .cookie(io.micronaut.http.cookie.Cookie.of("hearth_refresh", member.refreshToken())));

        assertThat(foreign.status()).isEqualTo(403);
        assertThat(crossSite.status()).isEqualTo(403);
        assertThat(own.status()).as("own origin: %s", own.body()).isEqualTo(200);
    }

    @Test
    void logoutEndsTheSessionAndItsAccessTokenAtOnce() {
        Org.Member member = org.member();

        Api.Reply out = api.post("/api/v1/auth/logout", Map.of("refreshToken", member.refreshToken()), null);
        Api.Reply me = api.get("/api/v1/me", member.accessToken());
        Api.Reply refresh = api.post("/api/v1/auth/refresh", Map.of("refreshToken", member.refreshToken()), null);

        assertThat(out.status()).isEqualTo(204);
        assertThat(me.status()).isEqualTo(401);
        assertThat(refresh.status()).isEqualTo(401);
    }

    @Test
    void aTokenOfOneOrganisationIsRefusedOnAnother() {
        Org other = Org.create(provisioning, directory, client, "other");
        Org.Member stranger = other.admin();

        Api.Reply here = api.get("/api/v1/me", stranger.accessToken());
        Api.Reply refresh = api.post("/api/v1/auth/refresh", Map.of("refreshToken", stranger.refreshToken()), null);

        assertThat(here.status()).isEqualTo(401);
        assertThat(here.code()).isEqualTo("AUTHENTICATION_ERROR");
        assertThat(refresh.status()).isEqualTo(401);
    }

    @Test
    void passwordChangeEndsTheOtherSessionsOnly() {
        Org.Member member = org.member();
        Org.Member otherDevice = org.login(member.email(), Org.PASSWORD);
        String newPassword = "a much better passphrase " + UUID.randomUUID();

        Api.Reply changed = api.post("/api/v1/auth/password", Map.of("currentPassword", Org.PASSWORD, "newPassword", newPassword), member.accessToken());

        assertThat(changed.status()).isEqualTo(204);
        assertThat(api.get("/api/v1/me", member.accessToken()).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/me", otherDevice.accessToken()).status()).isEqualTo(401);
        assertThat(api.post("/api/v1/auth/refresh", Map.of("refreshToken", otherDevice.refreshToken()), null).status()).isEqualTo(401);
        assertThat(api.post("/api/v1/auth/login", Map.of("email", member.email(), "password", newPassword), null).status()).isEqualTo(200);
    }

    @Test
    void wrongCurrentPasswordsLockTheAccountLikeFailedSignIns() {
        Org.Member member = org.member();
        List<Integer> statuses = new java.util.ArrayList<>();
        Api.Reply last = null;
        for (int i = 0; i < 12; i++) {
            last = api.post("/api/v1/auth/password", Map.of("currentPassword", "a wrong guess number " + i,
                    "newPassword", "a much better passphrase " + UUID.randomUUID()), member.accessToken());
            statuses.add(last.status());
        }

        assertThat(statuses.subList(0, 5)).containsOnly(422);
        assertThat(statuses.subList(5, 12)).containsOnly(429);
        assertThat(last.header("Retry-After")).isPresent();
        assertThat(api.post("/api/v1/auth/login", Map.of("email", member.email(), "password", Org.PASSWORD), null).status())
                .as("the same lockout as sign-in").isEqualTo(429);
        assertThat(api.post("/api/v1/auth/password", Map.of("currentPassword", Org.PASSWORD, "newPassword", "a much better passphrase x"),
                member.accessToken()).status()).as("even the right password waits").isEqualTo(429);
    }

    @Test
    void passwordResetByMailedLinkEndsEverySession() {
        Org.Member member = org.member();
        String newPassword = "reset to something long " + UUID.randomUUID();

        Api.Reply requested = api.post("/api/v1/auth/password-reset", Map.of("email", member.email()), null);
        Api.Reply unknown = api.post("/api/v1/auth/password-reset", Map.of("email", newEmail()), null);
        String token = Org.lastLink(member.email(), "/reset-password/");
        Api.Reply reset = api.post("/api/v1/auth/password-reset/confirm", Map.of("token", token, "password", newPassword), null);
        Api.Reply again = api.post("/api/v1/auth/password-reset/confirm", Map.of("token", token, "password", newPassword), null);

        assertThat(requested.status()).isEqualTo(202);
        assertThat(unknown.status()).isEqualTo(202);
        assertThat(reset.status()).isEqualTo(204);
        assertThat(again.status()).isEqualTo(410);
        assertThat(api.get("/api/v1/me", member.accessToken()).status()).isEqualTo(401);
        assertThat(api.post("/api/v1/auth/login", Map.of("email", member.email(), "password", Org.PASSWORD), null).status()).isEqualTo(401);
        assertThat(api.post("/api/v1/auth/login", Map.of("email", member.email(), "password", newPassword), null).status()).isEqualTo(200);
    }

    @Test
    void openRegistrationActivatesOnVerification() {
        Org open = Org.create(provisioning, directory, client, "open");
        Api.Reply settings = open.api().put("/api/v1/organisation/settings",
                Map.of("registrationMode", "OPEN", "mfaRequiredRoles", List.of(), "apiRequestsPerMinute", 100), open.admin().accessToken());
        String email = newEmail();
        open.api().post("/api/v1/auth/register", Map.of("email", email, "password", Org.PASSWORD, "firstName", "O", "lastName", "Pen"), null);

        Api.Reply verified = open.api().post("/api/v1/auth/verify-email", Map.of("token", Org.lastLink(email, "/verify-email/")), null);

        assertThat(settings.status()).isEqualTo(200);
        assertThat(verified.map("person")).containsEntry("status", "ACTIVE");
        assertThat(open.api().post("/api/v1/auth/login", Map.of("email", email, "password", Org.PASSWORD), null).status()).isEqualTo(200);
    }

    @Test
    void theSignInScreensLearnTheRegistrationModeWithoutSigningIn() {
        Org open = Org.create(provisioning, directory, client, "options");
        Api.Reply before = open.api().get("/api/v1/auth/options", null);
        open.api().put("/api/v1/organisation/settings",
                Map.of("registrationMode", "OPEN", "mfaRequiredRoles", List.of(), "apiRequestsPerMinute", 100), open.admin().accessToken());

        Api.Reply after = open.api().get("/api/v1/auth/options", null);

        assertThat(before.status()).isEqualTo(200);
        assertThat(before.body()).containsEntry("registrationMode", "APPROVAL").containsEntry("googleSignIn", false);
        assertThat(after.body()).containsEntry("registrationMode", "OPEN");
    }

    @Inject io.micronaut.json.JsonMapper json;

    @SuppressWarnings("unchecked")
    private Map<String, Object> parseJson(String text) {
        try {
            return (Map<String, Object>) json.readValue(text, Map.class);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
