package io.hearth.polls;

import io.hearth.Api;
import io.hearth.PermissionMatrix;
import io.hearth.PermissionMatrix.Row;
import io.hearth.RealStack;
import io.hearth.identity.Org;
import io.hearth.identity.Role;
import io.hearth.tenancy.TenantDirectory;
import io.hearth.tenancy.TenantProvisioning;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Polls through the API: meeting times with quorum, clashes and the meeting they arrange; questions; reminders; who may do what; isolation. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PollsIT implements RealStack {

    private static final Instant DAY = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofDays(3));

    @Inject @Client("/") HttpClient client;
    @Inject TenantProvisioning provisioning;
    @Inject TenantDirectory directory;
    @Inject Polls polls;
    Org org;
    Api api;
    Org.Member facilitator;
    Org.Member admin;

    @BeforeAll
    void organisation() {
        org = Org.create(provisioning, directory, client, "polls");
        api = org.api();
        admin = org.admin();
        facilitator = org.member(Role.FACILITATOR);
    }

    private String circle(Org.Member... men) {
        String id = api.post("/api/v1/circles", Map.of("name", "Circle " + UUID.randomUUID().toString().substring(0, 6), "capacity", 8),
                facilitator.accessToken()).string("id");
        for (Org.Member man : men) {
            assertThat(api.post("/api/v1/circles/" + id + "/members", Map.of("personId", man.id().toString()), facilitator.accessToken()).status())
                    .isEqualTo(201);
        }
        return id;
    }

    private Api.Reply meetingPoll(String circle, Integer quorum, Instant... slots) {
        Map<String, Object> body = new HashMap<>();
        body.put("scope", "CIRCLE");
        body.put("circleId", circle);
        body.put("kind", "MEETING_TIME");
        body.put("question", "When do we meet next?");
        body.put("options", Stream.of(slots).map(s -> Map.of("startsAt", s.toString(), "minutes", 120)).toList());
        if (quorum != null) {
            body.put("quorum", quorum);
        }
        return api.post("/api/v1/polls", body, facilitator.accessToken());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> option(Api.Reply poll, int i) {
        return (Map<String, Object>) poll.list("options").get(i);
    }

    private static String optionId(Api.Reply poll, int i) {
        return (String) option(poll, i).get("id");
    }

    private Api.Reply answer(String poll, Org.Member man, Map<String, String> answers) {
        return api.put("/api/v1/polls/" + poll + "/answer", Map.of("answers", answers), man.accessToken());
    }

    @Test
    void closingOnASlotThatMeetsTheQuorumArrangesTheCirclesMeeting() {
        Org.Member andy = org.member();
        Org.Member ben = org.member();
        String circle = circle(andy, ben);
        Instant first = DAY.plus(Duration.ofHours(1));
        Instant second = DAY.plus(Duration.ofHours(25));
        Api.Reply poll = meetingPoll(circle, 2, first, second);
        assertThat(poll.status()).as("%s", poll.body()).isEqualTo(201);
        String id = poll.string("id");
        String slot1 = optionId(poll, 0);
        String slot2 = optionId(poll, 1);

        answer(id, facilitator, Map.of(slot1, "YES", slot2, "NO"));
        answer(id, andy, Map.of(slot1, "YES", slot2, "YES"));
        Api.Reply afterBen = answer(id, ben, Map.of(slot1, "IF_NEED_BE", slot2, "YES"));

        assertThat(afterBen.status()).isEqualTo(200);
        assertThat(option(afterBen, 0)).containsEntry("yes", 2).containsEntry("ifNeedBe", 1).containsEntry("mine", "IF_NEED_BE")
                .containsEntry("facilitatorCan", true).containsEntry("meetsQuorum", true);
        assertThat(option(afterBen, 1)).containsEntry("yes", 2).containsEntry("no", 1).containsEntry("meetsQuorum", false)
                .containsEntry("facilitatorCan", false);
        assertThat(afterBen.string("status")).isEqualTo("OPEN");
        assertThat(((Number) afterBen.body().get("respondents")).intValue()).isEqualTo(3);
        assertThat(((Number) afterBen.body().get("audience")).intValue()).isEqualTo(3);

        Api.Reply closed = api.post("/api/v1/polls/" + id + "/close", Map.of("slot", slot1), facilitator.accessToken());

        assertThat(closed.status()).as("%s", closed.body()).isEqualTo(200);
        assertThat(closed.string("status")).isEqualTo("CLOSED");
        assertThat(closed.string("chosenOptionId")).isEqualTo(slot1);
        assertThat(Instant.parse(closed.string("meetingStart"))).isEqualTo(first);
        List<Object> occurrences = api.get("/api/v1/circles/" + circle + "/occurrences?from=" + DAY + "&to=" + DAY.plus(Duration.ofDays(2)),
                andy.accessToken()).list("items");
        assertThat(occurrences).singleElement().satisfies(o -> assertThat(Instant.parse((String) ((Map<?, ?>) o).get("start"))).isEqualTo(first));
        await("the circle hears of its meeting").atMost(Duration.ofSeconds(20)).until(() -> api.get("/api/v1/notifications", ben.accessToken())
                .list("items").stream().anyMatch(n -> "MEETING_CHANGED".equals(((Map<?, ?>) n).get("kind"))
                        && String.valueOf(((Map<?, ?>) n).get("title")).contains("arranged")));
        assertThat(answer(id, andy, Map.of(slot1, "NO")).code()).isEqualTo("POLL_CLOSED");
        assertThat(api.post("/api/v1/polls/" + id + "/close", Map.of("slot", slot1), facilitator.accessToken()).status())
                .as("closing again on the same slot repeats the answer").isEqualTo(200);
        assertThat(api.post("/api/v1/polls/" + id + "/close", Map.of("slot", slot2), facilitator.accessToken()).code()).isEqualTo("POLL_CLOSED");
    }

    @Test
    void aSlotShortOfTheQuorumIsChosenOnlyWhenTheFacilitatorSaysSo() {
        Org.Member andy = org.member();
        Org.Member ben = org.member();
        String circle = circle(andy, ben);
        Instant slot = DAY.plus(Duration.ofHours(3));
        Api.Reply poll = meetingPoll(circle, 2, slot, slot.plus(Duration.ofDays(1)));
        String id = poll.string("id");
        answer(id, facilitator, Map.of(optionId(poll, 0), "YES"));
        answer(id, andy, Map.of(optionId(poll, 0), "YES"));

        Api.Reply refused = api.post("/api/v1/polls/" + id + "/close", Map.of("slot", slot.toString()), facilitator.accessToken());
        Api.Reply anyway = api.post("/api/v1/polls/" + id + "/close", Map.of("slot", slot.toString(), "despiteQuorum", true), facilitator.accessToken());

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("QUORUM_NOT_MET");
        assertThat(anyway.status()).as("%s", anyway.body()).isEqualTo(200);
        assertThat(Instant.parse(anyway.string("meetingStart"))).isEqualTo(slot);
    }

    @Test
    void aPollThatReplacesAMeetingMovesIt() {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "Scheduled " + UUID.randomUUID().toString().substring(0, 6));
        body.put("capacity", 6);
        Instant planned = DAY.plus(Duration.ofDays(1));
        java.time.LocalDateTime local = java.time.LocalDateTime.ofInstant(planned, java.time.ZoneOffset.UTC);
        body.put("schedule", Map.of("rrule", "FREQ=WEEKLY", "firstStart", local.toString(), "timeZone", "UTC", "minutes", 120));
        String circle = api.post("/api/v1/circles", body, facilitator.accessToken()).string("id");
        Instant moved = planned.plus(Duration.ofHours(2));
        Api.Reply poll = api.post("/api/v1/polls", Map.of("scope", "CIRCLE", "circleId", circle, "kind", "MEETING_TIME", "question", "Move Thursday?",
                "options", List.of(Map.of("startsAt", moved.toString()), Map.of("startsAt", moved.plus(Duration.ofHours(1)).toString())),
                "replacesMeeting", planned.toString(), "lockTimeZone", true), facilitator.accessToken());
        assertThat(poll.status()).as("%s", poll.body()).isEqualTo(201);
        assertThat(poll.string("timeZone")).as("the circle's zone, locked").isEqualTo("UTC");
        assertThat(option(poll, 0).get("endsAt")).as("a slot's length is the circle's").isEqualTo(moved.plus(Duration.ofMinutes(120)).toString());

        answer(poll.string("id"), facilitator, Map.of(optionId(poll, 0), "YES"));

        Api.Reply closed = api.post("/api/v1/polls/" + poll.string("id") + "/close", Map.of("slot", optionId(poll, 0)), facilitator.accessToken());

        assertThat(closed.status()).as("%s", closed.body()).isEqualTo(200);
        List<Object> occurrences = api.get("/api/v1/circles/" + circle + "/occurrences?from=" + planned.minus(Duration.ofHours(1)) + "&to="
                + planned.plus(Duration.ofHours(5)), facilitator.accessToken()).list("items");
        assertThat(occurrences).singleElement().satisfies(o -> {
            assertThat(((Map<?, ?>) o).get("moved")).isEqualTo(true);
            assertThat(Instant.parse((String) ((Map<?, ?>) o).get("start"))).isEqualTo(moved);
        });
    }

    @Test
    void aSlotIsMarkedWhereItClashesWithAnotherCirclesMeetingOrAnEventHeIsRegisteredFor() {
        Org.Member andy = org.member();
        String here = circle(andy);
        String other = circle();
        Instant clash = DAY.plus(Duration.ofDays(5));
        Api.Reply otherPoll = meetingPoll(other, null, clash, clash.plus(Duration.ofDays(1)));
        api.post("/api/v1/polls/" + otherPoll.string("id") + "/close", Map.of("slot", clash.toString(), "despiteQuorum", true), facilitator.accessToken());
        Org.Member ptm = org.member(Role.PTM);
        Instant eventStart = clash.plus(Duration.ofDays(2));
        String event = api.post("/api/v1/events", Map.of("type", "WORKSHOP", "title", "Drumming day", "startsAt", eventStart.toString(),
                "endsAt", eventStart.plus(Duration.ofHours(6)).toString(), "timeZone", "UTC", "capacity", 20, "visibility", "MEMBERS"),
                ptm.accessToken()).string("id");
        assertThat(api.post("/api/v1/events/" + event + "/register", Map.of(), andy.accessToken()).status()).isEqualTo(201);

        Api.Reply poll = meetingPoll(here, null, clash.plus(Duration.ofMinutes(30)), eventStart.plus(Duration.ofHours(1)),
                clash.plus(Duration.ofDays(3)).plus(Duration.ofHours(6)));
        Api.Reply asFacilitator = api.get("/api/v1/polls/" + poll.string("id"), facilitator.accessToken());
        Api.Reply asAndy = api.get("/api/v1/polls/" + poll.string("id"), andy.accessToken());

        assertThat(option(asFacilitator, 0).get("clashes")).asList().singleElement().satisfies(c -> {
            assertThat(((Map<?, ?>) c).get("personId")).isEqualTo(facilitator.id().toString());
            assertThat(((Map<?, ?>) c).get("kind")).isEqualTo("CIRCLE_MEETING");
            assertThat(((Map<?, ?>) c).get("what")).as("named to himself").isNotNull();
        });
        assertThat(option(asAndy, 0).get("clashes")).asList().singleElement()
                .satisfies(c -> assertThat(((Map<?, ?>) c).get("what")).as("not named to others").isNull());
        assertThat(option(asAndy, 1).get("clashes")).asList().singleElement().satisfies(c -> {
            assertThat(((Map<?, ?>) c).get("personId")).isEqualTo(andy.id().toString());
            assertThat(((Map<?, ?>) c).get("kind")).isEqualTo("EVENT");
            assertThat(((Map<?, ?>) c).get("what")).isEqualTo("Drumming day");
        });
        assertThat(option(asAndy, 2).get("clashes")).asList().isEmpty();
    }

    @Test
    void aQuestionCountsChoicesUpToAnOptionsCapacityAndHidesWhoChoseWhenAnonymous() {
        Org.Member andy = org.member();
        Org.Member ben = org.member();
        Org.Member carl = org.member();
        Api.Reply poll = api.post("/api/v1/polls", Map.of("scope", "ORGANISATION", "kind", "CHOICE", "question", "Who cooks at the retreat?",
                "anonymous", true, "options", List.of(Map.of("label", "Me", "capacity", 1), Map.of("label", "Not me"))), admin.accessToken());
        assertThat(poll.status()).as("%s", poll.body()).isEqualTo(201);
        String id = poll.string("id");
        String me = optionId(poll, 0);
        String notMe = optionId(poll, 1);

        Api.Reply andyChose = api.put("/api/v1/polls/" + id + "/answer", Map.of("choices", List.of(me)), andy.accessToken());
        Api.Reply benFull = api.put("/api/v1/polls/" + id + "/answer", Map.of("choices", List.of(me)), ben.accessToken());
        Api.Reply two = api.put("/api/v1/polls/" + id + "/answer", Map.of("choices", List.of(me, notMe)), carl.accessToken());
        api.put("/api/v1/polls/" + id + "/answer", Map.of("choices", List.of(notMe)), carl.accessToken());
        Api.Reply again = api.put("/api/v1/polls/" + id + "/answer", Map.of("choices", List.of(me)), andy.accessToken());

        assertThat(andyChose.status()).isEqualTo(200);
        assertThat(option(andyChose, 0)).containsEntry("chosen", 1).containsEntry("full", true).containsEntry("mine", "CHOSEN");
        assertThat(option(andyChose, 0).get("voters")).asList().isEmpty();
        assertThat(benFull.status()).isEqualTo(409);
        assertThat(benFull.code()).isEqualTo("OPTION_FULL");
        assertThat(two.status()).isEqualTo(422);
        assertThat(again.status()).as("his own place stays his").isEqualTo(200);

        Api.Reply closed = api.post("/api/v1/polls/" + id + "/close", null, admin.accessToken());

        assertThat(closed.status()).as("%s", closed.body()).isEqualTo(200);
        assertThat(closed.string("chosenOptionId")).as("a tie chooses nothing").isNull();
        await("the men asked hear the outcome").atMost(Duration.ofSeconds(20)).until(() -> api.get("/api/v1/notifications", ben.accessToken())
                .list("items").stream().anyMatch(n -> "POLL".equals(((Map<?, ?>) n).get("kind"))
                        && String.valueOf(((Map<?, ?>) n).get("title")).contains("closed")));
    }

    @Test
    void aNamedQuestionShowsWhoChoseWhat() {
        Org.Member andy = org.member();
        Api.Reply poll = api.post("/api/v1/polls", Map.of("scope", "ORGANISATION", "kind", "CHOICE", "question", "Film night?", "multiple", true,
                "options", List.of(Map.of("label", "Friday"), Map.of("label", "Saturday"))), admin.accessToken());

        Api.Reply chose = api.put("/api/v1/polls/" + poll.string("id") + "/answer", Map.of("choices", List.of(optionId(poll, 0), optionId(poll, 1))),
                andy.accessToken());

        assertThat(chose.status()).isEqualTo(200);
        assertThat(option(chose, 1).get("voters")).asList().singleElement()
                .satisfies(v -> assertThat(((Map<?, ?>) v).get("personId")).isEqualTo(andy.id().toString()));
    }

    @Test
    void theMenWhoHaveNotAnsweredAreRemindedOnceADayBeforeTheDeadline() {
        Org.Member andy = org.member();
        Org.Member ben = org.member();
        String circle = circle(andy, ben);
        Api.Reply poll = api.post("/api/v1/polls", Map.of("scope", "CIRCLE", "circleId", circle, "kind", "CHOICE", "question", "Bring food?",
                "deadline", Instant.now().plus(Duration.ofHours(20)).toString(), "options", List.of(Map.of("label", "Yes"), Map.of("label", "No"))),
                facilitator.accessToken());
        assertThat(poll.status()).as("%s", poll.body()).isEqualTo(201);
        api.put("/api/v1/polls/" + poll.string("id") + "/answer", Map.of("choices", List.of(optionId(poll, 0))), andy.accessToken());

        int reminded = polls.remindDue(org.tenant());
        int again = polls.remindDue(org.tenant());

        assertThat(reminded).isGreaterThanOrEqualTo(1);
        assertThat(again).isZero();
        await("ben is reminded").atMost(Duration.ofSeconds(20)).until(() -> api.get("/api/v1/notifications", ben.accessToken()).list("items").stream()
                .anyMatch(n -> String.valueOf(((Map<?, ?>) n).get("title")).contains("not answered yet: Bring food?")));
        assertThat(api.get("/api/v1/notifications", andy.accessToken()).list("items"))
                .noneMatch(n -> String.valueOf(((Map<?, ?>) n).get("title")).contains("not answered yet: Bring food?"));
    }

    @Test
    void aRepeatedCreationWithTheSameIdempotencyKeyMakesOnePoll() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("scope", "ORGANISATION", "kind", "CHOICE", "question", "Once?", "options",
                List.of(Map.of("label", "A"), Map.of("label", "B")));

        Api.Reply first = api.send(HttpRequest.POST("/api/v1/polls", body).bearerAuth(admin.accessToken()).header("Idempotency-Key", key));
        Api.Reply second = api.send(HttpRequest.POST("/api/v1/polls", body).bearerAuth(admin.accessToken()).header("Idempotency-Key", key));

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.string("id")).isEqualTo(first.string("id"));
    }

    @Test
    void badInputGetsAProblemWithAStableCode() {
        Org.Member andy = org.member();
        String circle = circle(andy);
        Instant past = Instant.now().minus(Duration.ofHours(1));

        Api.Reply pastSlot = meetingPoll(circle, null, past, DAY);
        Api.Reply oneOption = api.post("/api/v1/polls", Map.of("scope", "ORGANISATION", "kind", "CHOICE", "question", "?", "options",
                List.of(Map.of("label", "A"))), admin.accessToken());
        Api.Reply anonymousSlots = api.post("/api/v1/polls", Map.of("scope", "CIRCLE", "circleId", circle, "kind", "MEETING_TIME", "question", "When?",
                "anonymous", true, "options", List.of(Map.of("startsAt", DAY.toString()), Map.of("startsAt", DAY.plus(Duration.ofDays(1)).toString()))),
                facilitator.accessToken());
        Api.Reply noCircle = api.post("/api/v1/polls", Map.of("scope", "CIRCLE", "kind", "CHOICE", "question", "?", "options",
                List.of(Map.of("label", "A"), Map.of("label", "B"))), facilitator.accessToken());
        Api.Reply badKind = api.post("/api/v1/polls", Map.of("scope", "CIRCLE", "circleId", circle, "kind", "DICE", "question", "?", "options",
                List.of()), facilitator.accessToken());
        Api.Reply malformed = api.send(HttpRequest.POST("/api/v1/polls", "{\"scope\": \"CIRCLE\",").contentType(MediaType.APPLICATION_JSON_TYPE)
                .bearerAuth(facilitator.accessToken()));
        Api.Reply poll = meetingPoll(circle, null, DAY, DAY.plus(Duration.ofDays(1)));
        Api.Reply unknownSlot = answer(poll.string("id"), andy, Map.of(UUID.randomUUID().toString(), "YES"));
        Api.Reply badAnswer = api.put("/api/v1/polls/" + poll.string("id") + "/answer", Map.of("answers", Map.of(optionId(poll, 0), "MAYBE")),
                andy.accessToken());
        Api.Reply choicesForSlots = api.put("/api/v1/polls/" + poll.string("id") + "/answer", Map.of("choices", List.of(optionId(poll, 0))),
                andy.accessToken());
        Api.Reply neither = api.put("/api/v1/polls/" + poll.string("id") + "/answer", Map.of(), andy.accessToken());
        Api.Reply unknownCloseSlot = api.post("/api/v1/polls/" + poll.string("id") + "/close", Map.of("slot", "tomorrow"), facilitator.accessToken());

        assertThat(pastSlot.status()).isEqualTo(422);
        assertThat(pastSlot.code()).isEqualTo("VALIDATION_ERROR");
        assertThat(pastSlot.list("errors")).singleElement().satisfies(e -> assertThat(((Map<?, ?>) e).get("field")).isEqualTo("options[0].startsAt"));
        for (Api.Reply reply : List.of(oneOption, anonymousSlots, noCircle, unknownSlot, choicesForSlots, neither, unknownCloseSlot)) {
            assertThat(reply.status()).as("%s", reply.body()).isEqualTo(422);
            assertThat(reply.code()).isEqualTo("VALIDATION_ERROR");
        }
        for (Api.Reply reply : List.of(badKind, malformed, badAnswer)) {
            assertThat(reply.status()).as("%s", reply.body()).isIn(400, 422);
            assertThat(reply.code()).isEqualTo("VALIDATION_ERROR");
        }
    }

    @Test
    void aPollOfOneOrganisationIsNothingInAnother() {
        Org.Member andy = org.member();
        Org other = Org.create(provisioning, directory, client, "polls-b");
        Org.Member adminB = other.admin();
        String circle = circle(andy);
        Api.Reply poll = meetingPoll(circle, null, DAY, DAY.plus(Duration.ofDays(1)));
        String id = poll.string("id");
        Api inB = other.api();

        assertThat(inB.get("/api/v1/polls/" + id, adminB.accessToken()).status()).isEqualTo(404);
        assertThat(inB.get("/api/v1/polls", adminB.accessToken()).list("items")).isEmpty();
        assertThat(inB.put("/api/v1/polls/" + id + "/answer", Map.of("answers", Map.of(optionId(poll, 0), "YES")), adminB.accessToken()).status())
                .isEqualTo(404);
        assertThat(inB.post("/api/v1/polls/" + id + "/close", Map.of(), adminB.accessToken()).status()).isEqualTo(404);
        assertThat(inB.get("/api/v1/polls?circleId=" + circle, adminB.accessToken()).status()).isEqualTo(404);
        assertThat(inB.post("/api/v1/polls", Map.of("scope", "CIRCLE", "circleId", circle, "kind", "CHOICE", "question", "?",
                "options", List.of(Map.of("label", "A"), Map.of("label", "B"))), adminB.accessToken()).status()).isEqualTo(404);
        assertThat(inB.get("/api/v1/polls/" + id, andy.accessToken()).status()).as("A's token on B's host").isEqualTo(401);
        assertThat(api.get("/api/v1/polls/" + id, andy.accessToken()).status()).isEqualTo(200);
    }

    // The permission matrix: the circle's poll asks FACILITATOR (who runs it) and MEMBER (in it); PTM and SUPPORT are strangers to it;
    // LEADERSHIP sees every circle but is not asked; ADMIN runs every circle.
    final Map<Role, Org.Member> people = new EnumMap<>(Role.class);
    String matrixCircle;
    String matrixPoll;
    String matrixSlot;
    String organisationPoll;

    List<Row> rows() {
        if (people.isEmpty()) {
            for (Role role : Role.values()) {
                people.put(role, org.member(role));
            }
            matrixCircle = api.post("/api/v1/circles", Map.of("name", "Matrix circle", "capacity", 6), people.get(Role.FACILITATOR).accessToken()).string("id");
            api.post("/api/v1/circles/" + matrixCircle + "/members", Map.of("personId", people.get(Role.MEMBER).id().toString()),
                    people.get(Role.FACILITATOR).accessToken());
            Api.Reply poll = api.post("/api/v1/polls", Map.of("scope", "CIRCLE", "circleId", matrixCircle, "kind", "MEETING_TIME", "question", "When?",
                    "options", List.of(Map.of("startsAt", DAY.toString()), Map.of("startsAt", DAY.plus(Duration.ofDays(1)).toString()))),
                    people.get(Role.FACILITATOR).accessToken());
            matrixPoll = poll.string("id");
            matrixSlot = optionId(poll, 0);
            organisationPoll = api.post("/api/v1/polls", Map.of("scope", "ORGANISATION", "kind", "CHOICE", "question", "Which?",
                    "options", List.of(Map.of("label", "A"), Map.of("label", "B"))), admin.accessToken()).string("id");
        }
        String p = "/api/v1/polls/" + matrixPoll;
        String o = "/api/v1/polls/" + organisationPoll;
        Map<String, Object> circlePoll = Map.of("scope", "CIRCLE", "circleId", matrixCircle, "kind", "CHOICE", "question", "Tea or coffee?",
                "options", List.of(Map.of("label", "Tea"), Map.of("label", "Coffee")));
        Map<String, Object> everyonePoll = Map.of("scope", "ORGANISATION", "kind", "CHOICE", "question", "Summer or winter retreat?",
                "options", List.of(Map.of("label", "Summer"), Map.of("label", "Winter")));
        // Closing asks for an unknown slot: the answer says whether he may close (422: he may, and named no option of it) without closing.
        Map<String, Object> unknownSlot = Map.of("slot", UUID.randomUUID().toString());
        return List.of(
                new Row(HttpMethod.POST, "/api/v1/polls", circlePoll, 401, 403, 201, 404, 201, 403, 404),
                new Row(HttpMethod.POST, "/api/v1/polls", everyonePoll, 401, 403, 403, 403, 201, 201, 403),
                new Row(HttpMethod.GET, "/api/v1/polls", null, 401, 200, 200, 200, 200, 200, 200),
                new Row(HttpMethod.GET, "/api/v1/polls?circleId=" + matrixCircle, null, 401, 200, 200, 404, 200, 200, 404),
                new Row(HttpMethod.GET, p, null, 401, 200, 200, 404, 200, 200, 404),
                new Row(HttpMethod.PUT, p + "/answer", Map.of("answers", Map.of(matrixSlot, "YES")), 401, 200, 200, 404, 403, 403, 404),
                new Row(HttpMethod.POST, p + "/close", unknownSlot, 401, 403, 422, 404, 422, 403, 404),
                new Row(HttpMethod.GET, o, null, 401, 200, 200, 200, 200, 200, 200),
                new Row(HttpMethod.PUT, o + "/answer", Map.of("choices", List.of()), 401, 200, 200, 200, 200, 200, 200),
                new Row(HttpMethod.POST, o + "/close", unknownSlot, 401, 403, 403, 403, 422, 403, 403));
    }

    Stream<Arguments> matrix() {
        return PermissionMatrix.cases(rows());
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("matrix")
    void answersEachRoleAsThePollRulesSay(String caller, Row row, int expected) {
        String token = "NONE".equals(caller) ? null : people.get(Role.valueOf(caller)).accessToken();

        Api.Reply reply = api.send(row.method(), row.path(), row.body(), token);

        assertThat(reply.status()).as("%s %s: %s", caller, row, reply.body()).isEqualTo(expected);
    }
}
