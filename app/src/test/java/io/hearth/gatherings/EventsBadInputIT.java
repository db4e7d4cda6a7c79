package io.hearth.gatherings;

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
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input on the events endpoints: problem+json with a stable code, never a 500. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventsBadInputIT implements RealStack {

    @Inject @Client("/") HttpClient client;
    @Inject TenantProvisioning provisioning;
    @Inject TenantDirectory directory;
    Org org;
    String event;
    String start = Instant.now().plus(Duration.ofDays(3)).toString();
    String end = Instant.now().plus(Duration.ofDays(3)).plus(Duration.ofHours(2)).toString();

    @BeforeAll
    void organisation() {
        org = Org.create(provisioning, directory, client, "events-bad");
        event = org.api().post("/api/v1/events", Map.of("type", "WORKSHOP", "title", "Bad input", "startsAt", start, "endsAt", end,
                "timeZone", "Europe/London", "capacity", 5, "visibility", "MEMBERS"), org.admin().accessToken()).string("id");
    }

    record Case(String name, HttpMethod method, String path, String body, int status, String code) {
        @Override
        public String toString() {
            return name;
        }
    }

    private String definition(String field, String value) {
        String base = "\"type\":\"WORKSHOP\",\"title\":\"x\",\"startsAt\":\"" + start + "\",\"endsAt\":\"" + end
                + "\",\"timeZone\":\"Europe/London\",\"capacity\":5,\"visibility\":\"MEMBERS\"";
        return "{" + base.replaceAll("\"" + field + "\":(\"[^\"]*\"|\\d+)", "\"" + field + "\":" + value) + (base.contains("\"" + field + "\"") ? "" : ",\"" + field + "\":" + value) + "}";
    }

    Stream<Arguments> cases() {
        String e = "/api/v1/events/" + event;
        return Stream.of(
                new Case("create: malformed JSON", HttpMethod.POST, "/api/v1/events", "{\"title\":", 400, "VALIDATION_ERROR"),
                new Case("create: empty", HttpMethod.POST, "/api/v1/events", "{}", 422, "VALIDATION_ERROR"),
                new Case("create: unknown type", HttpMethod.POST, "/api/v1/events", definition("type", "\"KARAOKE\""), 422, "VALIDATION_ERROR"),
                new Case("create: ends before it starts", HttpMethod.POST, "/api/v1/events", definition("endsAt", "\"" + start.replace("T", "T") + "\""), 422, "VALIDATION_ERROR"),
                new Case("create: capacity 0", HttpMethod.POST, "/api/v1/events", definition("capacity", "0"), 422, "VALIDATION_ERROR"),
                new Case("create: capacity text", HttpMethod.POST, "/api/v1/events", definition("capacity", "\"many\""), 400, "VALIDATION_ERROR"),
                new Case("create: bad visibility", HttpMethod.POST, "/api/v1/events", definition("visibility", "\"FRIENDS\""), 422, "VALIDATION_ERROR"),
                new Case("create: bad time zone", HttpMethod.POST, "/api/v1/events", definition("timeZone", "\"Moon/Base\""), 422, "VALIDATION_ERROR"),
                new Case("create: bad date", HttpMethod.POST, "/api/v1/events", definition("startsAt", "\"next week\""), 400, "VALIDATION_ERROR"),
                new Case("create: price in pounds", HttpMethod.POST, "/api/v1/events",
                        definition("priceOptions", "[{\"code\":\"STD\",\"name\":\"Standard\",\"amountCents\":10,\"currency\":\"pounds\"}]"), 422, "VALIDATION_ERROR"),
                new Case("create: duplicate price codes", HttpMethod.POST, "/api/v1/events", definition("priceOptions",
                        "[{\"code\":\"STD\",\"name\":\"a\",\"amountCents\":10,\"currency\":\"GBP\"},{\"code\":\"STD\",\"name\":\"b\",\"amountCents\":20,\"currency\":\"GBP\"}]"),
                        422, "VALIDATION_ERROR"),
                new Case("create: choice question without choices", HttpMethod.POST, "/api/v1/events",
                        definition("questions", "[{\"kind\":\"CHOICE\",\"label\":\"Pick\"}]"), 422, "VALIDATION_ERROR"),
                new Case("create: unknown question kind", HttpMethod.POST, "/api/v1/events",
                        definition("questions", "[{\"kind\":\"ESSAY\",\"label\":\"Pick\"}]"), 400, "VALIDATION_ERROR"),
                new Case("get: not a uuid", HttpMethod.GET, "/api/v1/events/abc", null, 400, "VALIDATION_ERROR"),
                new Case("get: unknown", HttpMethod.GET, "/api/v1/events/" + UUID.randomUUID(), null, 404, "RESOURCE_NOT_FOUND"),
                new Case("list: bad status", HttpMethod.GET, "/api/v1/events?status=MAYBE", null, 422, "VALIDATION_ERROR"),
                new Case("list: bad from", HttpMethod.GET, "/api/v1/events?from=soon", null, 400, "VALIDATION_ERROR"),
                new Case("type: lower case code", HttpMethod.POST, "/api/v1/event-types", "{\"code\":\"karaoke\",\"name\":\"K\"}", 422, "VALIDATION_ERROR"),
                new Case("type: builtin again", HttpMethod.POST, "/api/v1/event-types", "{\"code\":\"WORKSHOP\",\"name\":\"K\"}", 409, "RESOURCE_CONFLICT"),
                new Case("register: unknown price option", HttpMethod.POST, e + "/register", "{\"priceOption\":\"VIP\"}", 422, "VALIDATION_ERROR"),
                new Case("register: unknown sponsor", HttpMethod.POST, e + "/register", "{\"sponsorId\":\"" + UUID.randomUUID() + "\"}", 422, "VALIDATION_ERROR"),
                new Case("register: answers not an object", HttpMethod.POST, e + "/register", "{\"answers\":[1]}", 400, "VALIDATION_ERROR"),
                new Case("register: unknown event", HttpMethod.POST, "/api/v1/events/" + UUID.randomUUID() + "/register", "{}", 404, "RESOURCE_NOT_FOUND"),
                new Case("cancel event: no reason", HttpMethod.POST, e + "/cancel", "{}", 422, "VALIDATION_ERROR"),
                new Case("staff: custom without name", HttpMethod.POST, e + "/staff", "{\"personId\":\"" + UUID.randomUUID() + "\",\"role\":\"CUSTOM\"}", 422, "VALIDATION_ERROR"),
                new Case("staff: unknown role", HttpMethod.POST, e + "/staff", "{\"personId\":\"" + UUID.randomUUID() + "\",\"role\":\"CHEF\"}", 400, "VALIDATION_ERROR"),
                new Case("care team: staff who is not staff", HttpMethod.POST, e + "/care-teams", "{\"name\":\"A\",\"staffId\":\"" + UUID.randomUUID() + "\"}", 422, "VALIDATION_ERROR"),
                new Case("check-in: empty token", HttpMethod.POST, e + "/check-in", "{\"token\":\"\"}", 422, "VALIDATION_ERROR"),
                new Case("check-in: forged token", HttpMethod.POST, e + "/check-in", "{\"token\":\"a.b.c\"}", 422, "TICKET_INVALID"),
                new Case("registrations: bad status", HttpMethod.GET, e + "/registrations?status=HAPPY", null, 400, "VALIDATION_ERROR")).map(Arguments::of);
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
        assertThat(reply.code()).isEqualTo(c.code());
        assertThat(reply.headers().getContentType()).hasValue("application/problem+json");
    }
}
