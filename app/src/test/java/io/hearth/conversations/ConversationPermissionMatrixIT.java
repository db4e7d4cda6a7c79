package io.hearth.conversations;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every role against every conversations endpoint. FACILITATOR runs a circle MEMBER is in; the circle's chat has a
 * message of MEMBER's; PTM created (so staffs) an event; the others are strangers to both. Each row that writes is its own
 * resource per caller where it would otherwise change what the next caller sees.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConversationPermissionMatrixIT implements RealStack {

    @Inject @Client("/") HttpClient client;
    @Inject TenantProvisioning provisioning;
    @Inject TenantDirectory directory;
    Org org;
    final Map<Role, Org.Member> people = new EnumMap<>(Role.class);
    String circle;
    String chat;
    String message;
    String event;
    String announcement;
    Org.Member outsider;

    @BeforeAll
    void organisation() {
        org = Org.create(provisioning, directory, client, "talk-matrix");
        for (Role role : Role.values()) {
            people.put(role, org.member(role));
        }
        outsider = org.member();
        Api api = org.api();
        String facilitator = people.get(Role.FACILITATOR).accessToken();
        circle = api.post("/api/v1/circles", Map.of("name", "Matrix circle", "capacity", 6), facilitator).string("id");
        api.post("/api/v1/circles/" + circle + "/members", Map.of("personId", people.get(Role.MEMBER).id().toString()), facilitator);
        chat = api.get("/api/v1/circles/" + circle + "/conversation", people.get(Role.MEMBER).accessToken()).string("id");
        message = api.post("/api/v1/conversations/" + chat + "/messages", Map.of("text", "hello circle"), people.get(Role.MEMBER).accessToken()).string("id");
        announcement = api.post("/api/v1/announcements", Map.of("title", "For the circle", "body", "Tuesday is moved", "audience", "CIRCLE",
                "circleId", circle), facilitator).string("id");
        Map<String, Object> definition = new HashMap<>();
        definition.put("type", "WORKSHOP");
        definition.put("title", "Staffed workshop");
        definition.put("startsAt", "2027-03-01T18:00:00Z");
        definition.put("endsAt", "2027-03-01T21:00:00Z");
        definition.put("timeZone", "Europe/London");
        definition.put("venue", "Hall");
        definition.put("capacity", 20);
        definition.put("visibility", "MEMBERS");
        Api.Reply created = api.post("/api/v1/events", definition, people.get(Role.PTM).accessToken());
        assertThat(created.status()).as("event: %s", created.body()).isEqualTo(201);
        event = created.string("id");
    }

    List<Row> rows() {
        String c = "/api/v1/conversations/" + chat;
        String unknown = UUID.randomUUID().toString();
        String memberId = people.get(Role.MEMBER).id().toString();
        return List.of(
                new Row(HttpMethod.GET, "/api/v1/conversations", null, 401, 200, 200, 200, 200, 200, 200),
                // A one-to-one with the member: his facilitator, admins and support may; a stranger member, PTM and leadership may not.
                new Row(HttpMethod.POST, "/api/v1/conversations", Map.of("personId", memberId), 401, 422, 201, 403, 201, 403, 201),
                new Row(HttpMethod.POST, "/api/v1/conversations", Map.of("personId", unknown), 401, 404, 404, 404, 404, 404, 404),
                new Row(HttpMethod.GET, c, null, 401, 200, 200, 404, 404, 404, 404),
                new Row(HttpMethod.GET, c + "/messages", null, 401, 200, 200, 404, 404, 404, 404),
                new Row(HttpMethod.GET, c + "/people", null, 401, 200, 200, 404, 404, 404, 404),
                new Row(HttpMethod.POST, c + "/messages", Map.of("text", "a word"), 401, 201, 201, 404, 404, 404, 404),
                new Row(HttpMethod.POST, c + "/read", Map.of(), 401, 200, 200, 404, 404, 404, 404),
                new Row(HttpMethod.PUT, c + "/retention", Map.of("days", 90), 401, 403, 200, 404, 404, 404, 404),
                new Row(HttpMethod.GET, "/api/v1/circles/" + circle + "/conversation", null, 401, 200, 200, 404, 404, 404, 404),
                new Row(HttpMethod.GET, "/api/v1/events/" + event + "/staff-conversation", null, 401, 404, 404, 200, 200, 404, 404),
                new Row(HttpMethod.PUT, "/api/v1/messages/" + message, Map.of("text", "hello again"), 401, 200, 403, 404, 404, 404, 404),
                new Row(HttpMethod.GET, "/api/v1/messages/" + message + "/edits", null, 401, 200, 403, 404, 404, 404, 404),
                new Row(HttpMethod.DELETE, "/api/v1/messages/" + unknown, null, 401, 404, 404, 404, 404, 404, 404),
                new Row(HttpMethod.GET, "/api/v1/messages/search?q=hello", null, 401, 200, 200, 200, 200, 200, 200),
                new Row(HttpMethod.GET, "/api/v1/messages/search?q=hello&conversation=" + chat, null, 401, 200, 200, 404, 404, 404, 404),
                new Row(HttpMethod.POST, "/api/v1/people/" + outsider.id() + "/block", null, 401, 201, 201, 201, 201, 201, 201),
                new Row(HttpMethod.GET, "/api/v1/me/blocks", null, 401, 200, 200, 200, 200, 200, 200),
                new Row(HttpMethod.DELETE, "/api/v1/people/" + unknown + "/block", null, 401, 404, 404, 404, 404, 404, 404),
                new Row(HttpMethod.GET, "/api/v1/announcements", null, 401, 200, 200, 200, 200, 200, 200),
                new Row(HttpMethod.POST, "/api/v1/announcements", Map.of("title", "All", "body", "Hello all", "audience", "ORGANISATION"),
                        401, 403, 403, 403, 201, 201, 403),
                new Row(HttpMethod.POST, "/api/v1/announcements", Map.of("title", "Circle", "body", "Hello circle", "audience", "CIRCLE",
                        "circleId", circle), 401, 403, 201, 404, 201, 201, 404),
                new Row(HttpMethod.GET, "/api/v1/announcements/" + announcement, null, 401, 200, 200, 404, 200, 404, 404),
                new Row(HttpMethod.POST, "/api/v1/announcements/" + announcement + "/comments", Map.of("text", "Noted"),
                        401, 201, 201, 404, 201, 404, 404),
                new Row(HttpMethod.GET, "/api/v1/conversation-rules", null, 401, 200, 200, 200, 200, 200, 200),
                new Row(HttpMethod.PUT, "/api/v1/conversation-rules", rules(), 401, 403, 403, 403, 200, 403, 403));
    }

    static Map<String, Object> rules() {
        Map<String, Object> rules = new HashMap<>();
        rules.put("memberWithCircle", true);
        rules.put("facilitatorWithMen", true);
        rules.put("facilitatorWithFacilitators", true);
        rules.put("facilitatorWithLeadership", false);
        rules.put("supportAndAdminsWithAnyone", true);
        rules.put("anyoneWithAnyone", false);
        rules.put("directReadReceipts", false);
        return rules;
    }

    Stream<Arguments> matrix() {
        return PermissionMatrix.cases(rows());
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("matrix")
    void answersEachRoleAsTheConversationRulesSay(String caller, Row row, int expected) {
        String token = "NONE".equals(caller) ? null : people.get(Role.valueOf(caller)).accessToken();

        Api.Reply reply = org.api().send(row.method(), row.path(), row.body(), token);

        assertThat(reply.status()).as("%s %s: %s", caller, row, reply.body()).isEqualTo(expected);
    }
}
