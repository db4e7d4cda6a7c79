package io.hearth.gatherings;

import io.hearth.Api;
import io.hearth.PermissionMatrix.Row;
import io.hearth.PermissionMatrix;
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

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every role against every events endpoint. PTM created the event, so he staffs it as LEAD; admins run every event. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventPermissionMatrixIT implements RealStack {

    @Inject @Client("/") HttpClient client;
    @Inject TenantProvisioning provisioning;
    @Inject TenantDirectory directory;
    Org org;
    final Map<Role, Org.Member> people = new EnumMap<>(Role.class);
    Map<String, Object> definition;
    String event;

    @BeforeAll
    void organisation() {
        org = Org.create(provisioning, directory, client, "event-matrix");
        for (Role role : Role.values()) {
            people.put(role, org.member(role));
        }
        definition = new HashMap<>();
        definition.put("type", "MOVIE_NIGHT");
        definition.put("title", "Matrix night");
        definition.put("startsAt", Instant.now().plus(Duration.ofDays(5)).toString());
        definition.put("endsAt", Instant.now().plus(Duration.ofDays(5)).plus(Duration.ofHours(3)).toString());
        definition.put("timeZone", "Europe/London");
        definition.put("capacity", 30);
        definition.put("visibility", "MEMBERS");
        event = org.api().post("/api/v1/events", definition, people.get(Role.PTM).accessToken()).string("id");
    }


    List<Row> rows() {
        String e = "/api/v1/events/" + event;
        String unknown = UUID.randomUUID().toString();
        return List.of(
                new Row(HttpMethod.GET, "/api/v1/events", null, 401, 200, 200, 200, 200, 200, 200),
                new Row(HttpMethod.POST, "/api/v1/events", definition, 401, 403, 403, 201, 201, 403, 403),
                new Row(HttpMethod.GET, e, null, 401, 200, 200, 200, 200, 200, 200),
                new Row(HttpMethod.PUT, e, definition, 401, 403, 403, 200, 200, 403, 403),
                new Row(HttpMethod.GET, "/api/v1/event-types", null, 401, 200, 200, 200, 200, 200, 200),
                new Row(HttpMethod.POST, "/api/v1/event-types", Map.of("code", "MATRIX_TYPE", "name", "Matrix"), 401, 403, 403, 403, 201, 403, 403),
                new Row(HttpMethod.POST, e + "/register", Map.of(), 401, 201, 201, 201, 201, 201, 201),
                new Row(HttpMethod.GET, e + "/registrations", null, 401, 403, 403, 200, 200, 403, 403),
                new Row(HttpMethod.GET, e + "/staff", null, 401, 200, 200, 200, 200, 200, 200),
                new Row(HttpMethod.POST, e + "/staff", Map.of("personId", unknown, "role", "KITCHEN"), 401, 403, 403, 422, 422, 403, 403),
                new Row(HttpMethod.GET, e + "/care-teams", null, 401, 403, 403, 200, 200, 403, 403),
                new Row(HttpMethod.POST, e + "/care-teams/assign", null, 401, 403, 403, 409, 409, 403, 403),
                new Row(HttpMethod.POST, e + "/check-in", Map.of("token", "not-a-ticket"), 401, 403, 403, 422, 422, 403, 403),
                new Row(HttpMethod.GET, e + "/attendance", null, 401, 403, 403, 200, 200, 403, 403),
                new Row(HttpMethod.GET, e + "/roster", null, 401, 403, 403, 200, 200, 403, 403),
                new Row(HttpMethod.GET, e + "/registrations/" + unknown + "/sensitive", null, 401, 403, 403, 404, 403, 403, 403),
                new Row(HttpMethod.GET, e + "/sensitive", null, 401, 403, 403, 200, 403, 403, 403),
                new Row(HttpMethod.GET, e + "/registrations/" + unknown + "/answers", null, 401, 404, 404, 404, 404, 404, 404),
                new Row(HttpMethod.GET, "/api/v1/me/registrations", null, 401, 200, 200, 200, 200, 200, 200),
                new Row(HttpMethod.GET, "/api/v1/reports/referrals", null, 401, 403, 403, 403, 200, 200, 403),
                new Row(HttpMethod.GET, "/api/v1/public/events", null, 200, 200, 200, 200, 200, 200, 200));
    }

    Stream<Arguments> matrix() {
        return PermissionMatrix.cases(rows());
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("matrix")
    void answersEachRoleAsTheEventRulesSay(String caller, Row row, int expected) {
        String token = "NONE".equals(caller) ? null : people.get(Role.valueOf(caller)).accessToken();

        Api.Reply reply = org.api().send(row.method(), row.path(), row.body(), token);

        assertThat(reply.status()).as("%s %s: %s", caller, row, reply.body()).isEqualTo(expected);
    }
}
