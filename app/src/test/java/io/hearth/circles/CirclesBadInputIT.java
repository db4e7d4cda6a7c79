package io.hearth.circles;

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

import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input on the circles endpoints: problem+json with a stable code, never a 500. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CirclesBadInputIT implements RealStack {

    @Inject @Client("/") HttpClient client;
    @Inject TenantProvisioning provisioning;
    @Inject TenantDirectory directory;
    Org org;
    String circle;

    @BeforeAll
    void organisation() {
        org = Org.create(provisioning, directory, client, "circles-bad");
        circle = org.api().post("/api/v1/circles", Map.of("name", "Bad input circle", "capacity", 5), org.admin().accessToken()).string("id");
    }

    record Case(String name, HttpMethod method, String path, String body, int status) {
        @Override
        public String toString() {
            return name;
        }
    }

    Stream<Arguments> cases() {
        String c = "/api/v1/circles/" + circle;
        return Stream.of(
                new Case("create: malformed JSON", HttpMethod.POST, "/api/v1/circles", "{\"name\":", 400),
                new Case("create: no name", HttpMethod.POST, "/api/v1/circles", "{\"capacity\":4}", 422),
                new Case("create: capacity 1", HttpMethod.POST, "/api/v1/circles", "{\"name\":\"x\",\"capacity\":1}", 422),
                new Case("create: capacity as text", HttpMethod.POST, "/api/v1/circles", "{\"name\":\"x\",\"capacity\":\"ten\"}", 400),
                new Case("create: oversized name", HttpMethod.POST, "/api/v1/circles", "{\"name\":\"" + "x".repeat(101) + "\",\"capacity\":4}", 422),
                new Case("create: http video link", HttpMethod.POST, "/api/v1/circles", "{\"name\":\"x\",\"capacity\":4,\"videoLink\":\"http://x\"}", 422),
                new Case("create: bad rrule", HttpMethod.POST, "/api/v1/circles",
                        "{\"name\":\"x\",\"capacity\":4,\"schedule\":{\"rrule\":\"every week\",\"firstStart\":\"2026-12-01T19:00:00\",\"timeZone\":\"Europe/London\",\"minutes\":60}}", 422),
                new Case("create: bad time zone", HttpMethod.POST, "/api/v1/circles",
                        "{\"name\":\"x\",\"capacity\":4,\"schedule\":{\"rrule\":\"FREQ=WEEKLY\",\"firstStart\":\"2026-12-01T19:00:00\",\"timeZone\":\"Mars/Base\",\"minutes\":60}}", 422),
                new Case("create: bad currency", HttpMethod.POST, "/api/v1/circles",
                        "{\"name\":\"x\",\"capacity\":4,\"dues\":{\"amountCents\":100,\"currency\":\"pounds\",\"interval\":\"MONTHLY\"}}", 422),
                new Case("create: negative dues", HttpMethod.POST, "/api/v1/circles",
                        "{\"name\":\"x\",\"capacity\":4,\"dues\":{\"amountCents\":-1,\"currency\":\"GBP\",\"interval\":\"MONTHLY\"}}", 422),
                new Case("create: unknown facilitator", HttpMethod.POST, "/api/v1/circles",
                        "{\"name\":\"x\",\"capacity\":4,\"facilitatorIds\":[\"" + java.util.UUID.randomUUID() + "\"]}", 422),
                new Case("create: a null facilitator", HttpMethod.POST, "/api/v1/circles", "{\"name\":\"x\",\"capacity\":4,\"facilitatorIds\":[null]}", 422),
                new Case("update: a null facilitator", HttpMethod.PUT, c, "{\"name\":\"x\",\"capacity\":4,\"facilitatorIds\":[null]}", 422),
                new Case("get: not a uuid", HttpMethod.GET, "/api/v1/circles/abc", null, 400),
                new Case("list: bad status", HttpMethod.GET, "/api/v1/circles?status=SLEEPING", null, 422),
                new Case("list: page -1", HttpMethod.GET, "/api/v1/circles?page=-1", null, 422),
                new Case("update: capacity 11", HttpMethod.PUT, c, "{\"name\":\"x\",\"capacity\":11}", 422),
                new Case("add member: no person", HttpMethod.POST, c + "/members", "{}", 422),
                new Case("add member: not a uuid", HttpMethod.POST, c + "/members", "{\"personId\":\"me\"}", 400),
                new Case("meeting: no startsAt", HttpMethod.POST, c + "/meetings", "{\"attendance\":[]}", 422),
                new Case("meeting: bad status", HttpMethod.POST, c + "/meetings", "{\"startsAt\":\"2026-11-01T19:00:00Z\",\"attendance\":[{\"personId\":\""
                        + java.util.UUID.randomUUID() + "\",\"status\":\"ASLEEP\"}]}", 400),
                new Case("meeting: bad date", HttpMethod.POST, c + "/meetings", "{\"startsAt\":\"yesterday\",\"attendance\":[]}", 400),
                new Case("attendance: last 0", HttpMethod.GET, c + "/attendance?last=0", null, 422),
                new Case("occurrences: to before from", HttpMethod.GET, c + "/occurrences?from=2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z", null, 422),
                new Case("reschedule: neither start nor cancelled", HttpMethod.PUT, c + "/occurrences/2026-12-01T19:00:00Z", "{}", 422),
                new Case("payment status: unknown", HttpMethod.PUT, c + "/members/" + java.util.UUID.randomUUID() + "/payment-status", "{\"status\":\"RICH\"}", 400),
                new Case("transfer: no target", HttpMethod.POST, c + "/transfer-requests", "{}", 422),
                new Case("goal: no title", HttpMethod.POST, "/api/v1/me/goals", "{\"visibility\":\"PRIVATE\"}", 422),
                new Case("goal: percent 101", HttpMethod.POST, "/api/v1/me/goals/" + java.util.UUID.randomUUID() + "/progress", "{\"note\":\"x\",\"percent\":101}", 422),
                new Case("health: weeks 0", HttpMethod.GET, "/api/v1/reports/circle-health?weeksWithoutMeeting=0", null, 422),
                new Case("calendar: bad token", HttpMethod.GET, "/api/v1/calendar/x.ics", null, 422)).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answersBadInputWithAProblem(Case c) {
        MutableHttpRequest<Object> request = HttpRequest.create(c.method(), c.path());
        if (c.body() != null) {
            request.body(c.body()).contentType(MediaType.APPLICATION_JSON_TYPE);
        }
        request.bearerAuth(org.admin().accessToken());

        Api.Reply reply = org.api().send(request);

        assertThat(reply.status()).as("%s: %s", c.name(), reply.body()).isEqualTo(c.status());
        assertThat(reply.code()).isEqualTo("VALIDATION_ERROR");
        assertThat(reply.headers().getContentType()).hasValue("application/problem+json");
    }
}
