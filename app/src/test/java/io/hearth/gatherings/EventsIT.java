package io.hearth.gatherings;

import io.hearth.Api;
import io.hearth.RealStack;
import io.hearth.identity.AccessTokens;
import io.hearth.identity.Org;
import io.hearth.identity.Role;
import io.hearth.infra.LocalStack;
import io.hearth.tenancy.TenantDirectory;
import io.hearth.tenancy.TenantProvisioning;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import net.fortuna.ical4j.data.CalendarBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Events through the API: no overbooking under a burst, the waiting list promoting itself, staff, care teams, check-in. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventsIT implements RealStack {

    @Inject @Client("/") HttpClient client;
    @Inject TenantProvisioning provisioning;
    @Inject TenantDirectory directory;
    @Inject AccessTokens accessTokens;
    @Inject Seats seats;
    @Inject SensitiveData sensitiveData;
    @Inject SeatBatches arrivals;
    @Inject Gatherings events;
    Org org;
    Api api;
    Org.Member ptm;

    @BeforeAll
    void organisation() {
        org = Org.create(provisioning, directory, client, "events");
        api = org.api();
        ptm = org.member(Role.PTM);
    }

    private Map<String, Object> event(int capacity, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>();
        body.put("type", "WORKSHOP");
        body.put("title", "Workshop " + UUID.randomUUID().toString().substring(0, 6));
        body.put("startsAt", Instant.now().plus(Duration.ofDays(10)).toString());
        body.put("endsAt", Instant.now().plus(Duration.ofDays(10)).plus(Duration.ofHours(3)).toString());
        body.put("timeZone", "Europe/London");
        body.put("capacity", capacity);
        body.put("visibility", "MEMBERS");
        body.putAll(extra);
        Api.Reply created = api.post("/api/v1/events", body, ptm.accessToken());
        assertThat(created.status()).as("create: %s", created.body()).isEqualTo(201);
        return created.body();
    }

    private Api.Reply register(Object eventId, Org.Member man, Map<String, Object> body) {
        return api.post("/api/v1/events/" + eventId + "/register", body, man.accessToken());
    }

    /** Members made straight in the tenant's tables, with tokens minted for them: a hundred real sign-ins would only test Argon2. */
    private List<Org.Member> quickMembers(int n) throws Exception {
        List<Org.Member> members = new ArrayList<>();
        LocalStack stack = RealStack.stack();
        String schema = org.tenant().id().schemaName();
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl(LocalStack.Database.APP), stack.dbUsername(), stack.dbPassword())) {
            for (int i = 0; i < n; i++) {
                UUID id = UUID.randomUUID();
                try (PreparedStatement p = c.prepareStatement("insert into " + schema + ".people (id, email, first_name, last_name, status, email_verified_at) "
                        + "values (?, ?, 'Quick', 'Member', 'ACTIVE', now())")) {
                    p.setObject(1, id);
                    p.setString(2, "q-" + id + "@events.test");
                    p.executeUpdate();
                }
                try (PreparedStatement p = c.prepareStatement("insert into " + schema + ".role_grants (id, person_id, role, granted_at) values (?, ?, 'MEMBER', now())")) {
                    p.setObject(1, UUID.randomUUID());
                    p.setObject(2, id);
                    p.executeUpdate();
                }
                members.add(new Org.Member(id, "q-" + id + "@events.test", accessTokens.issue(org.tenant(), id, List.of(Role.MEMBER), UUID.randomUUID()), null));
            }
        }
        return members;
    }

    private void sql(String statement, Object... parameters) throws Exception {
        LocalStack stack = RealStack.stack();
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl(LocalStack.Database.APP), stack.dbUsername(), stack.dbPassword());
             PreparedStatement p = c.prepareStatement(statement.replace("{schema}", org.tenant().id().schemaName()))) {
            for (int i = 0; i < parameters.length; i++) {
                p.setObject(i + 1, parameters[i]);
            }
            p.executeUpdate();
        }
    }

    @Test
    void simultaneousCreationsOfTheSameEventTypeGiveOne201AndThe409sNeverA500() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(12);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<Integer>> replies = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            replies.add(pool.submit(() -> {
                start.await();
                return api.post("/api/v1/event-types", Map.of("code", "RACE_NIGHT", "name", "Race night"), org.admin().accessToken()).status();
            }));
        }

        start.countDown();
        List<Integer> statuses = new java.util.ArrayList<>();
        for (java.util.concurrent.Future<Integer> reply : replies) {
            statuses.add(reply.get(30, java.util.concurrent.TimeUnit.SECONDS));
        }
        pool.shutdown();

        assertThat(statuses).containsOnly(201, 409);
        assertThat(statuses).filteredOn(status -> status == 201).hasSize(1);
    }

    @Test
    void aHundredParallelRegistrationsForTenSeatsSeatExactlyTenAndQueueNinetyInOrder() throws Exception {
        Map<String, Object> event = event(10, Map.of());
        List<Org.Member> men = quickMembers(100);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<Api.Reply>> replies = new ArrayList<>();

        for (Org.Member man : men) {
            replies.add(pool.submit(() -> register(event.get("id"), man, Map.of())));
        }
        List<Api.Reply> answers = new ArrayList<>();
        for (Future<Api.Reply> reply : replies) {
            answers.add(reply.get());
        }
        pool.shutdown();

        assertThat(answers).allSatisfy(a -> assertThat(a.status()).isEqualTo(201));
        assertThat(answers).filteredOn(a -> "CONFIRMED".equals(a.string("status"))).hasSize(10);
        List<Object> positions = answers.stream().filter(a -> "WAITLISTED".equals(a.string("status"))).map(a -> a.body().get("waitlistPosition")).toList();
        assertThat(positions).hasSize(90);
        assertThat(new HashSet<>(positions)).hasSize(90);
        assertThat(api.get("/api/v1/events/" + event.get("id"), ptm.accessToken()).body())
                .containsEntry("confirmed", 10).containsEntry("waitlisted", 90).containsEntry("openSeats", 0);
        Api.Reply queue = api.get("/api/v1/events/" + event.get("id") + "/registrations?status=WAITLISTED&size=100", ptm.accessToken());
        List<Integer> inOrder = queue.list("items").stream().map(r -> ((Number) ((Map<?, ?>) r).get("waitlistPosition")).intValue()).toList();
        assertThat(inOrder).isSorted().hasSize(90).first().isEqualTo(1);
    }

    @Test
    void oneManSendingHisRegistrationTenTimesAtOnceGetsOneSeatAndNineAlreadyRegistered() throws Exception {
        Map<String, Object> event = event(5, Map.of());
        Org.Member man = quickMembers(1).get(0);

        List<Api.Reply> answers = atOnce(10, () -> register(event.get("id"), man, Map.of()));

        assertThat(answers).filteredOn(a -> a.status() == 201).hasSize(1);
        assertThat(answers).filteredOn(a -> a.status() == 409).hasSize(9).allSatisfy(a -> assertThat(a.code()).isEqualTo("ALREADY_REGISTERED"));
        assertThat(api.get("/api/v1/events/" + event.get("id"), ptm.accessToken()).body()).containsEntry("confirmed", 1).containsEntry("waitlisted", 0);
    }

    @Test
    void theSameIdempotencyKeyTenTimesAtOnceAnswersOneRegistration() throws Exception {
        Map<String, Object> event = event(5, Map.of());
        Org.Member man = quickMembers(1).get(0);

        List<Api.Reply> answers = atOnce(10, () -> api.send(HttpRequest.POST("/api/v1/events/" + event.get("id") + "/register", Map.of())
                .bearerAuth(man.accessToken()).header("Idempotency-Key", "burst-1")));

        assertThat(answers).allSatisfy(a -> assertThat(a.status()).as("%s", a.body()).isEqualTo(201));
        assertThat(answers.stream().map(a -> a.string("id")).distinct()).hasSize(1);
        assertThat(api.get("/api/v1/events/" + event.get("id"), ptm.accessToken()).body()).containsEntry("confirmed", 1);
    }

    /** A man checked against the event before its terms changed is sent back to be checked again; the others are seated. */
    @Test
    void aManCheckedAgainstTermsThatChangedIsSentBackAndTheOthersInHisBatchAreSeated() throws Exception {
        Map<String, Object> event = event(1, Map.of());
        UUID eventId = UUID.fromString((String) event.get("id"));
        List<Org.Member> men = quickMembers(3);
        SeatBatches.Terms now = io.hearth.tenancy.TenantScope.call(org.tenant(), () -> SeatBatches.Terms.of(events.find(eventId).orElseThrow()));
        SeatBatches.Terms before = new SeatBatches.Terms(now.status(), "MOVIE_NIGHT", now.startsAt(), now.registrationOpensAt(),
                now.registrationClosesAt(), now.priceOptions(), now.questions(), now.waivers());
        List<SeatBatches.Arrival> batch = men.stream().map(man -> new SeatBatches.Arrival(UUID.randomUUID(), man.id(), man == men.get(0) ? before : now,
                null, null, false, Map.of(), List.of(), null, null, null, null)).toList();

        List<SeatBatches.Outcome> outcomes = arrivals.seat(org.tenant(), eventId, batch);

        assertThat(outcomes).extracting(SeatBatches.Outcome::kind)
                .containsExactly(SeatBatches.Outcome.Kind.AGAIN, SeatBatches.Outcome.Kind.REGISTERED, SeatBatches.Outcome.Kind.REGISTERED);
        assertThat(outcomes).extracting(SeatBatches.Outcome::status).containsExactly(null, SeatRules.Status.CONFIRMED, SeatRules.Status.WAITLISTED);
        assertThat(api.get("/api/v1/events/" + eventId, ptm.accessToken()).body()).containsEntry("confirmed", 1).containsEntry("waitlisted", 1);
    }

    private List<Api.Reply> atOnce(int n, java.util.concurrent.Callable<Api.Reply> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        try {
            List<Future<Api.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                replies.add(pool.submit(() -> {
                    start.await();
                    return request.call();
                }));
            }
            start.countDown();
            List<Api.Reply> answers = new ArrayList<>();
            for (Future<Api.Reply> reply : replies) {
                answers.add(reply.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aCancellationOffersTheSeatToTheFirstWaitingManWhoAcceptsIt() throws Exception {
        Map<String, Object> event = event(1, Map.of());
        List<Org.Member> men = quickMembers(3);
        Api.Reply seated = register(event.get("id"), men.get(0), Map.of());
        Api.Reply first = register(event.get("id"), men.get(1), Map.of());
        Api.Reply second = register(event.get("id"), men.get(2), Map.of());

        Api.Reply cancelled = api.post("/api/v1/events/" + event.get("id") + "/registrations/" + seated.string("id") + "/cancel", Map.of("reason", "ill"), men.get(0).accessToken());
        Api.Reply offered = api.get("/api/v1/events/" + event.get("id") + "/registrations/" + first.string("id"), men.get(1).accessToken());
        Api.Reply stillWaiting = api.get("/api/v1/events/" + event.get("id") + "/registrations/" + second.string("id"), men.get(2).accessToken());
        Api.Reply accepted = api.post("/api/v1/events/" + event.get("id") + "/registrations/" + first.string("id") + "/accept", null, men.get(1).accessToken());

        assertThat(cancelled.body()).containsEntry("status", "CANCELLED").containsEntry("cancelReason", "ill");
        assertThat(offered.body()).containsEntry("status", "OFFERED").containsKey("offerUntil");
        assertThat(stillWaiting.body()).containsEntry("status", "WAITLISTED").containsEntry("waitlistPosition", 1);
        assertThat(accepted.body()).containsEntry("status", "CONFIRMED");
    }

    @Test
    void aLapsedOfferMovesToTheNextMan() throws Exception {
        Map<String, Object> event = event(1, Map.of());
        List<Org.Member> men = quickMembers(3);
        Api.Reply seated = register(event.get("id"), men.get(0), Map.of());
        Api.Reply first = register(event.get("id"), men.get(1), Map.of());
        Api.Reply second = register(event.get("id"), men.get(2), Map.of());
        api.post("/api/v1/events/" + event.get("id") + "/registrations/" + seated.string("id") + "/cancel", Map.of(), men.get(0).accessToken());

        sql("update {schema}.registrations set offer_until = now() - interval '1 second' where id = ?", UUID.fromString(first.string("id")));
        Api.Reply lapsed = api.get("/api/v1/events/" + event.get("id") + "/registrations/" + first.string("id"), men.get(1).accessToken());
        Api.Reply next = api.get("/api/v1/events/" + event.get("id") + "/registrations/" + second.string("id"), men.get(2).accessToken());
        Api.Reply late = api.post("/api/v1/events/" + event.get("id") + "/registrations/" + first.string("id") + "/accept", null, men.get(1).accessToken());

        assertThat(lapsed.body()).containsEntry("status", "EXPIRED");
        assertThat(next.body()).containsEntry("status", "OFFERED");
        assertThat(late.status()).isEqualTo(409);
    }

    @Test
    void housekeepingMovesALapsedOfferOnWithoutAnyRequest() throws Exception {
        Map<String, Object> event = event(1, Map.of());
        List<Org.Member> men = quickMembers(3);
        Api.Reply seated = register(event.get("id"), men.get(0), Map.of());
        Api.Reply first = register(event.get("id"), men.get(1), Map.of());
        Api.Reply second = register(event.get("id"), men.get(2), Map.of());
        api.post("/api/v1/events/" + event.get("id") + "/registrations/" + seated.string("id") + "/cancel", Map.of(), men.get(0).accessToken());
        sql("update {schema}.registrations set offer_until = now() - interval '1 second' where id = ?", UUID.fromString(first.string("id")));

        new EventHousekeeping(new io.hearth.tenancy.EachTenant(directory), seats, sensitiveData).run();

        assertThat(registrationStatus(UUID.fromString(first.string("id")))).isEqualTo("EXPIRED");
        assertThat(registrationStatus(UUID.fromString(second.string("id")))).isEqualTo("OFFERED");
    }

    private String registrationStatus(UUID registration) throws Exception {
        LocalStack stack = RealStack.stack();
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl(LocalStack.Database.APP), stack.dbUsername(), stack.dbPassword());
             PreparedStatement p = c.prepareStatement("select status from " + org.tenant().id().schemaName() + ".registrations where id = ?")) {
            p.setObject(1, registration);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    @Test
    void aPaidEventHoldsTheSeatUntilPaymentAndAnExpiredHoldFreesIt() throws Exception {
        Map<String, Object> event = event(1, Map.of("priceOptions", List.of(Map.of("code", "STANDARD", "name", "Standard", "amountCents", 4500, "currency", "GBP"),
                Map.of("code", "HARDSHIP", "name", "Hardship", "amountCents", 1000, "currency", "GBP")), "holdMinutes", 30));
        List<Org.Member> men = quickMembers(2);

        Api.Reply noOption = register(event.get("id"), men.get(0), Map.of());
        Api.Reply held = register(event.get("id"), men.get(0), Map.of("priceOption", "HARDSHIP"));
        Api.Reply waiting = register(event.get("id"), men.get(1), Map.of("priceOption", "STANDARD"));
        sql("update {schema}.registrations set hold_until = now() - interval '1 second' where id = ?", UUID.fromString(held.string("id")));
        Api.Reply expired = api.get("/api/v1/events/" + event.get("id") + "/registrations/" + held.string("id"), ptm.accessToken());
        Api.Reply offered = api.get("/api/v1/events/" + event.get("id") + "/registrations/" + waiting.string("id"), ptm.accessToken());
        Api.Reply accepted = api.post("/api/v1/events/" + event.get("id") + "/registrations/" + waiting.string("id") + "/accept", null, men.get(1).accessToken());
        Api.Reply paid = api.post("/api/v1/events/" + event.get("id") + "/registrations/" + waiting.string("id") + "/confirm-payment", null, ptm.accessToken());

        assertThat(noOption.status()).isEqualTo(422);
        assertThat(held.body()).containsEntry("status", "PENDING_PAYMENT").containsKey("holdUntil");
        assertThat(waiting.body()).containsEntry("status", "WAITLISTED");
        assertThat(expired.body()).containsEntry("status", "EXPIRED");
        assertThat(offered.body()).containsEntry("status", "OFFERED");
        assertThat(accepted.body()).containsEntry("status", "PENDING_PAYMENT");
        assertThat(paid.body()).containsEntry("status", "CONFIRMED");
    }

    @Test
    void raisingTheCapacityOffersTheNewSeatsAtOnce() throws Exception {
        Map<String, Object> event = event(1, Map.of());
        List<Org.Member> men = quickMembers(3);
        for (Org.Member man : men) {
            register(event.get("id"), man, Map.of());
        }
        Map<String, Object> changed = new HashMap<>(event);
        changed.put("capacity", 3);
        changed.keySet().retainAll(List.of("type", "title", "startsAt", "endsAt", "timeZone", "capacity", "visibility"));

        Api.Reply updated = api.put("/api/v1/events/" + event.get("id"), changed, ptm.accessToken());

        assertThat(updated.status()).as("%s", updated.body()).isEqualTo(200);
        assertThat(updated.body()).containsEntry("confirmed", 1).containsEntry("offered", 2).containsEntry("waitlisted", 0);
    }

    @Test
    void answersAndWaiversAreCheckedAndStoredWithTheRegistration() throws Exception {
        Map<String, Object> event = event(5, Map.of(
                "questions", List.of(Map.of("kind", "CHOICE", "label", "Diet", "required", true, "choices", List.of("ANY", "VEGETARIAN")),
                        Map.of("kind", "YES_NO", "label", "First time?")),
                "waivers", List.of(Map.of("title", "Liability", "body", "I take part at my own risk."))));
        List<?> questions = (List<?>) event.get("questions");
        String diet = (String) ((Map<?, ?>) questions.get(0)).get("id");
        String waiver = (String) ((Map<?, ?>) ((List<?>) event.get("waivers")).get(0)).get("id");
        List<Org.Member> men = quickMembers(1);

        Api.Reply missing = register(event.get("id"), men.get(0), Map.of("answers", Map.of(diet, "VEGAN")));
        Api.Reply ok = register(event.get("id"), men.get(0), Map.of("answers", Map.of(diet, "VEGETARIAN"), "acceptedWaivers", List.of(waiver)));

        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.list("errors").toString()).contains("answers." + diet).contains("acceptedWaivers");
        assertThat(ok.status()).isEqualTo(201);
        Api.Reply stored = api.get("/api/v1/events/" + event.get("id") + "/registrations/" + ok.string("id") + "/answers", ptm.accessToken());
        assertThat(stored.list("answers").toString()).contains("Diet").contains("VEGETARIAN");
        assertThat(stored.list("waivers").toString()).contains("Liability").contains("version=1").contains("acceptedAt");
    }

    @Test
    void aRetreatKeepsEmergencyAndMedicalDetailsSealedForItsPtmsAndErasesThemAfterRetention() throws Exception {
        Map<String, Object> event = event(5, Map.of("type", "MULTI_DAY_RETREAT", "sensitiveRetentionDays", 0));
        List<Org.Member> men = quickMembers(1);
        Org.Member kitchen = org.member();
        api.post("/api/v1/events/" + event.get("id") + "/staff", Map.of("personId", kitchen.id().toString(), "role", "KITCHEN"), ptm.accessToken());

        Api.Reply without = register(event.get("id"), men.get(0), Map.of());
        Api.Reply with = register(event.get("id"), men.get(0), Map.of("emergencyContact", "Jane Doe +447700900111", "medicalNotes", "Asthma"));
        String path = "/api/v1/events/" + event.get("id") + "/registrations/" + with.string("id") + "/sensitive";
        Api.Reply forPtm = api.get(path, ptm.accessToken());
        Api.Reply forKitchen = api.get(path, kitchen.accessToken());
        Api.Reply forAdmin = api.get(path, org.admin().accessToken());
        String raw = rawSealed(UUID.fromString(with.string("id")));
        sql("update {schema}.events set starts_at = now() - interval '2 days', ends_at = now() - interval '1 day' where id = ?", UUID.fromString((String) event.get("id")));
        int erased = sensitiveData.eraseSensitiveDataDue(org.tenant());
        Api.Reply after = api.get(path, ptm.accessToken());

        assertThat(without.status()).isEqualTo(422);
        assertThat(forPtm.body()).containsEntry("emergencyContact", "Jane Doe +447700900111").containsEntry("medicalNotes", "Asthma");
        assertThat(forKitchen.status()).isEqualTo(403);
        assertThat(forAdmin.status()).isEqualTo(403);
        assertThat(raw).startsWith("test-enc-1:").doesNotContain("Jane").doesNotContain("Asthma");
        assertThat(erased).isGreaterThanOrEqualTo(1);
        assertThat(after.body()).doesNotContainKey("emergencyContact").containsKey("erasedAt");
    }

    @Test
    void checkingInWithTheTicketMarksAttendanceAndTwiceIsHarmless() throws Exception {
        Map<String, Object> event = event(5, Map.of());
        List<Org.Member> men = quickMembers(1);
        Api.Reply registration = register(event.get("id"), men.get(0), Map.of());
        Api.Reply ticket = api.get("/api/v1/events/" + event.get("id") + "/registrations/" + registration.string("id") + "/ticket", men.get(0).accessToken());

        Api.Reply first = api.post("/api/v1/events/" + event.get("id") + "/check-in", Map.of("token", ticket.string("token")), ptm.accessToken());
        Api.Reply again = api.post("/api/v1/events/" + event.get("id") + "/check-in", Map.of("token", ticket.string("token")), ptm.accessToken());
        Api.Reply forged = api.post("/api/v1/events/" + event.get("id") + "/check-in", Map.of("token", ticket.string("token") + "x"), ptm.accessToken());
        Api.Reply otherEvent = api.post("/api/v1/events/" + event(5, Map.of()).get("id") + "/check-in", Map.of("token", ticket.string("token")), ptm.accessToken());
        Api.Reply byMember = api.post("/api/v1/events/" + event.get("id") + "/check-in", Map.of("token", ticket.string("token")), men.get(0).accessToken());
        Api.Reply report = api.get("/api/v1/events/" + event.get("id") + "/attendance", ptm.accessToken());

        assertThat(ticket.string("qrCode")).startsWith("data:image/png;base64,");
        assertThat(first.body()).containsEntry("alreadyCheckedIn", false);
        assertThat(again.body()).containsEntry("alreadyCheckedIn", true).containsEntry("checkedInAt", first.string("checkedInAt"));
        assertThat(forged.code()).isEqualTo("TICKET_INVALID");
        assertThat(otherEvent.code()).isEqualTo("TICKET_INVALID");
        assertThat(byMember.status()).isEqualTo(403);
        assertThat(report.body()).containsEntry("checkedIn", 1).containsEntry("confirmed", 1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theRosterNamesEveryManWithOrWaitingForASeatForTheStaff() throws Exception {
        Map<String, Object> event = event(1, Map.of());
        List<Org.Member> men = quickMembers(2);
        Api.Reply seated = register(event.get("id"), men.get(0), Map.of());
        register(event.get("id"), men.get(1), Map.of());
        Api.Reply ticket = api.get("/api/v1/events/" + event.get("id") + "/registrations/" + seated.string("id") + "/ticket", men.get(0).accessToken());
        api.post("/api/v1/events/" + event.get("id") + "/check-in", Map.of("token", ticket.string("token")), ptm.accessToken());

        List<Object> roster = api.get("/api/v1/events/" + event.get("id") + "/roster", ptm.accessToken()).list("entries");

        assertThat(roster).hasSize(2);
        assertThat(roster).anySatisfy(entry -> assertThat((Map<String, Object>) entry).containsEntry("registrationId", seated.string("id"))
                .containsEntry("status", "CONFIRMED").containsKey("checkedInAt").containsKey("firstName"));
        assertThat(roster).anySatisfy(entry -> assertThat((Map<String, Object>) entry).containsEntry("status", "WAITLISTED").doesNotContainKey("checkedInAt"));
    }

    @Test
    void staffedByMeKeepsTheEventsHeRuns() throws Exception {
        Map<String, Object> his = event(5, Map.of());
        Map<String, Object> other = event(5, Map.of());
        Org.Member kitchen = org.member();
        api.post("/api/v1/events/" + his.get("id") + "/staff", Map.of("personId", kitchen.id().toString(), "role", "KITCHEN"), ptm.accessToken());

        List<Object> runs = api.get("/api/v1/events?staffedByMe=true&size=200", kitchen.accessToken()).list("items");
        List<Object> all = api.get("/api/v1/events?size=200", kitchen.accessToken()).list("items");

        assertThat(runs.stream().map(e -> String.valueOf(((Map<?, ?>) e).get("id"))).toList()).containsExactly(String.valueOf(his.get("id")));
        assertThat(all.stream().map(e -> String.valueOf(((Map<?, ?>) e).get("id"))).toList())
                .contains(String.valueOf(his.get("id")), String.valueOf(other.get("id")));
    }

    @Test
    void careTeamsAreBalancedAndWarnOverTheRatioTarget() throws Exception {
        Map<String, Object> event = event(10, Map.of("participantsPerStaff", 2));
        List<Org.Member> men = quickMembers(5);
        for (Org.Member man : men) {
            register(event.get("id"), man, Map.of());
        }
        Org.Member lead = org.member();
        api.post("/api/v1/events/" + event.get("id") + "/staff", Map.of("personId", lead.id().toString(), "role", "CARE_TEAM_LEAD"), ptm.accessToken());
        api.post("/api/v1/events/" + event.get("id") + "/care-teams", Map.of("name", "Oak", "staffId", ptm.id().toString()), ptm.accessToken());
        api.post("/api/v1/events/" + event.get("id") + "/care-teams", Map.of("name", "Pine", "staffId", lead.id().toString()), ptm.accessToken());

        Api.Reply assigned = api.post("/api/v1/events/" + event.get("id") + "/care-teams/assign", null, ptm.accessToken());
        Api.Reply staff = api.get("/api/v1/events/" + event.get("id") + "/staff", ptm.accessToken());

        assertThat(assigned.status()).as("%s", assigned.body()).isEqualTo(200);
        assertThat(assigned.list("teams").stream().map(t -> ((Number) ((Map<?, ?>) t).get("size")).intValue()).toList()).containsExactlyInAnyOrder(3, 2);
        assertThat(assigned.body()).containsEntry("unassigned", 0).containsEntry("participants", 5).containsEntry("staff", 2);
        assertThat(assigned.list("warnings").toString()).contains("over the target");
        assertThat(staff.list("items").toString()).contains("CARE_TEAM_LEAD").contains("LEAD");
    }

    @Test
    void registeringWarnsOfAnOverlapButDoesNotRefuse() throws Exception {
        Map<String, Object> first = event(5, Map.of());
        Map<String, Object> overlapping = event(5, Map.of("startsAt", first.get("startsAt"), "endsAt", first.get("endsAt")));
        List<Org.Member> men = quickMembers(1);

        register(first.get("id"), men.get(0), Map.of());
        Api.Reply second = register(overlapping.get("id"), men.get(0), Map.of());

        assertThat(second.status()).isEqualTo(201);
        assertThat(second.list("warnings").toString()).contains("Overlaps your registration for " + first.get("title"));
    }

    @Test
    void registeringWarnsOfHisCircleMeetingAndTheEventJoinsHisCalendarFeed() throws Exception {
        Map<String, Object> event = event(5, Map.of());
        Org.Member man = quickMembers(1).get(0);
        java.time.LocalDateTime startsLocal = java.time.LocalDateTime.ofInstant(Instant.parse((String) event.get("startsAt")), java.time.ZoneId.of("Europe/London"));
        Api.Reply circle = api.post("/api/v1/circles", Map.of("name", "Daily circle", "capacity", 5, "schedule", Map.of("rrule", "FREQ=DAILY",
                "firstStart", startsLocal.minusDays(1).withNano(0).toString(), "timeZone", "Europe/London", "minutes", 60)), org.admin().accessToken());
        api.post("/api/v1/circles/" + circle.string("id") + "/members", Map.of("personId", man.id().toString()), org.admin().accessToken());

        Api.Reply registration = register(event.get("id"), man, Map.of());
        String feed = java.net.URI.create(api.post("/api/v1/me/calendar-feed", null, man.accessToken()).string("url")).getPath();
        String ics = client.toBlocking().retrieve(HttpRequest.GET(feed).header("Host", org.tenant().slug() + ".localhost"), String.class);

        assertThat(registration.status()).isEqualTo(201);
        assertThat(registration.list("warnings").toString()).contains("Overlaps your circle Daily circle meeting");
        assertThat(ics).contains("SUMMARY:" + event.get("title"));
    }

    @Test
    void referralsAreCountedPerMember() throws Exception {
        Map<String, Object> event = event(5, Map.of());
        Org.Member sponsor = org.member();
        for (Org.Member man : quickMembers(2)) {
            register(event.get("id"), man, Map.of("sponsorId", sponsor.id().toString()));
        }

        Api.Reply report = api.get("/api/v1/reports/referrals", org.admin().accessToken());

        assertThat(report.list("items")).anySatisfy(row -> assertThat(((Map<?, ?>) row).get("personId")).isEqualTo(sponsor.id().toString()));
        assertThat(report.list("items").toString()).contains("referrals=2");
    }

    @Test
    void aMemberCannotCancelAfterTheCutoffButStaffCanWithAReason() throws Exception {
        Map<String, Object> event = event(5, Map.of("cancellationCutoffHours", 24 * 30));
        List<Org.Member> men = quickMembers(1);
        Api.Reply registration = register(event.get("id"), men.get(0), Map.of());
        String path = "/api/v1/events/" + event.get("id") + "/registrations/" + registration.string("id") + "/cancel";

        Api.Reply tooLate = api.post(path, Map.of(), men.get(0).accessToken());
        Api.Reply noReason = api.post(path, Map.of(), ptm.accessToken());
        Api.Reply byStaff = api.post(path, Map.of("reason", "asked by phone"), ptm.accessToken());

        assertThat(tooLate.code()).isEqualTo("CANCELLATION_CLOSED");
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(byStaff.body()).containsEntry("status", "CANCELLED").containsEntry("cancelReason", "asked by phone");
    }

    @Test
    void eachEventIsAnIcalendarEntry() throws Exception {
        Map<String, Object> event = event(5, Map.of("venue", "Barn; Hill Farm, Kent"));

        String ics = client.toBlocking().retrieve(HttpRequest.GET("/api/v1/events/" + event.get("id") + "/calendar.ics")
                .header("Host", org.tenant().slug() + ".localhost").bearerAuth(ptm.accessToken()), String.class);

        assertThat(new CalendarBuilder().build(new StringReader(ics)).getComponents("VEVENT")).hasSize(1);
        assertThat(ics).contains("LOCATION:Barn\\; Hill Farm\\, Kent");
    }

    @Test
    void anEventOfOneOrganisationIsInvisibleFromAnother() {
        Map<String, Object> event = event(5, Map.of());
        Org other = Org.create(provisioning, directory, client, "events-other");

        assertThat(other.api().get("/api/v1/events/" + event.get("id"), other.admin().accessToken()).status()).isEqualTo(404);
        assertThat(other.api().get("/api/v1/events", other.admin().accessToken()).body()).containsEntry("totalItems", 0);
    }

    @Test
    void thePtmsReadEveryMansEmergencyContactInOneAnswerAndTheKitchenDoesNot() throws Exception {
        Map<String, Object> event = event(5, Map.of("type", "MULTI_DAY_RETREAT"));
        List<Org.Member> men = quickMembers(2);
        register(event.get("id"), men.get(0), Map.of("emergencyContact", "Ann +447700900001"));
        register(event.get("id"), men.get(1), Map.of("emergencyContact", "Bea +447700900002", "medicalNotes", "Diabetic"));
        Org.Member kitchen = org.member();
        api.post("/api/v1/events/" + event.get("id") + "/staff", Map.of("personId", kitchen.id().toString(), "role", "KITCHEN"), ptm.accessToken());

        Api.Reply forPtm = api.get("/api/v1/events/" + event.get("id") + "/sensitive", ptm.accessToken());
        Api.Reply forKitchen = api.get("/api/v1/events/" + event.get("id") + "/sensitive", kitchen.accessToken());

        assertThat(forPtm.list("entries").stream().map(e -> String.valueOf(((Map<?, ?>) e).get("emergencyContact"))).toList())
                .containsExactlyInAnyOrder("Ann +447700900001", "Bea +447700900002");
        assertThat(forKitchen.status()).isEqualTo(403);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aPtmWhoseRoleIsRevokedOrWhoIsDeactivatedLosesStaffRightsOnHisNextRequest() throws Exception {
        Map<String, Object> event = event(5, Map.of("type", "MULTI_DAY_RETREAT"));
        Org.Member man = quickMembers(1).get(0);
        Api.Reply registration = register(event.get("id"), man, Map.of("emergencyContact", "Ann +447700900001", "medicalNotes", "Asthma"));
        assertThat(registration.status()).as("%s", registration.body()).isEqualTo(201);
        Org.Member revoked = org.member(Role.PTM);
        Org.Member deactivated = org.member(Role.PTM);
        String e = "/api/v1/events/" + event.get("id");
        for (Org.Member staff : List.of(revoked, deactivated)) {
            assertThat(api.post(e + "/staff", Map.of("personId", staff.id().toString(), "role", "PTM"), ptm.accessToken()).status()).isEqualTo(201);
        }
        String ticket = api.get(e + "/registrations/" + registration.string("id") + "/ticket", man.accessToken()).string("token");
        String one = e + "/registrations/" + registration.string("id") + "/sensitive";
        List<String> reads = List.of(one, e + "/sensitive", e + "/roster", e + "/care-teams", e + "/attendance");
        for (String path : reads) {
            assertThat(api.get(path, revoked.accessToken()).status()).as("before: %s", path).isEqualTo(200);
        }

        String admin = org.admin().accessToken();
        assertThat(api.delete("/api/v1/members/" + revoked.id() + "/roles/PTM", admin).status()).isIn(200, 204);
        assertThat(api.post("/api/v1/members/" + deactivated.id() + "/deactivate", Map.of(), admin).status()).isIn(200, 204);

        for (String path : reads) {
            assertThat(api.get(path, revoked.accessToken()).status()).as("revoked, still on the staff: %s", path).isEqualTo(403);
            assertThat(api.get(path, deactivated.accessToken()).status()).as("deactivated: %s", path).isIn(401, 403);
        }
        assertThat(api.post(e + "/check-in", Map.of("token", ticket), revoked.accessToken()).status()).isEqualTo(403);
        assertThat(api.post(e + "/check-in", Map.of("token", ticket), deactivated.accessToken()).status()).isIn(401, 403);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyReadOfSensitiveDataIsAudited() throws Exception {
        Map<String, Object> event = event(5, Map.of("type", "MULTI_DAY_RETREAT"));
        List<Org.Member> men = quickMembers(2);
        Api.Reply first = register(event.get("id"), men.get(0), Map.of("emergencyContact", "Ann +447700900001", "medicalNotes", "Asthma"));
        assertThat(first.status()).as("%s", first.body()).isEqualTo(201);
        register(event.get("id"), men.get(1), Map.of("emergencyContact", "Bea +447700900002", "medicalNotes", "Diabetic"));
        String e = "/api/v1/events/" + event.get("id");

        assertThat(api.get(e + "/registrations/" + first.string("id") + "/sensitive", ptm.accessToken()).status()).isEqualTo(200);
        assertThat(api.get(e + "/sensitive", ptm.accessToken()).status()).isEqualTo(200);

        String admin = org.admin().accessToken();
        List<Object> ofFirst = api.get("/api/v1/audit?action=sensitive-data.read&targetId=" + men.get(0).id(), admin).list("items");
        List<Object> ofSecond = api.get("/api/v1/audit?action=sensitive-data.read&targetId=" + men.get(1).id(), admin).list("items");
        assertThat(ofFirst).as("one read alone, then one in the whole list").hasSize(2);
        assertThat(ofSecond).hasSize(1);
        assertThat(ofFirst).allSatisfy(entry -> {
            Map<String, Object> line = (Map<String, Object>) entry;
            assertThat(line).containsEntry("actorId", ptm.id().toString()).containsKey("occurredAt");
            assertThat(String.valueOf(line.get("details"))).contains(first.string("id")).contains(String.valueOf(event.get("id")));
        });
    }

    @Test
    void theRosterAndStaffingOfOneOrganisationAreNotReachableFromAnother() {
        Map<String, Object> event = event(5, Map.of());
        Org other = Org.create(provisioning, directory, client, "roster-other");
        Org.Member stranger = other.member(io.hearth.identity.Role.PTM);

        Api.Reply roster = other.api().get("/api/v1/events/" + event.get("id") + "/roster", other.admin().accessToken());
        Api.Reply sensitive = other.api().get("/api/v1/events/" + event.get("id") + "/sensitive", stranger.accessToken());
        Api.Reply staffed = other.api().get("/api/v1/events?staffedByMe=true", ptm.accessToken());

        assertThat(roster.status()).isEqualTo(404);
        assertThat(sensitive.status()).isEqualTo(403);
        assertThat(staffed.status()).as("a token of this organisation is refused on the other's host").isEqualTo(401);
    }

    private String rawSealed(UUID registration) throws Exception {
        LocalStack stack = RealStack.stack();
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl(LocalStack.Database.APP), stack.dbUsername(), stack.dbPassword());
             PreparedStatement p = c.prepareStatement("select sealed_emergency_contact || sealed_medical_notes from " + org.tenant().id().schemaName()
                     + ".registrations where id = ?")) {
            p.setObject(1, registration);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
