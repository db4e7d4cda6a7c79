package io.hearth.identity;

import io.hearth.Api;
import io.hearth.RealStack;
import io.hearth.tenancy.TenantDirectory;
import io.hearth.tenancy.TenantProvisioning;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input on every identity endpoint: a problem+json answer with a stable code, never a 500. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdentityBadInputIT implements RealStack {

    @Inject @Client("/") HttpClient client;
    @Inject TenantProvisioning provisioning;
    @Inject TenantDirectory directory;
    Org org;
    Org.Member admin;

    @BeforeAll
    void organisation() {
        org = Org.create(provisioning, directory, client, "badinput");
        admin = org.admin();
    }

    record Case(String name, HttpMethod method, String path, String body, boolean signedIn, int status, String code) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        String x300 = "x".repeat(300);
        return List.of(
                new Case("register: malformed JSON", HttpMethod.POST, "/api/v1/auth/register", "{\"email\":", false, 400, "VALIDATION_ERROR"),
                new Case("register: empty body", HttpMethod.POST, "/api/v1/auth/register", "{}", false, 422, "VALIDATION_ERROR"),
                new Case("register: not an email", HttpMethod.POST, "/api/v1/auth/register",
                        "{\"email\":\"nope\",\"password\":\"a long enough password\",\"firstName\":\"A\",\"lastName\":\"B\"}", false, 422, "VALIDATION_ERROR"),
                new Case("register: oversized name", HttpMethod.POST, "/api/v1/auth/register",
                        "{\"email\":\"a@b.test\",\"password\":\"a long enough password\",\"firstName\":\"" + x300 + "\",\"lastName\":\"B\"}", false, 422, "VALIDATION_ERROR"),
                new Case("register: long but guessable password", HttpMethod.POST, "/api/v1/auth/register",
                        "{\"email\":\"a@b.test\",\"password\":\"password1234\",\"firstName\":\"A\",\"lastName\":\"B\"}", false, 422, "VALIDATION_ERROR"),
                new Case("register: a keyboard walk", HttpMethod.POST, "/api/v1/auth/register",
                        "{\"email\":\"a@b.test\",\"password\":\"qwertyuiopas\",\"firstName\":\"A\",\"lastName\":\"B\"}", false, 422, "VALIDATION_ERROR"),
                new Case("register: bad phone", HttpMethod.POST, "/api/v1/auth/register",
                        "{\"email\":\"a@b.test\",\"password\":\"a long enough password\",\"firstName\":\"A\",\"lastName\":\"B\",\"phone\":\"12\"}", false, 422, "VALIDATION_ERROR"),
                new Case("register: array body", HttpMethod.POST, "/api/v1/auth/register", "[1,2]", false, 400, "VALIDATION_ERROR"),
                new Case("login: missing password", HttpMethod.POST, "/api/v1/auth/login", "{\"email\":\"a@b.test\"}", false, 422, "VALIDATION_ERROR"),
                new Case("login: wrong types", HttpMethod.POST, "/api/v1/auth/login", "{\"email\":{\"a\":1},\"password\":[1]}", false, 400, "VALIDATION_ERROR"),
                new Case("login/mfa: unknown challenge", HttpMethod.POST, "/api/v1/auth/login/mfa", "{\"challenge\":\"nope\",\"code\":\"123456\"}", false, 401, "TOKEN_INVALID"),
                new Case("refresh: unknown token", HttpMethod.POST, "/api/v1/auth/refresh", "{\"refreshToken\":\"nope\"}", false, 401, "TOKEN_INVALID"),
                new Case("refresh: no token at all", HttpMethod.POST, "/api/v1/auth/refresh", "{}", false, 401, "TOKEN_INVALID"),
                new Case("verify-email: unknown token", HttpMethod.POST, "/api/v1/auth/verify-email", "{\"token\":\"nope\"}", false, 410, "TOKEN_INVALID"),
                new Case("accept: unknown invitation", HttpMethod.POST, "/api/v1/auth/invitations/nope/accept",
                        "{\"password\":\"a long enough password\",\"firstName\":\"A\",\"lastName\":\"B\"}", false, 404, "TOKEN_INVALID"),
                new Case("accept: weak password", HttpMethod.POST, "/api/v1/auth/invitations/nope/accept",
                        "{\"password\":\"short\",\"firstName\":\"A\",\"lastName\":\"B\"}", false, 422, "VALIDATION_ERROR"),
                new Case("reset confirm: unknown token", HttpMethod.POST, "/api/v1/auth/password-reset/confirm",
                        "{\"token\":\"nope\",\"password\":\"a long enough password\"}", false, 410, "TOKEN_INVALID"),
                new Case("reset: not an email", HttpMethod.POST, "/api/v1/auth/password-reset", "{\"email\":\"nope\"}", false, 422, "VALIDATION_ERROR"),
                new Case("mfa verify: letters", HttpMethod.POST, "/api/v1/auth/mfa/verify", "{\"code\":\"" + x300 + "\"}", true, 422, "VALIDATION_ERROR"),
                new Case("verify-phone: code of five digits", HttpMethod.POST, "/api/v1/auth/verify-phone", "{\"phone\":\"+447700900123\",\"code\":\"12345\"}", true, 422, "VALIDATION_ERROR"),
                new Case("members: bad role filter", HttpMethod.GET, "/api/v1/members?role=KING", null, true, 400, "VALIDATION_ERROR"),
                new Case("members: negative page", HttpMethod.GET, "/api/v1/members?page=-1", null, true, 422, "VALIDATION_ERROR"),
                new Case("members: huge size", HttpMethod.GET, "/api/v1/members?size=100000", null, true, 422, "VALIDATION_ERROR"),
                new Case("members: not a uuid", HttpMethod.GET, "/api/v1/members/not-a-uuid", null, true, 400, "VALIDATION_ERROR"),
                new Case("invite: unknown role", HttpMethod.POST, "/api/v1/members/invitations", "{\"email\":\"a@b.test\",\"role\":\"KING\"}", true, 400, "VALIDATION_ERROR"),
                new Case("grant: missing role", HttpMethod.POST, "/api/v1/members/" + java.util.UUID.randomUUID() + "/roles", "{}", true, 422, "VALIDATION_ERROR"),
                new Case("grant: bad date", HttpMethod.POST, "/api/v1/members/" + java.util.UUID.randomUUID() + "/roles", "{\"role\":\"PTM\",\"validUntil\":\"tomorrow\"}", true, 400, "VALIDATION_ERROR"),
                new Case("revoke: unknown role", HttpMethod.DELETE, "/api/v1/members/" + java.util.UUID.randomUUID() + "/roles/KING", null, true, 400, "VALIDATION_ERROR"),
                new Case("audit: bad time", HttpMethod.GET, "/api/v1/audit?from=yesterday", null, true, 400, "VALIDATION_ERROR"),
                new Case("audit: from after to", HttpMethod.GET, "/api/v1/audit?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", null, true, 422, "VALIDATION_ERROR"),
                new Case("settings: zero limit", HttpMethod.PUT, "/api/v1/organisation/settings",
                        "{\"registrationMode\":\"OPEN\",\"mfaRequiredRoles\":[],\"apiRequestsPerMinute\":0}", true, 422, "VALIDATION_ERROR"),
                new Case("settings: unknown mode", HttpMethod.PUT, "/api/v1/organisation/settings",
                        "{\"registrationMode\":\"SOMETIMES\",\"mfaRequiredRoles\":[],\"apiRequestsPerMinute\":5}", true, 400, "VALIDATION_ERROR"),
                new Case("settings: unknown time zone", HttpMethod.PUT, "/api/v1/organisation/settings",
                        "{\"registrationMode\":\"OPEN\",\"mfaRequiredRoles\":[],\"apiRequestsPerMinute\":100,\"timeZone\":\"Mars/Olympus_Mons\"}", true, 422, "VALIDATION_ERROR"),
                new Case("settings: time zone not text", HttpMethod.PUT, "/api/v1/organisation/settings",
                        "{\"registrationMode\":\"OPEN\",\"mfaRequiredRoles\":[],\"apiRequestsPerMinute\":100,\"timeZone\":{\"id\":\"UTC\"}}", true, 400, "VALIDATION_ERROR"),
                new Case("me: a garbage token", HttpMethod.GET, "/api/v1/me", null, false, 401, "AUTHENTICATION_ERROR"));
    }

    Stream<Arguments> badInput() {
        return cases().stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void answersBadInputWithAProblemAndAStableCode(Case c) {
        MutableHttpRequest<Object> request = HttpRequest.create(c.method(), c.path());
        if (c.body() != null) {
            request.body(c.body()).contentType(MediaType.APPLICATION_JSON_TYPE);
        }
        if (c.signedIn()) {
            request.bearerAuth(admin.accessToken());
        } else if (c.path().equals("/api/v1/me")) {
            request.bearerAuth("garbage.token.here");
        }

        Api.Reply reply = org.api().send(request);

        assertThat(reply.status()).as("%s: %s", c.name(), reply.body()).isEqualTo(c.status());
        assertThat(reply.code()).isEqualTo(c.code());
        assertThat(reply.headers().getContentType()).hasValue("application/problem+json");
    }

    @Test
    void aMemberOfAnotherOrganisationIsNotFoundHere() {
        Org other = Org.create(provisioning, directory, client, "elsewhere");
        Org.Member stranger = other.member();

        Api.Reply reply = org.api().get("/api/v1/members/" + stranger.id(), admin.accessToken());
        Api.Reply grant = org.api().post("/api/v1/members/" + stranger.id() + "/roles", java.util.Map.of("role", "ADMIN"), admin.accessToken());

        assertThat(reply.status()).isEqualTo(404);
        assertThat(grant.status()).isEqualTo(404);
    }
}
