package io.hearth.identity;

import io.hearth.Api;
import io.hearth.RealStack;
import io.hearth.tenancy.TenantDirectory;
import io.hearth.tenancy.TenantProvisioning;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every role against every endpoint of identity: the status each gets. A person holds MEMBER and the role named;
 * NONE is a request without a token. Ids that exist nowhere show that the permission is checked before the lookup.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PermissionMatrixIT implements RealStack {

    private static final String UNKNOWN = UUID.randomUUID().toString();

    @Inject @Client("/") HttpClient client;
    @Inject TenantProvisioning provisioning;
    @Inject TenantDirectory directory;
    Org org;
    final Map<Role, Org.Member> people = new EnumMap<>(Role.class);

    @BeforeAll
    void organisation() {
        org = Org.create(provisioning, directory, client, "matrix");
        for (Role role : Role.values()) {
            people.put(role, org.member(role));
        }
    }

    /** The expected status per caller: NONE, MEMBER, FACILITATOR, PTM, ADMIN, LEADERSHIP, SUPPORT (CARE as MEMBER). */
    record Row(HttpMethod method, String path, Object body, int none, int member, int facilitator, int ptm, int admin, int leadership, int support) {
        @Override
        public String toString() {
            return method + " " + path;
        }

        int expected(String caller) {
            return switch (caller) {
                case "NONE" -> none;
                case "MEMBER" -> member;
                case "FACILITATOR" -> facilitator;
                case "PTM" -> ptm;
                case "ADMIN" -> admin;
                case "LEADERSHIP" -> leadership;
                case "SUPPORT" -> support;
                // CARE adds care.handle alone (care tickets, HelpdeskIT's matrix) to a member's permissions: none of these rows asks for it.
                case "CARE" -> member;
                default -> throw new IllegalArgumentException(caller);
            };
        }
    }

    static List<Row> rows() {
        Map<String, Object> settings = Map.of("registrationMode", "APPROVAL", "mfaRequiredRoles", List.of(), "apiRequestsPerMinute", 1000);
        return List.of(
                new Row(HttpMethod.GET, "/api/v1/me", null, 401, 200, 200, 200, 200, 200, 200),
                // Each one's own password is not this: the change is refused as a wrong password, whoever asks.
                new Row(HttpMethod.POST, "/api/v1/me/email", Map.of("email", "new-address@example.test", "password", "not the password"),
                        401, 422, 422, 422, 422, 422, 422),
                new Row(HttpMethod.POST, "/api/v1/auth/email-change", Map.of("token", "no-such-token-0123456789"), 410, 410, 410, 410, 410, 410, 410),
                new Row(HttpMethod.PATCH, "/api/v1/me", Map.of("timeZone", "Europe/London"), 401, 200, 200, 200, 200, 200, 200),
                new Row(HttpMethod.GET, "/api/v1/me/export", null, 401, 200, 200, 200, 200, 200, 200),
                // Each one's address is confirmed: asking for a new link is a conflict, whoever asks.
                new Row(HttpMethod.POST, "/api/v1/me/email/confirmation", Map.of(), 401, 409, 409, 409, 409, 409, 409),
                new Row(HttpMethod.POST, "/api/v1/auth/mfa/setup", null, 401, 200, 200, 200, 200, 200, 200),
                new Row(HttpMethod.POST, "/api/v1/auth/password", Map.of("currentPassword", "wrong password here", "newPassword", "whatever it is 123"),
                        401, 422, 422, 422, 422, 422, 422),
                new Row(HttpMethod.GET, "/api/v1/members", null, 401, 403, 403, 403, 200, 200, 200),
                new Row(HttpMethod.GET, "/api/v1/members/" + UNKNOWN, null, 401, 403, 403, 403, 404, 404, 404),
                new Row(HttpMethod.POST, "/api/v1/members/invitations", Map.of("email", "x@y.test"), 401, 403, 403, 403, 201, 403, 403),
                new Row(HttpMethod.POST, "/api/v1/members/" + UNKNOWN + "/approve", null, 401, 403, 403, 403, 404, 403, 403),
                new Row(HttpMethod.POST, "/api/v1/members/" + UNKNOWN + "/deactivate", null, 401, 403, 403, 403, 404, 403, 403),
                new Row(HttpMethod.POST, "/api/v1/members/" + UNKNOWN + "/reactivate", null, 401, 403, 403, 403, 404, 403, 403),
                new Row(HttpMethod.POST, "/api/v1/members/" + UNKNOWN + "/roles", Map.of("role", "PTM"), 401, 403, 403, 403, 404, 403, 403),
                new Row(HttpMethod.DELETE, "/api/v1/members/" + UNKNOWN + "/roles/PTM", null, 401, 403, 403, 403, 404, 403, 403),
                new Row(HttpMethod.GET, "/api/v1/audit", null, 401, 403, 403, 403, 200, 200, 403),
                new Row(HttpMethod.GET, "/api/v1/organisation/settings", null, 401, 403, 403, 403, 200, 403, 403),
                new Row(HttpMethod.PUT, "/api/v1/organisation/settings", settings, 401, 403, 403, 403, 200, 403, 403),
                new Row(HttpMethod.GET, "/api/v1/organisation", null, 200, 200, 200, 200, 200, 200, 200),
                new Row(HttpMethod.GET, "/api/v1/auth/options", null, 200, 200, 200, 200, 200, 200, 200),
                new Row(HttpMethod.GET, "/.well-known/jwks.json", null, 200, 200, 200, 200, 200, 200, 200));
    }

    Stream<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        List<String> callers = new ArrayList<>(List.of("NONE"));
        for (Role role : Role.values()) {
            callers.add(role.name());
        }
        for (Row row : rows()) {
            for (String caller : callers) {
                cases.add(Arguments.of(caller, row));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("matrix")
    void answersEachRoleAsThePermissionCatalogueSays(String caller, Row row) {
        String token = "NONE".equals(caller) ? null : people.get(Role.valueOf(caller)).accessToken();
        int expected = row.expected(caller);

        Api.Reply reply = org.api().send(row.method(), row.path(), row.body(), token);

        assertThat(reply.status()).as("%s %s %s: %s", caller, row.method(), row.path(), reply.body()).isEqualTo(expected);
        if (expected >= 400) {
            assertThat(reply.headers().getContentType()).hasValue("application/problem+json");
        }
    }
}
