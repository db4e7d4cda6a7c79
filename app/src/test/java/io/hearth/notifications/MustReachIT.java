package io.hearth.notifications;

import io.hearth.Api;
import io.hearth.RealStack;
import io.hearth.identity.Org;
import io.hearth.identity.Role;
import io.hearth.infra.LocalStack;
import io.hearth.infra.PushCatcher;
import io.hearth.tenancy.TenantDirectory;
import io.hearth.tenancy.TenantProvisioning;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Must-reach messages climb from the app and push to a text and a mail until answered; Reach out goes to his facilitators only. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MustReachIT implements RealStack {

    @Inject @Client("/") HttpClient client;
    @Inject TenantProvisioning provisioning;
    @Inject TenantDirectory directory;
    Org org;
    Api api;
    Org.Member facilitator;
    Org.Member coFacilitator;

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("hearth.notifications.ladder-interval", "300ms", "hearth.push.retry-base", "200ms", "hearth.push.interval", "200ms");
    }

    @BeforeAll
    void organisation() {
        org = Org.create(provisioning, directory, client, "reach");
        api = org.api();
        facilitator = org.member(Role.FACILITATOR);
        coFacilitator = org.member(Role.FACILITATOR);
    }

    String circleWith(Org.Member... men) {
        String circle = api.post("/api/v1/circles", Map.of("name", "Reach " + UUID.randomUUID().toString().substring(0, 6), "capacity", 8),
                facilitator.accessToken()).string("id");
        for (Org.Member man : men) {
            assertThat(api.post("/api/v1/circles/" + circle + "/members", Map.of("personId", man.id().toString()), facilitator.accessToken())
                    .status()).isEqualTo(201);
        }
        return circle;
    }

    String verifiedPhone(Org.Member man) {
        String phone = "+4477009" + String.format("%05d", ThreadLocalRandom.current().nextInt(100000));
        assertThat(api.post("/api/v1/auth/verify-phone", Map.of("phone", phone), man.accessToken()).status()).isEqualTo(202);
        // The organisation's name (a random slug) can hold six digits too: take the number after "code is".
        Pattern code = Pattern.compile("code is (\\d{6})");
        await("the code").atMost(Duration.ofSeconds(10)).until(() -> RealStack.stack().smsCatcher().messages().stream().anyMatch(s -> s.to().equals(phone)));
        Matcher found = code.matcher(RealStack.stack().smsCatcher().messages().stream().filter(s -> s.to().equals(phone)).findFirst().orElseThrow().body());
        assertThat(found.find()).isTrue();
        assertThat(api.post("/api/v1/auth/verify-phone", Map.of("phone", phone, "code", found.group(1)), man.accessToken()).status()).isEqualTo(200);
        return phone;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> safetyNotification(Org.Member man) {
        await("his must-reach notification").atMost(Duration.ofSeconds(15)).until(() -> api.get("/api/v1/notifications", man.accessToken())
                .list("items").stream().anyMatch(n -> "SAFETY".equals(((Map<?, ?>) n).get("kind"))));
        return (Map<String, Object>) api.get("/api/v1/notifications", man.accessToken()).list("items").stream()
                .filter(n -> "SAFETY".equals(((Map<?, ?>) n).get("kind"))).findFirst().orElseThrow();
    }

    void due(String source) throws Exception {
        sql("update %s.notifications set next_step_at = now() - interval '1 second' where source = '" + source + "' and next_step_at is not null");
    }

    @SuppressWarnings("unchecked")
    List<String> channels(String messageId, Org.Member man) {
        return (List<String>) api.get("/api/v1/safety-messages/" + messageId, facilitator.accessToken()).list("reached").stream()
                .map(r -> (Map<String, Object>) r).filter(r -> man.id().toString().equals(r.get("personId"))).findFirst().orElseThrow().get("channels");
    }

    @Test
    void aMustReachMessageClimbsToATextAndThenAMailUntilHeAnswersGotIt() throws Exception {
        Org.Member man = org.member();
        String phone = verifiedPhone(man);
        String circle = circleWith(man);
        String text = "The bus leaves from the north gate " + UUID.randomUUID().toString().substring(0, 6);

        Api.Reply sent = api.post("/api/v1/safety-messages", Map.of("circleId", circle, "text", text), facilitator.accessToken());

        assertThat(sent.status()).as("send: %s", sent.body()).isEqualTo(201);
        String id = sent.string("id");
        Map<String, Object> notification = safetyNotification(man);
        assertThat(notification.get("safety")).isEqualTo(true);
        assertThat(notification.get("body")).isEqualTo(text);
        assertThat(RealStack.stack().smsCatcher().messages().stream().filter(s -> s.to().equals(phone) && s.body().contains(text)))
                .as("no text before 15 minutes").isEmpty();
        assertThat(((Number) api.get("/api/v1/safety-messages/" + id, facilitator.accessToken()).body().get("notReached")).intValue()).isEqualTo(1);

        due("safety:" + id);
        await("the text").atMost(Duration.ofSeconds(15)).until(() -> RealStack.stack().smsCatcher().messages().stream()
                .anyMatch(s -> s.to().equals(phone) && s.body().contains(text)));
        await("the sender sees it went by text").atMost(Duration.ofSeconds(5)).until(() -> channels(id, man).contains("sms"));
        due("safety:" + id);
        await("the mail").atMost(Duration.ofSeconds(15)).until(() -> RealStack.stack().mailCatcher().messages().stream()
                .anyMatch(m -> m.to().contains(man.email()) && m.body().contains(text)));
        assertThat(channels(id, man)).containsExactly("app", "sms", "email");

        Api.Reply gotIt = api.post("/api/v1/notifications/" + notification.get("id") + "/acknowledge", Map.of(), man.accessToken());
        assertThat(gotIt.status()).isEqualTo(200);
        assertThat(gotIt.string("acknowledgedAt")).isNotNull();
        assertThat(((Number) api.get("/api/v1/safety-messages/" + id, facilitator.accessToken()).body().get("notReached")).intValue()).isZero();
        assertThat(count("select count(*) from %s.notifications where source = 'safety:" + id + "' and next_step_at is not null")).isZero();
    }

    @Test
    void aMustReachMessageIsPushedAtOnceEvenInsideHisQuietHours() {
        Org.Member man = org.member();
        String circle = circleWith(man);
        PushCatcher.Subscription phone = RealStack.stack().pushCatcher().subscribe();
        assertThat(api.post("/api/v1/me/push-subscriptions", Map.of("endpoint", phone.endpoint(), "keys", Map.of("p256dh", phone.p256dh(),
                "auth", phone.auth()), "previews", true), man.accessToken()).status()).isEqualTo(201);
        LocalTime now = LocalTime.now(ZoneOffset.UTC);
        api.put("/api/v1/me/quiet-hours", Map.of("from", now.minusHours(1).withSecond(0).withNano(0).toString(),
                "to", now.plusHours(1).withSecond(0).withNano(0).toString(), "timeZone", "UTC"), man.accessToken());
        String text = "Check in with me tonight " + UUID.randomUUID().toString().substring(0, 6);

        api.post("/api/v1/safety-messages", Map.of("circleId", circle, "text", text), facilitator.accessToken());

        await("the push, through quiet hours").atMost(Duration.ofSeconds(15)).until(() -> RealStack.stack().pushCatcher().pushes().stream()
                .anyMatch(p -> p.subscription().equals(phone.id()) && p.payload().contains(text)));
        assertThat(RealStack.stack().pushCatcher().pushes().stream().filter(p -> p.subscription().equals(phone.id())).findFirst().orElseThrow()
                .urgency()).isEqualTo("high");
    }

    @Test
    void onlyThoseWhoRunACircleOrAnEventOrAdminsSendMustReachMessages() {
        Org.Member man = org.member();
        Org.Member other = org.member();
        String circle = circleWith(man);

        assertThat(api.post("/api/v1/safety-messages", Map.of("circleId", circle, "text", "hi"), man.accessToken()).status()).isIn(403, 404);
        assertThat(api.post("/api/v1/safety-messages", Map.of("circleId", circle, "text", "hi"), coFacilitator.accessToken()).status())
                .as("not his circle").isIn(403, 404);
        assertThat(api.post("/api/v1/safety-messages", Map.of("personIds", List.of(other.id().toString()), "text", "hi"), man.accessToken())
                .status()).isEqualTo(403);
        assertThat(api.post("/api/v1/safety-messages", Map.of("personIds", List.of(other.id().toString()), "text", "Please call me"),
                org.admin().accessToken()).status()).isEqualTo(201);
        assertThat(api.post("/api/v1/safety-messages", Map.of("text", "nobody"), org.admin().accessToken()).status()).isEqualTo(422);
        assertThat(api.post("/api/v1/safety-messages", Map.of("circleId", circle, "text", " "), facilitator.accessToken()).status()).isEqualTo(422);
        String key = UUID.randomUUID().toString();
        Api.Reply first = api.send(HttpRequest.POST("/api/v1/safety-messages", Map.of("circleId", circle, "text", "Once"))
                .bearerAuth(facilitator.accessToken()).header("Idempotency-Key", key));
        Api.Reply again = api.send(HttpRequest.POST("/api/v1/safety-messages", Map.of("circleId", circle, "text", "Once"))
                .bearerAuth(facilitator.accessToken()).header("Idempotency-Key", key));
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.string("id")).isEqualTo(first.string("id"));
        assertThat(api.get("/api/v1/safety-messages/" + first.string("id"), man.accessToken()).status()).as("not the sender").isEqualTo(404);
    }

    @Test
    void aReachOutAlertsHisFacilitatorsAndTheFirstWhoTakesItIsSeenByTheOthers() throws Exception {
        Org.Member man = org.member();
        Api.Reply created = api.post("/api/v1/circles", Map.of("name", "Two " + UUID.randomUUID().toString().substring(0, 6), "capacity", 8,
                "facilitatorIds", List.of(facilitator.id().toString(), coFacilitator.id().toString())), facilitator.accessToken());
        assertThat(created.status()).as("circle: %s", created.body()).isEqualTo(201);
        assertThat(api.post("/api/v1/circles/" + created.string("id") + "/members", Map.of("personId", man.id().toString()),
                facilitator.accessToken()).status()).isEqualTo(201);

        Api.Reply reached = api.post("/api/v1/reach-out", Map.of("message", "Rough night. Can someone call?"), man.accessToken());

        assertThat(reached.status()).as("reach out: %s", reached.body()).isEqualTo(201);
        String id = (String) reached.map("reachOut").get("id");
        assertThat((List<?>) reached.map("reachOut").get("alerted")).hasSize(2);
        assertThat((List<?>) reached.map("lines").get("lines")).isNotEmpty();
        Map<String, Object> told = safetyNotification(coFacilitator);
        assertThat(told.get("link")).isEqualTo("/reach-outs/" + id);
        assertThat(told.get("body")).isEqualTo("Rough night. Can someone call?");

        Api.Reply taken = api.post("/api/v1/reach-outs/" + id + "/take", Map.of(), facilitator.accessToken());
        Api.Reply second = api.post("/api/v1/reach-outs/" + id + "/take", Map.of(), coFacilitator.accessToken());

        assertThat(taken.status()).isEqualTo(200);
        assertThat(taken.map("takenBy").get("personId")).isEqualTo(facilitator.id().toString());
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.body().get("detail").toString()).contains("is on it");
        assertThat(api.get("/api/v1/reach-outs/" + id, coFacilitator.accessToken()).map("takenBy").get("personId"))
                .isEqualTo(facilitator.id().toString());
        assertThat(api.get("/api/v1/reach-outs", man.accessToken()).list("items")).hasSize(1);
        assertThat(count("select count(*) from %s.notifications where source = 'reach-out:" + id + "' and next_step_at is not null"))
                .as("nobody is chased once it is taken").isZero();
    }

    @Test
    void aReachOutIsSeenByNobodyButHimAndThoseAlertedAndReportsOnlyCountIt() {
        Org.Member man = org.member();
        circleWith(man);
        Org.Member leader = org.member(Role.LEADERSHIP);
        String id = (String) api.post("/api/v1/reach-out", Map.of("message", "private"), man.accessToken()).map("reachOut").get("id");

        assertThat(api.get("/api/v1/reach-outs/" + id, org.admin().accessToken()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/reach-outs", org.admin().accessToken()).list("items")).isEmpty();
        assertThat(api.get("/api/v1/reach-outs/" + id, leader.accessToken()).status()).isEqualTo(404);
        assertThat(api.post("/api/v1/reach-outs/" + id + "/take", Map.of(), leader.accessToken()).status()).isEqualTo(404);
        assertThat(api.post("/api/v1/reach-outs/" + id + "/take", Map.of(), man.accessToken()).status()).as("not his own").isEqualTo(403);
        Api.Reply report = api.get("/api/v1/reports/reach-outs?months=1", leader.accessToken());
        assertThat(report.status()).isEqualTo(200);
        assertThat(((Number) ((Map<?, ?>) report.list("months").get(0)).get("reachOuts")).longValue()).isPositive();
        assertThat(report.body().toString()).doesNotContain(man.id().toString()).doesNotContain("private");
        assertThat(api.get("/api/v1/reports/reach-outs", man.accessToken()).status()).isEqualTo(403);
    }

    @Test
    void withoutAnAlertAReachOutShowsTheLinesAndTellsNobody() {
        Org.Member man = org.member();
        circleWith(man);
        String key = UUID.randomUUID().toString();

        Api.Reply quiet = api.send(HttpRequest.POST("/api/v1/reach-out", Map.of("alert", false)).bearerAuth(man.accessToken())
                .header("Idempotency-Key", key));
        Api.Reply again = api.send(HttpRequest.POST("/api/v1/reach-out", Map.of("alert", false)).bearerAuth(man.accessToken())
                .header("Idempotency-Key", key));

        assertThat(quiet.status()).isEqualTo(201);
        assertThat((List<?>) quiet.map("reachOut").get("alerted")).isEmpty();
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.map("reachOut").get("id")).isEqualTo(quiet.map("reachOut").get("id"));
        assertThat(api.post("/api/v1/reach-out", Map.of("message", "x".repeat(1001)), man.accessToken()).status()).isEqualTo(422);
    }

    @Test
    void crisisLinesAreHearthsDefaultForTheCountryUntilAdminsKeepTheirOwn() {
        Org.Member man = org.member();

        Api.Reply defaults = api.get("/api/v1/crisis-lines", man.accessToken());
        Api.Reply refused = api.put("/api/v1/crisis-lines", Map.of("lines", List.of(Map.of("name", "Mine", "phone", "123"))), man.accessToken());
        Api.Reply bad = api.put("/api/v1/crisis-lines", Map.of("lines", List.of(Map.of("name", "No number"))), org.admin().accessToken());
        Api.Reply own = api.put("/api/v1/crisis-lines", Map.of("lines", List.of(Map.of("name", "Our warm line", "phone", "0800 000 000",
                "hours", "9am to 9pm"))), org.admin().accessToken());

        assertThat(defaults.status()).isEqualTo(200);
        assertThat(defaults.body().get("custom")).isEqualTo(false);
        assertThat(defaults.list("lines")).isNotEmpty();
        assertThat(defaults.string("note")).contains("check");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(bad.status()).isEqualTo(422);
        assertThat(own.status()).isEqualTo(200);
        assertThat(api.get("/api/v1/crisis-lines", man.accessToken()).list("lines").stream().map(l -> (Object) ((Map<?, ?>) l).get("name")).toList())
                .containsExactly((Object) "Our warm line");
        assertThat(api.put("/api/v1/crisis-lines", Map.of("lines", List.of()), org.admin().accessToken()).body().get("custom")).isEqualTo(false);
        assertThat(api.get("/api/v1/audit?action=settings.changed", org.admin().accessToken()).list("items").toString())
                .as("each change of the list is audited").contains("Our warm line").contains("default");
    }

    void sql(String statement) throws Exception {
        try (Connection c = connection()) {
            c.createStatement().executeUpdate(statement.formatted(org.tenant().id().schemaName()));
        }
    }

    long count(String query) throws Exception {
        try (Connection c = connection(); ResultSet rs = c.createStatement().executeQuery(query.formatted(org.tenant().id().schemaName()))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static Connection connection() throws Exception {
        return DriverManager.getConnection(RealStack.stack().jdbcUrl(LocalStack.Database.APP), RealStack.stack().dbUsername(),
                RealStack.stack().dbPassword());
    }
}
