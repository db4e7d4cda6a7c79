package io.hearth.web;

import io.hearth.Api;
import io.hearth.RealStack;
import io.hearth.identity.Org;
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
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules every value meets at the edge, on real routes of every feature: text PostgreSQL can store (no NUL, no
 * lone surrogate), dates it can store (years 1 to 9999), and values of the wrong form answered with the field and
 * what it must be, never a Java class name. Each was a 500 or a class name before.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EdgeRulesIT implements RealStack {

    private static final String NUL = "\\u0000";
    private static final String LONE_SURROGATE = "\\ud800";

    @Inject @Client("/") HttpClient client;
    @Inject TenantProvisioning provisioning;
    @Inject TenantDirectory directory;
    Org org;
    String admin;
    String circle;
    String person;

    @BeforeAll
    void organisation() {
        org = Org.create(provisioning, directory, client, "edge");
        admin = org.admin().accessToken();
        person = org.admin().id().toString();
        circle = org.api().post("/api/v1/circles", Map.of("name", "Edge circle", "capacity", 5), admin).string("id");
    }

    /** A request, whether it is signed in as the admin, and the answer's status and the field it must name. */
    record Case(String name, HttpMethod method, String path, String body, boolean signedIn, int status, String field) {
        @Override
        public String toString() {
            return name;
        }
    }

    Stream<Case> cases() {
        String start = Instant.now().plus(Duration.ofDays(3)).toString();
        String end = Instant.now().plus(Duration.ofDays(3)).plus(Duration.ofHours(2)).toString();
        String event = "{\"type\":\"WORKSHOP\",\"title\":\"%s\",\"startsAt\":\"%s\",\"endsAt\":\"" + end
                + "\",\"timeZone\":\"Europe/London\",\"capacity\":5,\"visibility\":\"MEMBERS\"}";
        String register = "{\"firstName\":\"%s\",\"lastName\":\"x\",\"email\":\"edge@x.test\",\"password\":\"a long enough password\"}";
        String login = "{\"email\":\"%s\",\"password\":\"a long enough password\"}";
        String schedule = "{\"name\":\"Scheduled\",\"capacity\":4,\"schedule\":{\"rrule\":\"FREQ=WEEKLY\",\"firstStart\":\"%s\","
                + "\"timeZone\":\"Europe/London\",\"minutes\":60}}";
        String far = "+294277-01-01T00:00:00Z";
        return Stream.of(
                new Case("register: NUL in a name, no sign-in", HttpMethod.POST, "/api/v1/auth/register", register.formatted("a" + NUL + "b"), false, 422, "firstName"),
                new Case("register: lone surrogate in a name", HttpMethod.POST, "/api/v1/auth/register", register.formatted("a" + LONE_SURROGATE), false, 422, "firstName"),
                new Case("login: NUL in the email", HttpMethod.POST, "/api/v1/auth/login", login.formatted("a" + NUL + "@x.test"), false, 422, "email"),
                new Case("login: lone surrogate in the email", HttpMethod.POST, "/api/v1/auth/login", login.formatted("a" + LONE_SURROGATE + "@x.test"), false, 422, "email"),
                new Case("reset: NUL in the email", HttpMethod.POST, "/api/v1/auth/password-reset", "{\"email\":\"a" + NUL + "@x.test\"}", false, 422, "email"),
                new Case("members: NUL in the search", HttpMethod.GET, "/api/v1/members?q=%00", null, true, 422, "q"),
                new Case("circles: NUL in the search", HttpMethod.GET, "/api/v1/circles?q=%00", null, true, 422, "q"),
                new Case("circles: a true-or-false that is neither", HttpMethod.GET, "/api/v1/circles?openToJoin=zzz", null, true, 400, "openToJoin"),
                new Case("events: a true-or-false that is neither", HttpMethod.GET, "/api/v1/events?staffedByMe=1", null, true, 400, "staffedByMe"),
                new Case("circles: NUL in a path variable", HttpMethod.GET, "/api/v1/circles/%00", null, true, 422, "path"),
                new Case("events: NUL in the type filter", HttpMethod.GET, "/api/v1/events?type=%00", null, true, 422, "type"),
                new Case("circle: NUL in the name", HttpMethod.POST, "/api/v1/circles", "{\"name\":\"a" + NUL + "\",\"capacity\":4}", true, 422, "name"),
                new Case("event: NUL in the title", HttpMethod.POST, "/api/v1/events", event.formatted("a" + NUL, start), true, 422, "title"),
                new Case("public events: from after year 294276, no sign-in", HttpMethod.GET, "/api/v1/public/events?from=%2B294277-01-01T00:00:00Z", null, false, 422, "from"),
                new Case("public events: to before 4713 BC", HttpMethod.GET, "/api/v1/public/events?to=-4714-01-01T00:00:00Z", null, false, 422, "to"),
                new Case("events: from of year 0", HttpMethod.GET, "/api/v1/events?from=0000-01-01T00:00:00Z", null, true, 422, "from"),
                new Case("event: starts in year 294277", HttpMethod.POST, "/api/v1/events", event.formatted("Far", far), true, 422, "startsAt"),
                new Case("audit: from in year 294277", HttpMethod.GET, "/api/v1/audit?from=%2B294277-01-01T00:00:00Z", null, true, 422, "from"),
                new Case("meeting: starts in year 294277", HttpMethod.POST, "/api/v1/circles/" + circle + "/meetings",
                        "{\"startsAt\":\"" + far + "\",\"attendance\":[]}", true, 422, "startsAt"),
                new Case("occurrences: to in year 294277", HttpMethod.GET, "/api/v1/circles/" + circle + "/occurrences?to=%2B294277-01-01T00:00:00Z", null, true, 422, "to"),
                new Case("grant: valid until year 294277", HttpMethod.POST, "/api/v1/members/" + person + "/roles",
                        "{\"role\":\"PTM\",\"validUntil\":\"" + far + "\"}", true, 422, "validUntil"),
                new Case("schedule: first start in year 999999999", HttpMethod.POST, "/api/v1/circles",
                        schedule.formatted("+999999999-12-31T19:00:00"), true, 422, "firstStart"),
                new Case("event: a start that is not a date", HttpMethod.POST, "/api/v1/events", event.formatted("x", "next tuesday"), true, 400, "startsAt"),
                new Case("role: not a role, in the path", HttpMethod.DELETE, "/api/v1/members/" + person + "/roles/0", null, true, 400, "role"),
                new Case("payment status: not a status", HttpMethod.PUT, "/api/v1/circles/" + circle + "/members/" + person + "/payment-status",
                        "{\"status\":\"NOPE\"}", true, 400, "status"),
                new Case("members: role filter not a role", HttpMethod.GET, "/api/v1/members?role=KING", null, true, 400, "role"),
                new Case("circle: not a uuid", HttpMethod.GET, "/api/v1/circles/abc", null, true, 400, "id"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isAProblemNamingTheField(Case c) {
        MutableHttpRequest<Object> request = HttpRequest.create(c.method(), c.path());
        if (c.body() != null) {
            request.body(c.body()).contentType(MediaType.APPLICATION_JSON_TYPE);
        }
        if (c.signedIn()) {
            request.bearerAuth(admin);
        }
        Api.Reply reply = org.api().send(request);

        assertThat(reply.status()).as("%s: %s", c, reply.body()).isEqualTo(c.status());
        assertThat(reply.code()).isEqualTo("VALIDATION_ERROR");
        assertThat(reply.list("errors")).as("%s: %s", c, reply.body())
                .extracting(error -> (Object) ((Map<?, ?>) error).get("field")).contains((Object) c.field());
        assertThat(reply.body().toString()).as("no internals").doesNotContain("io.hearth").doesNotContain("java.")
                .doesNotContain("Failed to convert").doesNotContain("No enum constant");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("enumCases")
    void aValueOutsideAnEnumListsTheAllowedValues(Case c, List<String> allowed) {
        MutableHttpRequest<Object> request = HttpRequest.create(c.method(), c.path()).bearerAuth(admin);
        if (c.body() != null) {
            request.body(c.body()).contentType(MediaType.APPLICATION_JSON_TYPE);
        }
        Api.Reply reply = org.api().send(request);

        assertThat(reply.status()).isEqualTo(c.status());
        assertThat(reply.string("detail")).as("%s", reply.body()).contains(allowed);
    }

    Stream<Arguments> enumCases() {
        return cases().filter(c -> c.status() == 400 && (c.field().equals("role") || c.field().equals("status")))
                .map(c -> Arguments.of(c,
                        c.field().equals("status") ? List.of("CURRENT", "PAST_DUE", "PAUSED", "EXEMPT") : List.of("MEMBER", "FACILITATOR", "PTM", "ADMIN")));
    }
}
