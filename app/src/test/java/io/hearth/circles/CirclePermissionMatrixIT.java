package io.hearth.circles;

import io.hearth.Api;
import io.hearth.PermissionMatrix;
import io.hearth.PermissionMatrix.Row;
import io.hearth.RealStack;
import io.hearth.identity.Org;
import io.hearth.identity.Role;
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

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every role against every circles endpoint. The circle is closed; FACILITATOR facilitates it and MEMBER is in it;
 * PTM and SUPPORT are strangers to it (404: they cannot see it); LEADERSHIP sees all circles but runs none.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CirclePermissionMatrixIT implements RealStack {

    @Inject @Client("/") HttpClient client;
    @Inject TenantProvisioning provisioning;
    @Inject TenantDirectory directory;
    Org org;
    final Map<Role, Org.Member> people = new EnumMap<>(Role.class);
    String circle;

    @BeforeAll
    void organisation() {
        org = Org.create(provisioning, directory, client, "circle-matrix");
        for (Role role : Role.values()) {
            people.put(role, org.member(role));
        }
        circle = org.api().post("/api/v1/circles", Map.of("name", "Matrix circle", "capacity", 6), people.get(Role.FACILITATOR).accessToken()).string("id");
        org.api().post("/api/v1/circles/" + circle + "/members", Map.of("personId", people.get(Role.MEMBER).id().toString()),
                people.get(Role.FACILITATOR).accessToken());
    }


    List<Row> rows() {
        String c = "/api/v1/circles/" + circle;
        String unknown = UUID.randomUUID().toString();
        String member = people.get(Role.MEMBER).id().toString();
        return List.of(
                new Row(HttpMethod.GET, "/api/v1/circles", null, 401, 200, 200, 200, 200, 200, 200),
                new Row(HttpMethod.POST, "/api/v1/circles", Map.of("name", "New", "capacity", 4), 401, 403, 201, 403, 201, 403, 403),
                new Row(HttpMethod.GET, c, null, 401, 200, 200, 404, 200, 200, 404),
                new Row(HttpMethod.PUT, c, Map.of("name", "Matrix circle", "capacity", 6), 401, 403, 200, 404, 200, 403, 404),
                new Row(HttpMethod.GET, c + "/members", null, 401, 200, 200, 404, 200, 200, 404),
                new Row(HttpMethod.POST, c + "/members", Map.of("personId", unknown), 401, 403, 422, 404, 422, 403, 404),
                new Row(HttpMethod.DELETE, c + "/members/" + unknown, null, 401, 403, 404, 404, 404, 403, 404),
                new Row(HttpMethod.PUT, c + "/members/" + member + "/payment-status", Map.of("status", "CURRENT"), 401, 403, 200, 404, 200, 403, 404),
                new Row(HttpMethod.GET, c + "/join-requests", null, 401, 403, 200, 404, 200, 403, 404),
                new Row(HttpMethod.POST, c + "/join-requests", Map.of(), 401, 409, 409, 404, 409, 409, 404),
                new Row(HttpMethod.GET, c + "/transfer-requests", null, 401, 403, 200, 404, 200, 403, 404),
                new Row(HttpMethod.POST, c + "/meetings", Map.of("startsAt", "2026-11-01T19:00:00Z",
                        "attendance", List.of(Map.of("personId", unknown, "status", "PRESENT"))), 401, 403, 422, 404, 422, 403, 404),
                new Row(HttpMethod.GET, c + "/meetings", null, 401, 200, 200, 404, 200, 200, 404),
                new Row(HttpMethod.GET, c + "/attendance", null, 401, 200, 200, 404, 200, 200, 404),
                new Row(HttpMethod.GET, c + "/occurrences", null, 401, 200, 200, 404, 200, 200, 404),
                new Row(HttpMethod.GET, c + "/goals", null, 401, 200, 200, 404, 200, 403, 404),
                new Row(HttpMethod.POST, "/api/v1/me/goals", Map.of("title", "A goal", "visibility", "PRIVATE"), 401, 201, 201, 201, 201, 201, 201),
                new Row(HttpMethod.GET, "/api/v1/me/goals", null, 401, 200, 200, 200, 200, 200, 200),
                new Row(HttpMethod.GET, "/api/v1/me/circle", null, 401, 200, 200, 200, 200, 200, 200),
                new Row(HttpMethod.POST, "/api/v1/me/calendar-feed", null, 401, 201, 201, 201, 201, 201, 201),
                new Row(HttpMethod.GET, "/api/v1/reports/circle-health", null, 401, 403, 403, 403, 200, 200, 403),
                new Row(HttpMethod.GET, "/api/v1/reports/circle-health/export.csv", null, 401, 403, 403, 403, 200, 200, 403));
    }

    Stream<Arguments> matrix() {
        return PermissionMatrix.cases(rows());
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("matrix")
    void answersEachRoleAsTheCirclesRulesSay(String caller, Row row, int expected) {
        String token = "NONE".equals(caller) ? null : people.get(Role.valueOf(caller)).accessToken();

        Api.Reply reply = org.api().send(row.method(), row.path(), row.body(), token);

        assertThat(reply.status()).as("%s %s: %s", caller, row, reply.body()).isEqualTo(expected);
    }
}
