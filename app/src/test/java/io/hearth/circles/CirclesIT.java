package io.hearth.circles;

import io.hearth.Api;
import io.hearth.RealStack;
import io.hearth.identity.Org;
import io.hearth.identity.Role;
import io.hearth.infra.LocalStack;
import io.hearth.tenancy.TenantDirectory;
import io.hearth.tenancy.TenantProvisioning;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Circles through the API: capacity under concurrency, one circle at a time, the waiting list, transfers, meetings. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CirclesIT implements RealStack {

    @Inject @Client("/") HttpClient client;
    @Inject TenantProvisioning provisioning;
    @Inject TenantDirectory directory;
    Org org;
    Api api;
    Org.Member admin;
    Org.Member facilitator;

    @BeforeAll
    void organisation() {
        org = Org.create(provisioning, directory, client, "circles");
        api = org.api();
        admin = org.admin();
        facilitator = org.member(Role.FACILITATOR);
    }

    private Map<String, Object> circle(int capacity, boolean open) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "Circle " + UUID.randomUUID().toString().substring(0, 6));
        body.put("capacity", capacity);
        body.put("openToJoin", open);
        Api.Reply created = api.post("/api/v1/circles", body, facilitator.accessToken());
        assertThat(created.status()).as("create: %s", created.body()).isEqualTo(201);
        return created.body();
    }

    private Api.Reply add(Object circleId, UUID person) {
        return api.post("/api/v1/circles/" + circleId + "/members", Map.of("personId", person.toString()), facilitator.accessToken());
    }

    @Test
    void createsACircleFacilitatedByItsCreator() {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "Tuesday Men");
        body.put("description", "We meet weekly");
        body.put("capacity", 8);
        body.put("videoLink", "https://meet.example/tuesday");
        body.put("schedule", Map.of("rrule", "FREQ=WEEKLY;BYDAY=TU", "firstStart", "2026-10-06T19:00:00", "timeZone", "Europe/London", "minutes", 120));
        body.put("dues", Map.of("amountCents", 2500, "currency", "GBP", "interval", "MONTHLY"));

        Api.Reply created = api.post("/api/v1/circles", body, facilitator.accessToken());

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).hasValue("/api/v1/circles/" + created.string("id"));
        assertThat(created.body()).containsEntry("capacity", 8).containsEntry("openSeats", 8).containsEntry("status", "ACTIVE");
        assertThat(created.list("facilitators").toString()).contains(facilitator.id().toString());
        assertThat(created.map("schedule")).containsEntry("timeZone", "Europe/London");
    }

    @Test
    void refusesACapacityOutsideTwoToTen() {
        Api.Reply reply = api.post("/api/v1/circles", Map.of("name", "Too big", "capacity", 11), facilitator.accessToken());

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.list("errors").toString()).contains("capacity");
    }

    @Test
    void neverSeatsMoreThanTheCapacityUnderConcurrentAdds() throws Exception {
        Map<String, Object> circle = circle(3, false);
        List<Org.Member> men = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            men.add(org.member());
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Api.Reply>> replies = new ArrayList<>();

        for (Org.Member man : men) {
            Callable<Api.Reply> join = () -> add(circle.get("id"), man.id());
            replies.add(pool.submit(join));
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Api.Reply> reply : replies) {
            statuses.add(reply.get().status());
        }
        pool.shutdown();

        assertThat(statuses).filteredOn(s -> s == 201).hasSize(3);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(5);
        assertThat(api.get("/api/v1/circles/" + circle.get("id"), facilitator.accessToken()).body()).containsEntry("memberCount", 3).containsEntry("openSeats", 0);
    }

    @Test
    void parallelApprovalsForTheLastSeatSeatExactlyOneMan() throws Exception {
        Map<String, Object> circle = circle(3, true);
        List<String> requests = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            requests.add(api.post("/api/v1/circles/" + circle.get("id") + "/join-requests", Map.of(), org.member().accessToken()).string("id"));
        }
        add(circle.get("id"), org.member().id());
        add(circle.get("id"), org.member().id());
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<Api.Reply>> replies = new ArrayList<>();

        for (String request : requests) {
            replies.add(pool.submit(() -> api.post("/api/v1/circles/" + circle.get("id") + "/join-requests/" + request + "/approve", null,
                    facilitator.accessToken())));
        }
        List<String> outcomes = new ArrayList<>();
        for (Future<Api.Reply> reply : replies) {
            Api.Reply r = reply.get();
            outcomes.add(r.status() == 201 ? "SEATED" : r.code());
        }
        pool.shutdown();

        assertThat(outcomes).filteredOn("SEATED"::equals).hasSize(1);
        assertThat(outcomes).filteredOn("CIRCLE_FULL"::equals).hasSize(5);
        assertThat(api.get("/api/v1/circles/" + circle.get("id"), facilitator.accessToken()).body()).containsEntry("memberCount", 3);
    }

    @Test
    void aManIsInOneCircleAtATime() {
        Map<String, Object> first = circle(5, false);
        Map<String, Object> second = circle(5, false);
        Org.Member man = org.member();

        Api.Reply joined = add(first.get("id"), man.id());
        Api.Reply again = add(second.get("id"), man.id());

        assertThat(joined.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("ALREADY_IN_A_CIRCLE");
    }

    @Test
    void aFullCircleWaitlistsInOrderAndOffersAFreedSeatToTheFirst() {
        Map<String, Object> circle = circle(2, true);
        Org.Member a = org.member();
        Org.Member b = org.member();
        add(circle.get("id"), a.id());
        add(circle.get("id"), b.id());
        Org.Member first = org.member();
        Org.Member second = org.member();

        Api.Reply w1 = api.post("/api/v1/circles/" + circle.get("id") + "/join-requests", Map.of("message", "me please"), first.accessToken());
        Api.Reply w2 = api.post("/api/v1/circles/" + circle.get("id") + "/join-requests", Map.of(), second.accessToken());
        Api.Reply left = api.post("/api/v1/circles/" + circle.get("id") + "/leave", null, a.accessToken());
        List<Object> queue = api.get("/api/v1/circles/" + circle.get("id") + "/join-requests", facilitator.accessToken()).list("items");
        Api.Reply sneakIn = add(circle.get("id"), org.member().id());
        Api.Reply approved = api.post("/api/v1/circles/" + circle.get("id") + "/join-requests/" + w1.string("id") + "/approve", null, facilitator.accessToken());

        assertThat(w1.body()).containsEntry("status", "WAITLISTED").containsEntry("waitlistPosition", 1);
        assertThat(w2.body()).containsEntry("status", "WAITLISTED").containsEntry("waitlistPosition", 2);
        assertThat(left.status()).isEqualTo(204);
        assertThat(map(queue.get(0))).containsEntry("status", "OFFERED").containsEntry("personId", first.id().toString());
        assertThat(map(queue.get(1))).containsEntry("status", "WAITLISTED").containsEntry("waitlistPosition", 1);
        assertThat(sneakIn.status()).as("the offered seat is held for the first in line").isEqualTo(409);
        assertThat(approved.status()).isEqualTo(201);
        assertThat(api.get("/api/v1/circles/" + circle.get("id") + "/members?history=true", facilitator.accessToken()).status()).isEqualTo(200);
    }

    @Test
    void aTransferHappensOnlyWhenBothFacilitatorsApprove() {
        Map<String, Object> from = circle(5, false);
        Org.Member other = org.member(Role.FACILITATOR);
        Api.Reply to = api.post("/api/v1/circles", Map.of("name", "Other " + UUID.randomUUID(), "capacity", 5), other.accessToken());
        Org.Member man = org.member();
        add(from.get("id"), man.id());

        Api.Reply asked = api.post("/api/v1/circles/" + from.get("id") + "/transfer-requests", Map.of("toCircleId", to.string("id")), man.accessToken());
        Api.Reply oneSide = api.post("/api/v1/transfer-requests/" + asked.string("id") + "/approve", null, facilitator.accessToken());
        Api.Reply stranger = api.post("/api/v1/transfer-requests/" + asked.string("id") + "/approve", null, org.member(Role.FACILITATOR).accessToken());
        Api.Reply bothSides = api.post("/api/v1/transfer-requests/" + asked.string("id") + "/approve", null, other.accessToken());
        Api.Reply history = api.get("/api/v1/circles/" + from.get("id") + "/members?history=true", facilitator.accessToken());
        Api.Reply memberOfFrom = api.get("/api/v1/circles/" + from.get("id"), facilitator.accessToken());

        assertThat(asked.status()).isEqualTo(201);
        assertThat(oneSide.body()).containsEntry("status", "PENDING").containsEntry("approvedByFromCircle", true);
        assertThat(stranger.status()).isEqualTo(403);
        assertThat(bothSides.body()).containsEntry("status", "COMPLETED");
        assertThat(history.list("items")).singleElement().satisfies(row -> assertThat(map(row)).containsEntry("leaveReason", "MOVED"));
        assertThat(memberOfFrom.body()).containsEntry("memberCount", 0);
        assertThat(api.get("/api/v1/circles/" + to.string("id"), other.accessToken()).body()).containsEntry("memberCount", 1);
    }

    @Test
    void recordsAMeetingInOneRequestAndTellsFacilitatorsOfAnAbsenceStreak() throws Exception {
        Map<String, Object> circle = circle(5, false);
        Org.Member present = org.member();
        Org.Member absent = org.member();
        add(circle.get("id"), present.id());
        add(circle.get("id"), absent.id());

        for (int week = 1; week <= 3; week++) {
            Api.Reply meeting = api.post("/api/v1/circles/" + circle.get("id") + "/meetings", Map.of(
                    "startsAt", "2026-11-0" + week + "T19:00:00Z",
                    "attendance", List.of(Map.of("personId", present.id().toString(), "status", "PRESENT"),
                            Map.of("personId", absent.id().toString(), "status", "ABSENT")),
                    "notes", "private notes " + week), facilitator.accessToken());
            assertThat(meeting.status()).as("meeting: %s", meeting.body()).isEqualTo(201);
        }
        Api.Reply figures = api.get("/api/v1/circles/" + circle.get("id") + "/attendance?last=10", facilitator.accessToken());
        Api.Reply memberView = api.get("/api/v1/circles/" + circle.get("id") + "/meetings", present.accessToken());

        assertThat(figures.body()).containsEntry("rate", 0.5);
        assertThat(figures.list("members").toString()).contains("absenceStreak=3").contains("rate=1.0");
        assertThat(memberView.status()).isEqualTo(200);
        assertThat(memberView.body().toString()).doesNotContain("private notes");
        assertThat(outboxEvents("MemberAbsenceStreakReached", absent.id())).isEqualTo(1);
        Api.Reply health = api.get("/api/v1/reports/circle-health", admin.accessToken());
        assertThat(health.list("circles")).anySatisfy(row -> assertThat(map(row)).containsEntry("circleId", circle.get("id"))
                .containsEntry("attendanceRecent", 0.5));
    }

    @Test
    void anArchivedCircleKeepsItsHistoryReadOnly() {
        Map<String, Object> circle = circle(4, false);
        Org.Member man = org.member();
        add(circle.get("id"), man.id());

        Api.Reply archived = api.post("/api/v1/circles/" + circle.get("id") + "/archive", null, facilitator.accessToken());
        Api.Reply addAfter = add(circle.get("id"), org.member().id());
        Api.Reply history = api.get("/api/v1/circles/" + circle.get("id") + "/members?history=true", admin.accessToken());

        assertThat(archived.body()).containsEntry("status", "ARCHIVED").containsEntry("memberCount", 0);
        assertThat(addAfter.status()).isEqualTo(409);
        assertThat(addAfter.code()).isEqualTo("CIRCLE_ARCHIVED");
        assertThat(history.list("items")).singleElement().satisfies(row -> assertThat(map(row)).containsEntry("leaveReason", "REMOVED"));
    }

    @Test
    void aCircleOfOneOrganisationIsInvisibleFromAnother() {
        Map<String, Object> circle = circle(4, true);
        Org other = Org.create(provisioning, directory, client, "circles-other");

        Api.Reply there = other.api().get("/api/v1/circles/" + circle.get("id"), other.admin().accessToken());
        Api.Reply list = other.api().get("/api/v1/circles", other.admin().accessToken());

        assertThat(there.status()).isEqualTo(404);
        assertThat(list.body()).containsEntry("totalItems", 0);
    }

    @Test
    void hisCircleAndRequestsAreOnlyThoseOfTheOrganisationHeBelongsTo() {
        Map<String, Object> circle = circle(4, true);
        Org.Member man = org.member();
        api.post("/api/v1/circles/" + circle.get("id") + "/join-requests", Map.of(), man.accessToken());
        Org other = Org.create(provisioning, directory, client, "my-circle-other");

        Api.Reply here = api.get("/api/v1/me/circle", man.accessToken());
        Api.Reply there = other.api().get("/api/v1/me/circle", other.member().accessToken());

        assertThat(here.list("joinRequests")).hasSize(1);
        assertThat(there.map("circle")).isNull();
        assertThat(there.list("joinRequests")).isEmpty();
    }

    @Test
    void aMemberSeesHisCircleAndOpenOnesButNotOthers() {
        Map<String, Object> closed = circle(4, false);
        Map<String, Object> open = circle(4, true);
        Org.Member man = org.member();

        Api.Reply closedView = api.get("/api/v1/circles/" + closed.get("id"), man.accessToken());
        Api.Reply openView = api.get("/api/v1/circles/" + open.get("id"), man.accessToken());
        Api.Reply changeOpen = api.put("/api/v1/circles/" + open.get("id"), Map.of("name", "Mine now", "capacity", 4), man.accessToken());

        assertThat(closedView.status()).isEqualTo(404);
        assertThat(openView.status()).isEqualTo(200);
        assertThat(changeOpen.status()).isEqualTo(403);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object row) {
        return (Map<String, Object>) row;
    }

    private long outboxEvents(String type, UUID person) throws Exception {
        LocalStack stack = RealStack.stack();
        try (Connection connection = DriverManager.getConnection(stack.jdbcUrl(LocalStack.Database.APP), stack.dbUsername(), stack.dbPassword());
             PreparedStatement statement = connection.prepareStatement("select count(*) from public.outbox where event_type = ? and payload like ?")) {
            statement.setString(1, type);
            statement.setString(2, "%" + person + "%");
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
