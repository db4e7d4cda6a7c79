package io.hearth.notifications;

import io.hearth.Api;
import io.hearth.RealStack;
import io.hearth.identity.Org;
import io.hearth.infra.LocalStack;
import io.hearth.tenancy.TenantDirectory;
import io.hearth.tenancy.TenantProvisioning;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A notification written in one organisation is never listed, read, acknowledged or counted in another. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotificationIsolationIT implements RealStack {

    @Inject @Client("/") HttpClient client;
    @Inject TenantProvisioning provisioning;
    @Inject TenantDirectory directory;

    @Test
    void aNotificationOfOneOrganisationIsNothingInAnother() throws Exception {
        Org a = Org.create(provisioning, directory, client, "hear-a");
        Org b = Org.create(provisioning, directory, client, "hear-b");
        Org.Member readerA = a.member();
        Org.Member memberB = b.member();
        a.api().post("/api/v1/announcements", Map.of("title", "Only in A", "body", "zebra news", "audience", "ORGANISATION"),
                a.admin().accessToken());
        await("A's man is told").atMost(Duration.ofSeconds(15)).until(() -> !a.api().get("/api/v1/notifications", readerA.accessToken())
                .list("items").isEmpty());
        String id = (String) ((Map<?, ?>) a.api().get("/api/v1/notifications", readerA.accessToken()).list("items").get(0)).get("id");
        b.api().put("/api/v1/me/quiet-hours", Map.of("from", "22:00", "to", "07:00", "timeZone", "Europe/London"), memberB.accessToken());

        Api inB = b.api();
        assertThat(inB.get("/api/v1/notifications", memberB.accessToken()).list("items")).isEmpty();
        assertThat(inB.post("/api/v1/notifications/" + id + "/read", Map.of(), memberB.accessToken()).status()).isEqualTo(404);
        assertThat(inB.post("/api/v1/notifications/" + id + "/acknowledge", Map.of(), memberB.accessToken()).status()).isEqualTo(404);
        assertThat(inB.get("/api/v1/notifications", readerA.accessToken()).status()).as("A's token on B's host").isEqualTo(401);
        assertThat(inB.post("/api/v1/notifications/read-all", Map.of(), memberB.accessToken()).status()).isEqualTo(200);
        assertThat(a.api().get("/api/v1/notifications?unread", readerA.accessToken()).list("items")).as("B's read-all touched nothing in A")
                .hasSize(1);
        assertThat(a.api().get("/api/v1/me/quiet-hours", readerA.accessToken()).body().get("from")).as("B's quiet hours are B's").isNull();
        assertThat(count(a, "select count(*) from %s.notifications where id = '" + id + "'")).isEqualTo(1);
        assertThat(count(b, "select count(*) from %s.notifications where id = '" + id + "'")).isZero();
        assertThat(count(b, "select count(*) from %s.notifications")).isZero();
        assertThat(count(a, "select count(*) from %s.quiet_hours")).isZero();
        assertThat(count(b, "select count(*) from %s.quiet_hours")).isEqualTo(1);

        // His profile and an address change asked for in A are nothing in B: A's link does nothing on B's host.
        a.api().send(io.micronaut.http.HttpMethod.PATCH, "/api/v1/me", Map.of("timeZone", "Asia/Tokyo"), readerA.accessToken());
        String moved = "moved-" + java.util.UUID.randomUUID() + "@example.test";
        assertThat(a.api().post("/api/v1/me/email", Map.of("email", moved, "password", Org.PASSWORD), readerA.accessToken()).status()).isEqualTo(202);
        String token = Org.lastLink(moved, "/email-change/");
        assertThat(count(b, "select count(*) from %s.email_changes")).isZero();
        assertThat(inB.post("/api/v1/auth/email-change", Map.of("token", token), null).status()).as("A's link on B's host").isEqualTo(410);
        assertThat(a.api().post("/api/v1/auth/email-change", Map.of("token", token), null).status()).isEqualTo(200);
        assertThat(inB.get("/api/v1/me", memberB.accessToken()).map("person").get("timeZone")).as("his quiet hours' zone, not A's man's")
                .isEqualTo("Europe/London");
        assertThat(count(b, "select count(*) from %s.people where time_zone = 'Asia/Tokyo'")).isZero();
        assertThat(count(a, "select count(*) from %s.people where time_zone = 'Asia/Tokyo'")).isEqualTo(1);
    }

    @Test
    void aReachOutADeviceADefaultAndAMuteOfOneOrganisationAreNothingInAnother() throws Exception {
        Org a = Org.create(provisioning, directory, client, "hear-c");
        Org b = Org.create(provisioning, directory, client, "hear-d");
        Org.Member manA = a.member();
        Org.Member manB = b.member();
        Api.Reply reached = a.api().post("/api/v1/reach-out", Map.of("alert", false, "message", "only in A"), manA.accessToken());
        assertThat(reached.status()).as("reach out: %s", reached.body()).isEqualTo(201);
        String reachOut = (String) reached.map("reachOut").get("id");
        assertThat(reachOut).isNotNull();
        String circle = a.api().post("/api/v1/circles", Map.of("name", "A's circle", "capacity", 8), a.member(io.hearth.identity.Role.FACILITATOR)
                .accessToken()).string("id");
        a.api().put("/api/v1/me/muted-circles/" + circle, Map.of(), manA.accessToken());
        a.api().put("/api/v1/organisation/notification-defaults", Map.of("items", List.of(Map.of("kind", "ANNOUNCEMENT", "channel", "EMAIL",
                "level", "OFF"))), a.admin().accessToken());
        io.hearth.infra.PushCatcher.Subscription device = RealStack.stack().pushCatcher().subscribe();
        a.api().post("/api/v1/me/push-subscriptions", Map.of("endpoint", device.endpoint(), "keys", Map.of("p256dh", device.p256dh(),
                "auth", device.auth())), manA.accessToken());

        Api inB = b.api();
        assertThat(inB.get("/api/v1/reach-outs/" + reachOut, manB.accessToken()).status()).isEqualTo(404);
        assertThat(inB.post("/api/v1/reach-outs/" + reachOut + "/take", Map.of(), manB.accessToken()).status()).isEqualTo(404);
        assertThat(inB.put("/api/v1/me/muted-circles/" + circle, Map.of(), manB.accessToken()).status()).as("A's circle is no circle in B")
                .isEqualTo(404);
        assertThat(inB.get("/api/v1/me/muted-circles", manB.accessToken()).list("items")).isEmpty();
        assertThat(inB.get("/api/v1/me/push-subscriptions", manB.accessToken()).list("items")).isEmpty();
        assertThat(inB.get("/api/v1/organisation/notification-defaults", b.admin().accessToken()).list("items"))
                .contains(Map.of("kind", "ANNOUNCEMENT", "channel", "EMAIL", "level", "ALL"));
        assertThat(count(b, "select count(*) from %s.reach_outs")).isZero();
        assertThat(count(b, "select count(*) from %s.circle_mutes")).isZero();
        assertThat(count(b, "select count(*) from %s.notification_defaults")).isZero();
        assertThat(count(b, "select count(*) from %s.push_subscriptions")).isZero();
        assertThat(count(a, "select count(*) from %s.reach_outs")).isEqualTo(1);
        assertThat(count(a, "select count(*) from %s.circle_mutes")).isEqualTo(1);
        assertThat(count(a, "select count(*) from %s.push_subscriptions")).isEqualTo(1);
    }

    static long count(Org org, String query) throws Exception {
        try (Connection c = DriverManager.getConnection(RealStack.stack().jdbcUrl(LocalStack.Database.APP), RealStack.stack().dbUsername(),
                RealStack.stack().dbPassword()); ResultSet rs = c.createStatement().executeQuery(query.formatted(org.tenant().id().schemaName()))) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
