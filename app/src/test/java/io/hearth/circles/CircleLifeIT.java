package io.hearth.circles;

import io.hearth.Api;
import io.hearth.RealStack;
import io.hearth.identity.Org;
import io.hearth.identity.Role;
import io.hearth.tenancy.TenantDirectory;
import io.hearth.tenancy.TenantProvisioning;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.StringReader;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Goals, the calendar feed, moving and cancelling meetings, payment status and circle health, through the API. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CircleLifeIT implements RealStack {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    @Inject @Client("/") HttpClient client;
    @Inject TenantProvisioning provisioning;
    @Inject TenantDirectory directory;
    Org org;
    Api api;
    Org.Member facilitator;
    Org.Member man;
    Org.Member brother;
    String circleId;
    LocalDateTime firstStart;

    @BeforeAll
    void organisation() {
        org = Org.create(provisioning, directory, client, "life");
        api = org.api();
        facilitator = org.member(Role.FACILITATOR);
        man = org.member();
        brother = org.member();
        firstStart = LocalDateTime.now(LONDON).truncatedTo(ChronoUnit.DAYS).plusDays(1).withHour(19);
        Map<String, Object> body = new HashMap<>();
        body.put("name", "Thursday Men");
        body.put("capacity", 6);
        body.put("location", "Hall, 1 High St, Leeds");
        body.put("schedule", Map.of("rrule", "FREQ=WEEKLY", "firstStart", firstStart.toString(), "timeZone", "Europe/London", "minutes", 90));
        Api.Reply circle = api.post("/api/v1/circles", body, facilitator.accessToken());
        circleId = circle.string("id");
        api.post("/api/v1/circles/" + circleId + "/members", Map.of("personId", man.id().toString()), facilitator.accessToken());
        api.post("/api/v1/circles/" + circleId + "/members", Map.of("personId", brother.id().toString()), facilitator.accessToken());
    }

    @Test
    void aSharedGoalIsSeenByTheCircleAPrivateOneIsNot() {
        Api.Reply shared = api.post("/api/v1/me/goals", Map.of("title", "Run a marathon", "visibility", "CIRCLE"), man.accessToken());
        api.post("/api/v1/me/goals", Map.of("title", "Something private", "visibility", "PRIVATE"), man.accessToken());
        Api.Reply progress = api.post("/api/v1/me/goals/" + shared.string("id") + "/progress", Map.of("note", "10 km done", "percent", 25), man.accessToken());

        Api.Reply inCircle = api.get("/api/v1/circles/" + circleId + "/goals", brother.accessToken());
        Api.Reply othersGoal = api.post("/api/v1/me/goals/" + shared.string("id") + "/progress", Map.of("note", "not mine"), brother.accessToken());

        assertThat(progress.body()).containsEntry("percent", 25);
        assertThat(inCircle.list("items").toString()).contains("Run a marathon").doesNotContain("Something private");
        assertThat(othersGoal.status()).isEqualTo(404);
    }

    @Test
    void progressWithoutAPercentIsANoteAndKeepsTheLastFigure() {
        Api.Reply goal = api.post("/api/v1/me/goals", Map.of("title", "Call my father weekly", "visibility", "PRIVATE"), man.accessToken());
        api.post("/api/v1/me/goals/" + goal.string("id") + "/progress", Map.of("note", "two calls", "percent", 40), man.accessToken());

        Api.Reply noPercent = api.post("/api/v1/me/goals/" + goal.string("id") + "/progress", Map.of("note", "a good talk"), man.accessToken());

        assertThat(noPercent.status()).as("progress without percent: %s", noPercent.body()).isEqualTo(201);
        assertThat(noPercent.body()).containsEntry("percent", 40);
    }

    @Test
    void theCalendarFeedIsValidRfc5545WithTheMeetingsAtSevenLondonTime() throws Exception {
        Api.Reply feed = api.post("/api/v1/me/calendar-feed", null, man.accessToken());
        String path = URI.create(feed.string("url")).getPath();

        String ics = client.toBlocking().retrieve(HttpRequest.GET(path).header("Host", org.tenant().slug() + ".localhost"), String.class);
        Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
        List<VEvent> events = calendar.getComponents("VEVENT");

        assertThat(feed.status()).isEqualTo(201);
        assertThat(events).hasSizeGreaterThan(40);
        ZonedDateTime first = ZonedDateTime.ofInstant(Instant.from(events.get(0).getDateTimeStart().getDate()), LONDON);
        assertThat(first.getHour()).isEqualTo(19);
        assertThat(ics).contains("SUMMARY:Thursday Men").contains("LOCATION:Hall\\, 1 High St\\, Leeds");
    }

    @Test
    void resettingTheFeedRetiresTheOldUrl() {
        String old = URI.create(api.post("/api/v1/me/calendar-feed", null, brother.accessToken()).string("url")).getPath();
        api.post("/api/v1/me/calendar-feed", null, brother.accessToken());

        Api.Reply gone = api.get(old, null);

        assertThat(gone.status()).isEqualTo(404);
    }

    @Test
    void aMeetingCanBeMovedOrCancelledAlone() {
        Instant second = firstStart.plusWeeks(1).atZone(LONDON).toInstant();
        Instant third = firstStart.plusWeeks(2).atZone(LONDON).toInstant();
        Instant moved = second.plusSeconds(86_400);

        Api.Reply move = api.put("/api/v1/circles/" + circleId + "/occurrences/" + second, Map.of("start", moved.toString()), facilitator.accessToken());
        Api.Reply cancel = api.put("/api/v1/circles/" + circleId + "/occurrences/" + third, Map.of("cancelled", true), facilitator.accessToken());
        Api.Reply notPlanned = api.put("/api/v1/circles/" + circleId + "/occurrences/" + second.plusSeconds(60), Map.of("cancelled", true), facilitator.accessToken());
        Api.Reply byMember = api.put("/api/v1/circles/" + circleId + "/occurrences/" + third, Map.of("cancelled", true), man.accessToken());
        Api.Reply occurrences = api.get("/api/v1/circles/" + circleId + "/occurrences?from=" + second.minusSeconds(3600) + "&to=" + third.plusSeconds(3600), man.accessToken());

        assertThat(move.status()).isEqualTo(200);
        assertThat(move.body()).containsEntry("moved", true).containsEntry("start", moved.toString());
        assertThat(cancel.body()).containsEntry("cancelled", true);
        assertThat(notPlanned.status()).isEqualTo(404);
        assertThat(byMember.status()).isEqualTo(403);
        assertThat(occurrences.list("items")).hasSize(2);
    }

    @Test
    void paymentStatusIsSetByHandAndShownToFacilitatorsOnly() {
        Api.Reply paused = api.put("/api/v1/circles/" + circleId + "/members/" + brother.id() + "/payment-status", Map.of("status", "PAUSED"), facilitator.accessToken());
        Api.Reply asFacilitator = api.get("/api/v1/circles/" + circleId + "/members", facilitator.accessToken());
        Api.Reply asMember = api.get("/api/v1/circles/" + circleId + "/members", man.accessToken());
        Api.Reply bad = api.put("/api/v1/circles/" + circleId + "/members/" + brother.id() + "/payment-status", Map.of("status", "RICH"), facilitator.accessToken());

        assertThat(paused.body()).containsEntry("paymentStatus", "PAUSED");
        assertThat(asFacilitator.list("items").toString()).contains("PAUSED");
        assertThat(asMember.list("items").toString()).doesNotContain("paymentStatus").doesNotContain("PAUSED");
        assertThat(bad.status()).isEqualTo(400);
    }

    @Test
    void leadershipSeesCircleHealthAsJsonAndCsvAndMembersDoNot() {
        Org.Member leader = org.member(Role.LEADERSHIP);

        Api.Reply report = api.get("/api/v1/reports/circle-health?weeksWithoutMeeting=2", leader.accessToken());
        String csv = client.toBlocking().retrieve(HttpRequest.GET("/api/v1/reports/circle-health/export.csv")
                .header("Host", org.tenant().slug() + ".localhost").bearerAuth(leader.accessToken()), String.class);
        Api.Reply asMember = api.get("/api/v1/reports/circle-health", man.accessToken());

        assertThat(report.status()).isEqualTo(200);
        assertThat(report.list("circles").toString()).contains("Thursday Men").contains("withoutMeeting=true");
        assertThat(report.body()).containsKeys("circlesBySize", "openSeats", "circlesWithoutMeeting");
        assertThat(csv.lines().findFirst().orElseThrow()).startsWith("circle_id,name,capacity,members,open_seats");
        assertThat(csv).contains("Thursday Men,6,2,4");
        assertThat(asMember.status()).isEqualTo(403);
    }

    @Test
    void anUnknownFeedIsNotFound() {
        assertThat(api.get("/api/v1/calendar/" + UUID.randomUUID().toString().replace("-", "") + ".ics", null).status()).isEqualTo(404);
    }

    @Test
    void aManSeesHisOwnCircleAndWhereHisRequestsToJoinStand() {
        Org.Member stranger = org.member();
        Api.Reply open = api.post("/api/v1/circles", Map.of("name", "Open for asking", "capacity", 2, "openToJoin", true), facilitator.accessToken());
        String openId = open.string("id");
        api.post("/api/v1/circles/" + openId + "/members", Map.of("personId", org.member().id().toString()), facilitator.accessToken());
        api.post("/api/v1/circles/" + openId + "/members", Map.of("personId", org.member().id().toString()), facilitator.accessToken());
        api.post("/api/v1/circles/" + openId + "/join-requests", Map.of(), stranger.accessToken());

        Api.Reply his = api.get("/api/v1/me/circle", man.accessToken());
        Api.Reply waiting = api.get("/api/v1/me/circle", stranger.accessToken());

        assertThat(his.status()).isEqualTo(200);
        assertThat(his.map("circle")).containsEntry("id", circleId);
        assertThat(his.list("joinRequests")).isEmpty();
        assertThat(waiting.map("circle")).isNull();
        assertThat(waiting.list("joinRequests")).singleElement().satisfies(request -> assertThat((Map<String, Object>) request)
                .containsEntry("circleId", openId).containsEntry("status", "WAITLISTED").containsEntry("waitlistPosition", 1));
    }

    @Test
    void aMeetingSentAgainWithTheSameIdempotencyKeyIsRecordedOnce() {
        Map<String, Object> meeting = Map.of("startsAt", "2026-03-03T19:00:00Z", "attendance", List.of(
                Map.of("personId", man.id().toString(), "status", "PRESENT"), Map.of("personId", brother.id().toString(), "status", "EXCUSED")));
        io.micronaut.http.MutableHttpRequest<Object> first = io.micronaut.http.HttpRequest.POST("/api/v1/circles/" + circleId + "/meetings", (Object) meeting)
                .bearerAuth(facilitator.accessToken()).header("Idempotency-Key", "offline-queue-key-1");
        io.micronaut.http.MutableHttpRequest<Object> again = io.micronaut.http.HttpRequest.POST("/api/v1/circles/" + circleId + "/meetings", (Object) meeting)
                .bearerAuth(facilitator.accessToken()).header("Idempotency-Key", "offline-queue-key-1");
        io.micronaut.http.MutableHttpRequest<Object> withoutKey = io.micronaut.http.HttpRequest.POST("/api/v1/circles/" + circleId + "/meetings", (Object) meeting)
                .bearerAuth(facilitator.accessToken());

        Api.Reply recorded = api.send(first);
        Api.Reply repeated = api.send(again);
        Api.Reply twice = api.send(withoutKey);

        assertThat(recorded.status()).isEqualTo(201);
        assertThat(repeated.status()).isEqualTo(201);
        assertThat(repeated.string("id")).isEqualTo(recorded.string("id"));
        assertThat(twice.status()).as("without a key, the same time is a second meeting").isEqualTo(409);
        List<Object> meetings = api.get("/api/v1/circles/" + circleId + "/meetings?size=200", facilitator.accessToken()).list("items");
        assertThat(meetings.stream().filter(m -> "2026-03-03T19:00:00Z".equals(((Map<?, ?>) m).get("startsAt")))).hasSize(1);
    }
}
