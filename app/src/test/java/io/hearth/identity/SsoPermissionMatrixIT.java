package io.hearth.identity;

import io.hearth.Api;
import io.hearth.PermissionMatrix;
import io.hearth.PermissionMatrix.Row;
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

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every role against the organisation's sign-in provider settings: admins only (organisation.manage). The sign-in
 * endpoints themselves are public and covered by SsoIT. The test of a provider never saved is 422 for an admin.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SsoPermissionMatrixIT implements RealStack {

    @Inject @Client("/") HttpClient client;
    @Inject TenantProvisioning provisioning;
    @Inject TenantDirectory directory;
    Org org;
    final Map<Role, Org.Member> people = new EnumMap<>(Role.class);

    @BeforeAll
    void organisation() {
        org = Org.create(provisioning, directory, client, "sso-matrix");
        for (Role role : Role.values()) {
            people.put(role, role == Role.ADMIN ? org.admin() : org.member(role));
        }
    }

    static final List<String> CALLERS = Stream.concat(PermissionMatrix.CALLERS.stream(),
            Arrays.stream(Role.values()).map(Role::name).filter(role -> !PermissionMatrix.CALLERS.contains(role))).toList();

    List<Row> rows() {
        String sso = "/api/v1/organisation/sso";
        return List.of(
                new Row(HttpMethod.GET, sso, null, 401, 403, 403, 403, 200, 403, 403, 403),
                new Row(HttpMethod.PUT, sso, Map.of("enabled", false, "domains", List.of("matrix.example")), 401, 403, 403, 403, 200, 403, 403, 403),
                new Row(HttpMethod.POST, sso + "/test", Map.of(), 401, 403, 403, 403, 422, 403, 403, 403),
                new Row(HttpMethod.POST, sso + "/preview", Map.of("roleMappings", List.of()), 401, 403, 403, 403, 200, 403, 403, 403));
    }

    Stream<Arguments> matrix() {
        assertThat(CALLERS).as("a status per caller in the rows below").containsExactly("NONE", "MEMBER", "FACILITATOR", "PTM", "ADMIN", "LEADERSHIP", "SUPPORT", "CARE");
        return PermissionMatrix.cases(CALLERS, rows());
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("matrix")
    void onlyAdminsSetTheOrganisationsSignInProvider(String caller, Row row, int expected) {
        String token = "NONE".equals(caller) ? null : people.get(Role.valueOf(caller)).accessToken();

        Api.Reply reply = org.api().send(row.method(), row.path(), row.body(), token);

        assertThat(reply.status()).as("%s %s: %s", caller, row, reply.body()).isEqualTo(expected);
    }
}
