package io.hearth.notifications;

import io.hearth.Api;
import io.hearth.RealStack;
import io.hearth.identity.Org;
import io.hearth.identity.Role;
import io.hearth.infra.LocalStack;
import io.hearth.infra.MailCatcher;
import io.hearth.infra.PushCatcher;
import io.hearth.messaging.MailTemplate;
import io.hearth.tenancy.TenantDirectory;
import io.hearth.tenancy.TenantProvisioning;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Domain events become notifications for the men they concern, in the app and by mail, once each. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotificationsIT implements RealStack {

    @Inject @Client("/") HttpClient client;
    @Inject TenantProvisioning provisioning;
    @Inject TenantDirectory directory;
    @Inject NotificationHousekeeping housekeeping;
    @Inject io.hearth.identity.IdentityHousekeeping identityHousekeeping;
    Org org;
    Api api;
    Org.Member leader;
    Org.Member facilitator;

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("hearth.push.retry-base", "200ms", "hearth.push.interval", "200ms");
    }

    @BeforeAll
    void organisation() {
        org = Org.create(provisioning, directory, client, "alerts");
        api = org.api();
        leader = org.member(Role.LEADERSHIP);
        facilitator = org.member(Role.FACILITATOR);
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> notifications(Org.Member who, String query) {
        Api.Reply reply = api.get("/api/v1/notifications" + query, who.accessToken());
        assertThat(reply.status()).as("list: %s", reply.body()).isEqualTo(200);
        return reply.list("items").stream().map(item -> (Map<String, Object>) item).toList();
    }

    List<Map<String, Object>> titled(Org.Member who, String title) {
        return notifications(who, "?limit=100").stream().filter(n -> title.equals(n.get("title"))).toList();
    }

    Map<String, Object> awaitTitled(Org.Member who, String title) {
        await(who.email() + " hears of '" + title + "'").atMost(Duration.ofSeconds(15)).until(() -> !titled(who, title).isEmpty());
        return titled(who, title).get(0);
    }

    String announce(String title) {
        Api.Reply posted = api.post("/api/v1/announcements", Map.of("title", title, "body", "Body of " + title, "audience", "ORGANISATION"),
                leader.accessToken());
        assertThat(posted.status()).as("post: %s", posted.body()).isEqualTo(201);
        return posted.string("id");
    }

    static long mailsTo(String email, String subject) {
        return RealStack.stack().mailCatcher().messages().stream().filter(m -> m.to().contains(email) && m.subject().equals(subject)).count();
    }

    @Test
    void anAnnouncementNotifiesEveryManInTheAppAndByMailButNotItsAuthor() {
        Org.Member reader = org.member();
        String title = "Retreat dates " + UUID.randomUUID().toString().substring(0, 6);

        String id = announce(title);

        Map<String, Object> seen = awaitTitled(reader, title);
        assertThat(seen.get("kind")).isEqualTo("ANNOUNCEMENT");
        assertThat(seen.get("link")).isEqualTo("/announcements/" + id);
        assertThat(seen.get("readAt")).isNull();
        assertThat(((Number) api.get("/api/v1/notifications", reader.accessToken()).body().get("unreadCount")).longValue()).isPositive();
        await("the mail").atMost(Duration.ofSeconds(15)).until(() -> mailsTo(reader.email(), title) == 1);
        MailCatcher.Mail mail = RealStack.stack().mailCatcher().messages().stream()
                .filter(m -> m.to().contains(reader.email()) && m.subject().equals(title)).findFirst().orElseThrow();
        assertThat(mail.body()).contains("/announcements/" + id).contains("/settings/notifications");
        await("facilitator hears too").atMost(Duration.ofSeconds(15)).until(() -> !titled(facilitator, title).isEmpty());
        assertThat(titled(leader, title)).as("its author is not told of his own announcement").isEmpty();
        assertThat(mailsTo(leader.email(), title)).isZero();
    }

    @Test
    void aNotificationMailHasATextAndAnHtmlPartWithWhatPeopleWroteEscapedUnderTheOrganisationsNameAndColour() {
        Org.Member reader = org.member();
        String title = "<script>alert(\"hi\")</script> Retreat " + UUID.randomUUID().toString().substring(0, 6);
        Map<String, Object> settings = new java.util.HashMap<>(api.get("/api/v1/organisation/settings", org.admin().accessToken()).body());
        settings.put("brandColour", "#1D4ED8");
        assertThat(api.put("/api/v1/organisation/settings", settings, org.admin().accessToken()).string("brandColour")).isEqualTo("#1d4ed8");

        String id;
        try {
            id = announce(title);
            await("the mail").atMost(Duration.ofSeconds(15)).until(() -> mailsTo(reader.email(), title) == 1);
        } finally {
            settings.put("brandColour", "");
            assertThat(api.put("/api/v1/organisation/settings", settings, org.admin().accessToken()).body().get("brandColour")).isNull();
        }

        await("the mail").atMost(Duration.ofSeconds(15)).until(() -> mailsTo(reader.email(), title) == 1);
        MailCatcher.Mail mail = RealStack.stack().mailCatcher().messages().stream()
                .filter(m -> m.to().contains(reader.email()) && m.subject().equals(title)).findFirst().orElseThrow();
        assertThat(mail.contentType()).startsWith("multipart/alternative");
        assertThat(mail.body()).contains(title).contains("/announcements/" + id).contains("/settings/notifications").contains("/u/");
        assertThat(mail.html()).doesNotContain("<script>")
                .contains(title.replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;"))
                .contains(MailTemplate.escapeHtml(org.tenant().name()))
                .contains("/announcements/" + id).contains(">Unsubscribe</a>").contains("#1d4ed8");
        String unsubscribe = mail.header("List-Unsubscribe").orElseThrow().replaceAll("[<>]", "");
        assertThat(mail.html()).contains("href=\"" + unsubscribe + "\"");
        assertThat(mail.body()).contains(unsubscribe);
    }

    @Test
    void aRedeliveredEventNotifiesNoOneTwice() throws Exception {
        Org.Member reader = org.member();
        String title = "Once only " + UUID.randomUUID().toString().substring(0, 6);
        String id = announce(title);
        awaitTitled(reader, title);
        await("the mail").atMost(Duration.ofSeconds(15)).until(() -> mailsTo(reader.email(), title) == 1);

        String[] sent = outboxEvent("AnnouncementPosted", id);
        redeliver(sent[0], sent[1], sent[2]);

        assertThat(titled(reader, title)).hasSize(1);
        assertThat(mailsTo(reader.email(), title)).isEqualTo(1);
        assertThat(count("select count(*) from %s.notifications where source = '" + sent[3] + "' and person_id = '" + reader.id() + "'"))
                .isEqualTo(1);
    }

    @Test
    void markingOneAndThenAllReadClearsTheUnreadCount() {
        Org.Member reader = org.member();
        String first = "First of two " + UUID.randomUUID().toString().substring(0, 6);
        String second = "Second of two " + UUID.randomUUID().toString().substring(0, 6);
        announce(first);
        announce(second);
        String firstId = (String) awaitTitled(reader, first).get("id");
        awaitTitled(reader, second);
        long unread = ((Number) api.get("/api/v1/notifications", reader.accessToken()).body().get("unreadCount")).longValue();

        Api.Reply read = api.post("/api/v1/notifications/" + firstId + "/read", Map.of(), reader.accessToken());

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.string("readAt")).isNotNull();
        assertThat(((Number) api.get("/api/v1/notifications", reader.accessToken()).body().get("unreadCount")).longValue()).isEqualTo(unread - 1);
        assertThat(notifications(reader, "?unread").stream().map(n -> n.get("title"))).doesNotContain(first).contains(second);
        assertThat(notifications(reader, "?unread=true").stream().map(n -> n.get("title"))).doesNotContain(first);
        Api.Reply all = api.post("/api/v1/notifications/read-all", Map.of(), reader.accessToken());
        assertThat(all.status()).isEqualTo(200);
        assertThat(((Number) all.body().get("unreadCount")).longValue()).isZero();
        assertThat(notifications(reader, "?unread")).isEmpty();
        assertThat(api.get("/api/v1/notifications?unread=maybe", reader.accessToken()).status()).isEqualTo(422);
    }

    @Test
    void pagesGoBackInTimeWithBefore() {
        Org.Member reader = org.member();
        String tag = UUID.randomUUID().toString().substring(0, 6);
        for (int i = 0; i < 3; i++) {
            announce("Page " + i + " " + tag);
        }
        await("all three").atMost(Duration.ofSeconds(15)).until(() -> notifications(reader, "?limit=100").size() >= 3);

        Api.Reply first = api.get("/api/v1/notifications?limit=2", reader.accessToken());
        Api.Reply second = api.get("/api/v1/notifications?limit=2&before=" + first.string("nextBefore"), reader.accessToken());

        assertThat(first.list("items")).hasSize(2);
        assertThat(second.list("items")).hasSize(1);
        assertThat(second.body().get("nextBefore")).isNull();
        assertThat(api.get("/api/v1/notifications?before=yesterday", reader.accessToken()).status()).isEqualTo(400);
    }

    @Test
    void aManWhoTurnedMailOffForAKindSeesItOnlyInTheApp() {
        Org.Member reader = org.member();
        Api.Reply set = api.put("/api/v1/me/notification-preferences", Map.of("items", List.of(
                Map.of("kind", "ANNOUNCEMENT", "channel", "EMAIL", "level", "OFF"))), reader.accessToken());
        assertThat(set.status()).as("preferences: %s", set.body()).isEqualTo(200);
        String title = "App only " + UUID.randomUUID().toString().substring(0, 6);
        Org.Member control = org.member();

        announce(title);

        awaitTitled(reader, title);
        await("the other man's mail").atMost(Duration.ofSeconds(15)).until(() -> mailsTo(control.email(), title) == 1);
        assertThat(mailsTo(reader.email(), title)).isZero();
    }

    @Test
    void aManWhoTurnedTheAppOffForAKindIsNotShownIt() {
        Org.Member reader = org.member();
        api.put("/api/v1/me/notification-preferences", Map.of("items", List.of(
                Map.of("kind", "ANNOUNCEMENT", "channel", "IN_APP", "level", "OFF"))), reader.accessToken());
        String title = "Not in the app " + UUID.randomUUID().toString().substring(0, 6);

        announce(title);

        await("his mail still comes").atMost(Duration.ofSeconds(15)).until(() -> mailsTo(reader.email(), title) == 1);
        assertThat(titled(reader, title)).isEmpty();
    }

    @Test
    void aJoinRequestTellsTheCirclesFacilitator() {
        Org.Member asker = org.member();
        String circle = api.post("/api/v1/circles", Map.of("name", "Oak " + UUID.randomUUID().toString().substring(0, 4), "capacity", 6,
                "openToJoin", true), facilitator.accessToken()).string("id");

        Api.Reply asked = api.post("/api/v1/circles/" + circle + "/join-requests", Map.of("message", "May I join?"), asker.accessToken());

        assertThat(asked.status()).as("ask: %s", asked.body()).isIn(200, 201, 202);
        await("the facilitator hears").atMost(Duration.ofSeconds(15)).until(() -> notifications(facilitator, "?limit=100").stream()
                .anyMatch(n -> "JOIN_REQUEST".equals(n.get("kind")) && ("/facilitate/" + circle).equals(n.get("link"))));
    }

    @Test
    void anotherMansNotificationIsNotFound() {
        Org.Member reader = org.member();
        Org.Member other = org.member();
        String title = "Mine " + UUID.randomUUID().toString().substring(0, 6);
        announce(title);
        String id = (String) awaitTitled(reader, title).get("id");

        assertThat(api.post("/api/v1/notifications/" + id + "/read", Map.of(), other.accessToken()).status()).isEqualTo(404);
        assertThat(api.post("/api/v1/notifications/" + UUID.randomUUID() + "/read", Map.of(), other.accessToken()).status()).isEqualTo(404);
        assertThat(api.post("/api/v1/notifications/" + id + "/acknowledge", Map.of(), reader.accessToken()).status())
                .as("only a must-reach notification is acknowledged").isEqualTo(409);
        assertThat(api.post("/api/v1/notifications/not-an-id/read", Map.of(), reader.accessToken()).status()).isEqualTo(400);
    }

    @Test
    void preferencesNameEveryKindAndChannelAndWhichChannelsAreHis() {
        Org.Member man = org.member();

        Api.Reply got = api.get("/api/v1/me/notification-preferences", man.accessToken());

        assertThat(got.status()).isEqualTo(200);
        assertThat(got.list("items")).hasSize(NotificationKind.values().length * Channel.values().length);
        assertThat(got.list("items")).contains(Map.of("kind", "MESSAGE", "channel", "EMAIL", "level", "DIGEST"));
        assertThat(got.list("channels")).contains(Map.of("channel", "IN_APP", "verified", true), Map.of("channel", "EMAIL", "verified", true),
                Map.of("channel", "SMS", "verified", false), Map.of("channel", "PUSH", "verified", false));
    }

    @Test
    void aChannelHeHasNotVerifiedCannotBeTurnedOn() {
        Org.Member man = org.member();

        Api.Reply sms = api.put("/api/v1/me/notification-preferences", Map.of("items", List.of(
                Map.of("kind", "EVENT_CHANGED", "channel", "SMS", "level", "ALL"))), man.accessToken());
        Api.Reply push = api.put("/api/v1/me/notification-preferences", Map.of("items", List.of(
                Map.of("kind", "EVENT_CHANGED", "channel", "PUSH", "level", "DIRECT"))), man.accessToken());
        Api.Reply off = api.put("/api/v1/me/notification-preferences", Map.of("items", List.of(
                Map.of("kind", "EVENT_CHANGED", "channel", "SMS", "level", "OFF"))), man.accessToken());

        assertThat(sms.status()).isEqualTo(422);
        assertThat(sms.code()).isEqualTo("CHANNEL_NOT_VERIFIED");
        assertThat(push.code()).isEqualTo("CHANNEL_NOT_VERIFIED");
        assertThat(off.status()).as("turning a channel off needs nothing").isEqualTo(200);
    }

    @Test
    void levelsThatMeanNothingAndUnknownKindsAreRefused() {
        Org.Member man = org.member();

        Api.Reply digestInApp = api.put("/api/v1/me/notification-preferences", Map.of("items", List.of(
                Map.of("kind", "MESSAGE", "channel", "IN_APP", "level", "DIGEST"))), man.accessToken());
        Api.Reply safetyOff = api.put("/api/v1/me/notification-preferences", Map.of("items", List.of(
                Map.of("kind", "SAFETY", "channel", "EMAIL", "level", "OFF"))), man.accessToken());
        Api.Reply unknown = api.put("/api/v1/me/notification-preferences", Map.of("items", List.of(
                Map.of("kind", "GOSSIP", "channel", "EMAIL", "level", "OFF"))), man.accessToken());
        Api.Reply none = api.put("/api/v1/me/notification-preferences", Map.of(), man.accessToken());

        assertThat(digestInApp.status()).isEqualTo(422);
        assertThat(safetyOff.status()).isEqualTo(422);
        assertThat(unknown.status()).as("unknown kind: %s", unknown.body()).isEqualTo(400);
        assertThat(unknown.body().get("code")).isNotNull();
        assertThat(none.status()).isIn(400, 422);
        assertThat(api.get("/api/v1/me/notification-preferences", man.accessToken()).list("items"))
                .as("nothing was changed by a refused request").contains(Map.of("kind", "MESSAGE", "channel", "IN_APP", "level", "ALL"));
    }

    @Test
    void quietHoursAreKeptInHisZoneAndMayWrapMidnight() {
        Org.Member man = org.member();
        Api.Reply before = api.get("/api/v1/me/quiet-hours", man.accessToken());

        Api.Reply set = api.put("/api/v1/me/quiet-hours", Map.of("from", "22:00", "to", "07:00", "timeZone", "Europe/Dublin"), man.accessToken());

        assertThat(before.body().get("from")).isNull();
        assertThat(before.string("timeZone")).isNotBlank();
        assertThat(set.status()).isEqualTo(200);
        assertThat(api.get("/api/v1/me/quiet-hours", man.accessToken()).body()).isEqualTo(Map.of("from", "22:00", "to", "07:00",
                "timeZone", "Europe/Dublin"));
        assertThat(api.put("/api/v1/me/quiet-hours", Map.of("from", "22:00", "to", "07:00", "timeZone", "Mars/Olympus"), man.accessToken())
                .status()).isEqualTo(422);
        assertThat(api.put("/api/v1/me/quiet-hours", Map.of("from", "25:00", "to", "07:00", "timeZone", "Europe/Dublin"), man.accessToken())
                .status()).isEqualTo(422);
        assertThat(api.put("/api/v1/me/quiet-hours", Map.of("from", "07:00", "to", "07:00", "timeZone", "Europe/Dublin"), man.accessToken())
                .status()).isEqualTo(422);
        assertThat(api.get("/api/v1/me", man.accessToken()).string("timeZone")).as("the zone given became his profile's").isEqualTo("Europe/Dublin");
        api.send(io.micronaut.http.HttpMethod.PATCH, "/api/v1/me", Map.of("timeZone", "America/Toronto"), man.accessToken());
        assertThat(api.get("/api/v1/me/quiet-hours", man.accessToken()).string("timeZone")).as("read in his profile's zone").isEqualTo("America/Toronto");
        assertThat(api.get("/api/v1/me/notification-schedule", man.accessToken()).string("timeZone")).isEqualTo("America/Toronto");
        assertThat(api.put("/api/v1/me/quiet-hours", Map.of("from", "23:00", "to", "06:00"), man.accessToken()).string("timeZone"))
                .as("left out, his zone stays").isEqualTo("America/Toronto");
        assertThat(api.put("/api/v1/me/quiet-hours", Map.of(), man.accessToken()).body().get("from")).as("cleared").isNull();
    }

    Api.Reply subscribe(Org.Member who, PushCatcher.Subscription device, boolean previews) {
        return api.post("/api/v1/me/push-subscriptions", Map.of("endpoint", device.endpoint(), "keys", Map.of("p256dh", device.p256dh(),
                "auth", device.auth()), "previews", previews), who.accessToken());
    }

    static List<PushCatcher.Push> pushesTo(PushCatcher.Subscription device) {
        return RealStack.stack().pushCatcher().pushes().stream().filter(p -> p.subscription().equals(device.id())).toList();
    }

    @Test
    void aDeviceThatAllowedNotificationsIsPushedThemEncryptedAndWithoutTheirTextUnlessHeAllowedPreviews() {
        Org.Member man = org.member();
        PushCatcher.Subscription phone = RealStack.stack().pushCatcher().subscribe();
        PushCatcher.Subscription tablet = RealStack.stack().pushCatcher().subscribe();
        assertThat(subscribe(man, phone, false).status()).isEqualTo(201);
        assertThat(subscribe(man, tablet, true).status()).isEqualTo(201);
        String title = "Pushed " + UUID.randomUUID().toString().substring(0, 6);

        String id = announce(title);

        await("both devices are pushed").atMost(Duration.ofSeconds(15)).until(() -> pushesTo(phone).size() == 1 && pushesTo(tablet).size() == 1);
        assertThat(pushesTo(phone).get(0).payload()).contains("/announcements/" + id).doesNotContain(title).contains(org.tenant().name());
        assertThat(pushesTo(tablet).get(0).payload()).contains(title).contains("/announcements/" + id);
        assertThat(pushesTo(tablet).get(0).urgency()).isEqualTo("normal");
        assertThat(pushesTo(tablet).get(0).ttl()).isPositive();
        assertThat(api.get("/api/v1/me/notification-preferences", man.accessToken()).list("channels"))
                .contains(Map.of("channel", "PUSH", "verified", true));
        assertThat(api.get("/api/v1/push/vapid-public-key", man.accessToken()).string("publicKey")).isEqualTo(pushesTo(phone).get(0).vapidKey());
    }

    @Test
    void aSubscriptionThePushServiceSaysIsGoneIsDroppedAtOnce() {
        Org.Member man = org.member();
        PushCatcher.Subscription phone = RealStack.stack().pushCatcher().subscribe();
        subscribe(man, phone, false);
        RealStack.stack().pushCatcher().expire(phone.id());

        announce("Gone " + UUID.randomUUID().toString().substring(0, 6));

        await("the dead subscription is dropped").atMost(Duration.ofSeconds(15))
                .until(() -> api.get("/api/v1/me/push-subscriptions", man.accessToken()).list("items").isEmpty());
    }

    @Test
    void aPushServiceThatIsDownIsRetriedUntilItTakesThePush() {
        Org.Member man = org.member();
        PushCatcher.Subscription phone = RealStack.stack().pushCatcher().subscribe();
        subscribe(man, phone, true);
        String title = "Retried " + UUID.randomUUID().toString().substring(0, 6);
        RealStack.stack().pushCatcher().refuseNext(2);

        announce(title);

        await("the push arrives after the service is back").atMost(Duration.ofSeconds(20)).until(() -> pushesTo(phone).size() == 1);
        assertThat(pushesTo(phone).get(0).payload()).contains(title);
    }

    @Test
    void nothingIsPushedInsideHisQuietHours() {
        Org.Member man = org.member();
        PushCatcher.Subscription phone = RealStack.stack().pushCatcher().subscribe();
        subscribe(man, phone, true);
        java.time.LocalTime now = java.time.LocalTime.now(java.time.ZoneOffset.UTC);
        api.put("/api/v1/me/quiet-hours", Map.of("from", now.minusHours(1).withSecond(0).withNano(0).toString(),
                "to", now.plusHours(1).withSecond(0).withNano(0).toString(), "timeZone", "UTC"), man.accessToken());
        String quiet = "In quiet hours " + UUID.randomUUID().toString().substring(0, 6);
        String after = "After quiet hours " + UUID.randomUUID().toString().substring(0, 6);

        announce(quiet);
        awaitTitled(man, quiet);
        api.put("/api/v1/me/quiet-hours", Map.of(), man.accessToken());
        announce(after);

        await("the push after quiet hours").atMost(Duration.ofSeconds(15)).until(() -> !pushesTo(phone).isEmpty());
        assertThat(pushesTo(phone)).extracting(PushCatcher.Push::payload).noneMatch(payload -> payload.contains(quiet));
        assertThat(titled(man, quiet)).as("still in the app").hasSize(1);
    }

    @Test
    void aSubscriptionThatIsNotOneIsRefused() {
        Org.Member man = org.member();
        PushCatcher.Subscription device = RealStack.stack().pushCatcher().subscribe();

        Api.Reply internal = api.post("/api/v1/me/push-subscriptions", Map.of("endpoint", "https://10.0.0.5/push/x", "keys",
                Map.of("p256dh", device.p256dh(), "auth", device.auth())), man.accessToken());
        Api.Reply plainHttp = api.post("/api/v1/me/push-subscriptions", Map.of("endpoint", "http://fcm.googleapis.com/fcm/send/x", "keys",
                Map.of("p256dh", device.p256dh(), "auth", device.auth())), man.accessToken());
        Api.Reply badKey = api.post("/api/v1/me/push-subscriptions", Map.of("endpoint", "https://fcm.googleapis.com/fcm/send/x", "keys",
                Map.of("p256dh", "AAAA", "auth", device.auth())), man.accessToken());
        Api.Reply badAuth = api.post("/api/v1/me/push-subscriptions", Map.of("endpoint", "https://fcm.googleapis.com/fcm/send/x", "keys",
                Map.of("p256dh", device.p256dh(), "auth", "c2hvcnQ")), man.accessToken());
        Api.Reply noKeys = api.post("/api/v1/me/push-subscriptions", Map.of("endpoint", "https://fcm.googleapis.com/fcm/send/x"), man.accessToken());

        assertThat(internal.status()).isEqualTo(422);
        assertThat(plainHttp.status()).isEqualTo(422);
        assertThat(badKey.status()).isEqualTo(422);
        assertThat(badAuth.status()).isEqualTo(422);
        assertThat(noKeys.status()).isIn(400, 422);
        assertThat(noKeys.body().get("code")).isNotNull();
        assertThat(api.get("/api/v1/me/push-subscriptions", man.accessToken()).list("items")).isEmpty();
        assertThat(api.put("/api/v1/me/notification-preferences", Map.of("items", List.of(Map.of("kind", "ANNOUNCEMENT", "channel", "PUSH",
                "level", "ALL"))), man.accessToken()).code()).as("no device, no push").isEqualTo("CHANNEL_NOT_VERIFIED");
    }

    @Test
    void aDeviceHeDropsIsNoLongerPushed() {
        Org.Member man = org.member();
        PushCatcher.Subscription phone = RealStack.stack().pushCatcher().subscribe();
        subscribe(man, phone, true);

        Api.Reply dropped = api.delete("/api/v1/me/push-subscriptions?endpoint=" + java.net.URLEncoder.encode(phone.endpoint(),
                java.nio.charset.StandardCharsets.UTF_8), man.accessToken());
        String title = "After drop " + UUID.randomUUID().toString().substring(0, 6);
        announce(title);
        awaitTitled(man, title);

        assertThat(dropped.status()).isEqualTo(204);
        assertThat(api.get("/api/v1/me/push-subscriptions", man.accessToken()).list("items")).isEmpty();
        assertThat(api.delete("/api/v1/me/push-subscriptions?endpoint=https%3A%2F%2Ffcm.googleapis.com%2Fx", man.accessToken()).status())
                .isEqualTo(204);
    }

    @Test
    void aMutedCirclesAnnouncementsStayInTheAppAndAreNotMailedUntilHeUnmutesIt() {
        Api.Reply circle = api.post("/api/v1/circles", Map.of("name", "Muted circle " + UUID.randomUUID().toString().substring(0, 6), "capacity", 8),
                facilitator.accessToken());
        assertThat(circle.status()).as("circle: %s", circle.body()).isEqualTo(201);
        String circleId = circle.string("id");
        Api.Reply muted = api.put("/api/v1/me/muted-circles/" + circleId, Map.of(), facilitator.accessToken());
        assertThat(muted.status()).isEqualTo(200);
        assertThat(muted.list("items")).hasSize(1);
        assertThat(api.put("/api/v1/me/muted-circles/" + UUID.randomUUID(), Map.of(), facilitator.accessToken()).status()).isEqualTo(404);
        String quiet = "Muted news " + UUID.randomUUID().toString().substring(0, 6);
        String loud = "Unmuted news " + UUID.randomUUID().toString().substring(0, 6);

        assertThat(api.post("/api/v1/announcements", Map.of("title", quiet, "body", "For the circle.", "audience", "CIRCLE", "circleId", circleId),
                leader.accessToken()).status()).isEqualTo(201);
        awaitTitled(facilitator, quiet);
        assertThat(api.delete("/api/v1/me/muted-circles/" + circleId, facilitator.accessToken()).list("items")).isEmpty();
        assertThat(api.post("/api/v1/announcements", Map.of("title", loud, "body", "For the circle.", "audience", "CIRCLE", "circleId", circleId),
                leader.accessToken()).status()).isEqualTo(201);

        await("the mail once unmuted").atMost(Duration.ofSeconds(15)).until(() -> mailsTo(facilitator.email(), loud) == 1);
        assertThat(mailsTo(facilitator.email(), quiet)).as("muted: in the app only").isZero();
    }

    @Test
    void theOrganisationsDefaultsGoverTheMenWhoNeverChoseAndOnlyAdminsKeepThem() {
        Org other = Org.create(provisioning, directory, client, "defaults");
        Api otherApi = other.api();
        Org.Member admin = other.admin();
        Org.Member chose = other.member();
        Org.Member never = other.member();
        Org.Member poster = other.member(Role.LEADERSHIP);
        otherApi.put("/api/v1/me/notification-preferences", Map.of("items", List.of(Map.of("kind", "ANNOUNCEMENT", "channel", "EMAIL", "level", "ALL"))),
                chose.accessToken());

        Api.Reply set = otherApi.put("/api/v1/organisation/notification-defaults", Map.of("items", List.of(
                Map.of("kind", "ANNOUNCEMENT", "channel", "EMAIL", "level", "OFF"))), admin.accessToken());
        Api.Reply bySomeoneElse = otherApi.put("/api/v1/organisation/notification-defaults", Map.of("items", List.of(
                Map.of("kind", "ANNOUNCEMENT", "channel", "EMAIL", "level", "ALL"))), chose.accessToken());
        Api.Reply safetyOff = otherApi.put("/api/v1/organisation/notification-defaults", Map.of("items", List.of(
                Map.of("kind", "SAFETY", "channel", "EMAIL", "level", "OFF"))), admin.accessToken());
        String title = "Defaults " + UUID.randomUUID().toString().substring(0, 6);
        assertThat(otherApi.post("/api/v1/announcements", Map.of("title", title, "body", "To all.", "audience", "ORGANISATION"), poster.accessToken())
                .status()).isEqualTo(201);

        assertThat(set.status()).as("set: %s", set.body()).isEqualTo(200);
        assertThat(set.list("items")).contains(Map.of("kind", "ANNOUNCEMENT", "channel", "EMAIL", "level", "OFF"));
        assertThat(bySomeoneElse.status()).isEqualTo(403);
        assertThat(safetyOff.status()).isEqualTo(422);
        await("the man who chose mail gets it").atMost(Duration.ofSeconds(15)).until(() -> mailsTo(chose.email(), title) == 1);
        await("the other sees it in the app").atMost(Duration.ofSeconds(15)).until(() -> otherApi.get("/api/v1/notifications", never.accessToken())
                .list("items").stream().anyMatch(item -> title.equals(((Map<?, ?>) item).get("title"))));
        assertThat(mailsTo(never.email(), title)).as("he follows the organisation's default").isZero();
        assertThat(otherApi.get("/api/v1/me/notification-preferences", never.accessToken()).list("items"))
                .contains(Map.of("kind", "ANNOUNCEMENT", "channel", "EMAIL", "level", "OFF"));
        assertThat(api.get("/api/v1/organisation/notification-defaults", org.admin().accessToken()).list("items")).as("another organisation's are its own")
                .contains(Map.of("kind", "ANNOUNCEMENT", "channel", "EMAIL", "level", "ALL"));
    }

    @Test
    void aManIsToldWhenARoleIsGivenToHimAndWhenItIsTakenAway() {
        Org.Member man = org.member();
        Org.Member admin = org.admin();

        assertThat(api.post("/api/v1/members/" + man.id() + "/roles", Map.of("role", "FACILITATOR"), admin.accessToken()).status()).isEqualTo(201);
        Map<String, Object> granted = awaitTitled(man, "You're now a facilitator");
        assertThat(api.delete("/api/v1/members/" + man.id() + "/roles/FACILITATOR", admin.accessToken()).status()).isEqualTo(204);
        Map<String, Object> revoked = awaitTitled(man, "You're no longer a facilitator");

        assertThat(granted.get("kind")).isEqualTo("ROLE_CHANGED");
        assertThat(granted.get("link")).isEqualTo("/profile");
        assertThat(revoked.get("kind")).isEqualTo("ROLE_CHANGED");
        await("the mail").atMost(Duration.ofSeconds(15)).until(() -> mailsTo(man.email(), "You're now a facilitator") == 1);
        assertThat(titled(admin, "You're now a facilitator")).as("the admin who did it is not told").isEmpty();
    }

    @Test
    void anOrganisationThatWritesGermanTellsItsMenInGermanAndAManWhoChoseEnglishInEnglish() {
        Org other = Org.create(provisioning, directory, client, "sprache");
        Api otherApi = other.api();
        Org.Member admin = other.admin();
        Org.Member german = other.member();
        Org.Member english = other.member();
        Map<String, Object> settings = new java.util.HashMap<>(otherApi.get("/api/v1/organisation/settings", admin.accessToken()).body());
        assertThat(settings.get("language")).as("an organisation writes English until it chooses").isEqualTo("en");

        settings.put("language", "fr");
        Api.Reply french = otherApi.put("/api/v1/organisation/settings", settings, admin.accessToken());
        settings.put("language", "de");
        Api.Reply set = otherApi.put("/api/v1/organisation/settings", settings, admin.accessToken());
        Api.Reply chose = otherApi.send(io.micronaut.http.HttpMethod.PATCH, "/api/v1/me", Map.of("language", "en"), english.accessToken());
        Api.Reply klingon = otherApi.send(io.micronaut.http.HttpMethod.PATCH, "/api/v1/me", Map.of("language", "tlh"), german.accessToken());

        assertThat(french.status()).isEqualTo(422);
        assertThat(french.list("errors").toString()).contains("language");
        assertThat(set.status()).as("%s", set.body()).isEqualTo(200);
        assertThat(set.string("language")).isEqualTo("de");
        assertThat(chose.status()).as("%s", chose.body()).isEqualTo(200);
        assertThat(chose.string("language")).isEqualTo("en");
        assertThat(chose.map("person")).containsEntry("language", "en");
        assertThat(klingon.status()).isEqualTo(422);
        assertThat(otherApi.get("/api/v1/me", german.accessToken()).string("language")).as("he follows the organisation").isEqualTo("de");
        assertThat(api.get("/api/v1/organisation/settings", org.admin().accessToken()).string("language")).as("another organisation's is its own")
                .isEqualTo("en");

        for (Org.Member man : List.of(german, english)) {
            assertThat(otherApi.post("/api/v1/members/" + man.id() + "/roles", Map.of("role", "FACILITATOR"), admin.accessToken()).status()).isEqualTo(201);
        }

        await("he hears in German").atMost(Duration.ofSeconds(15)).until(() -> otherApi.get("/api/v1/notifications", german.accessToken())
                .list("items").stream().anyMatch(item -> "Du bist jetzt Facilitator".equals(((Map<?, ?>) item).get("title"))));
        await("he hears in English").atMost(Duration.ofSeconds(15)).until(() -> otherApi.get("/api/v1/notifications", english.accessToken())
                .list("items").stream().anyMatch(item -> "You're now a facilitator".equals(((Map<?, ?>) item).get("title"))));
        await("his mail is German").atMost(Duration.ofSeconds(15)).until(() -> mailsTo(german.email(), "Du bist jetzt Facilitator") == 1);
        MailCatcher.Mail mail = RealStack.stack().mailCatcher().messages().stream()
                .filter(m -> m.to().contains(german.email()) && m.subject().equals("Du bist jetzt Facilitator")).findFirst().orElseThrow();
        assertThat(mail.body()).contains("hat dir diese Rolle gegeben").contains("In der App öffnen").doesNotContain("Open in the app");
    }

    @Test
    void aManIsToldOnceThatHisTimedRoleEndsSoonAndAgainAfterARenewal() {
        Org.Member man = org.member();
        Org.Member admin = org.admin();
        api.send(io.micronaut.http.HttpMethod.PATCH, "/api/v1/me", Map.of("timeZone", "Asia/Tokyo"), man.accessToken());
        java.time.Instant soon = java.time.Instant.now().plus(Duration.ofDays(3)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        assertThat(api.post("/api/v1/members/" + man.id() + "/roles", Map.of("role", "FACILITATOR", "validUntil", soon.toString()),
                admin.accessToken()).status()).isEqualTo(201);
        assertThat(api.post("/api/v1/members/" + man.id() + "/roles", Map.of("role", "PTM", "validUntil",
                java.time.Instant.now().plus(Duration.ofDays(30)).toString()), admin.accessToken()).status()).isEqualTo(201);

        identityHousekeeping.run();
        identityHousekeeping.run();
        String title = "Your role ends " + java.time.format.DateTimeFormatter.ofPattern("EEE d MMM, HH:mm", java.util.Locale.UK)
                .format(soon.atZone(java.time.ZoneId.of("Asia/Tokyo")));
        Map<String, Object> ending = awaitTitled(man, title);
        java.time.Instant later = soon.plus(Duration.ofDays(2));
        api.post("/api/v1/members/" + man.id() + "/roles", Map.of("role", "FACILITATOR", "validUntil", later.toString()), admin.accessToken());
        identityHousekeeping.run();
        String renewed = "Your role ends " + java.time.format.DateTimeFormatter.ofPattern("EEE d MMM, HH:mm", java.util.Locale.UK)
                .format(later.atZone(java.time.ZoneId.of("Asia/Tokyo")));
        awaitTitled(man, renewed);

        assertThat(ending.get("kind")).isEqualTo("ROLE_CHANGED");
        assertThat((String) ending.get("body")).contains("a facilitator").contains("ask an admin to renew it");
        assertThat(notifications(man, "?limit=100").stream().filter(n -> ((String) n.get("title")).startsWith("Your role ends")).toList())
                .as("told once per end, on his clock; the role ending in 30 days not yet").hasSize(2);
    }

    @Test
    void aDigestGathersWhatWaitedIntoOneMailAtSevenOnHisClockAndSendsNothingTwice() throws Exception {
        Org.Member man = org.member();
        assertThat(api.put("/api/v1/me/notification-preferences", Map.of("items", List.of(
                Map.of("kind", "ANNOUNCEMENT", "channel", "EMAIL", "level", "DIGEST"))), man.accessToken()).status()).isEqualTo(200);
        Api.Reply schedule = api.put("/api/v1/me/notification-schedule", Map.of("digest", "DAILY", "timeZone", "UTC"), man.accessToken());
        assertThat(schedule.body()).isEqualTo(Map.of("digest", "DAILY", "timeZone", "UTC"));
        String first = "Digest one " + UUID.randomUUID().toString().substring(0, 6);
        String second = "Digest two " + UUID.randomUUID().toString().substring(0, 6);
        String later = "Digest later " + UUID.randomUUID().toString().substring(0, 6);
        announce(first);
        announce(second);
        awaitTitled(man, first);
        awaitTitled(man, second);
        // They were gathered two days ago: the digest of this morning's seven o'clock holds them.
        update("update %s.notifications set created_at = created_at - interval '2 days' where person_id = '" + man.id() + "'");
        announce(later);
        awaitTitled(man, later);

        housekeeping.digests();

        String subject = "Your day at " + org.tenant().name() + ": 2 notifications";
        await("his digest").atMost(Duration.ofSeconds(15)).until(() -> mailsTo(man.email(), subject) == 1);
        MailCatcher.Mail digest = RealStack.stack().mailCatcher().messages().stream()
                .filter(m -> m.to().contains(man.email()) && m.subject().equals(subject)).findFirst().orElseThrow();
        assertThat(digest.body()).contains(first).contains(second).doesNotContain(later).contains("/settings/notifications");
        assertThat(digest.headers()).containsKey("List-Unsubscribe");
        assertThat(digest.contentType()).startsWith("multipart/alternative");
        assertThat(digest.html()).contains(first).contains(second).doesNotContain(later).contains(">Unsubscribe</a>");
        assertThat(mailsTo(man.email(), first) + mailsTo(man.email(), second) + mailsTo(man.email(), later)).as("never one mail each").isZero();
        housekeeping.digests();
        assertThat(count("select count(*) from %s.notifications where person_id = '" + man.id() + "' and for_digest")).as("only the later one waits")
                .isEqualTo(1);
        assertThat(RealStack.stack().mailCatcher().messages().stream().filter(m -> m.to().contains(man.email()) && m.subject().startsWith("Your day")))
                .as("nothing twice").hasSize(1);
        assertThat(titled(man, first)).as("still in the app").hasSize(1);
    }

    @Test
    void aDigestScheduleIsHisOwnAndABadOneIsRefused() {
        Org.Member man = org.member();
        assertThat(api.get("/api/v1/me/notification-schedule", man.accessToken()).string("digest")).isEqualTo("DAILY");
        assertThat(api.put("/api/v1/me/notification-schedule", Map.of("digest", "WEEKLY", "timeZone", "Europe/Dublin"), man.accessToken()).status())
                .isEqualTo(200);
        assertThat(api.get("/api/v1/me/notification-schedule", man.accessToken()).body()).isEqualTo(Map.of("digest", "WEEKLY", "timeZone", "Europe/Dublin"));

        Api.Reply badZone = api.put("/api/v1/me/notification-schedule", Map.of("digest", "DAILY", "timeZone", "Mars/Olympus"), man.accessToken());
        Api.Reply noDigest = api.put("/api/v1/me/notification-schedule", Map.of("timeZone", "UTC"), man.accessToken());
        Api.Reply hourly = api.put("/api/v1/me/notification-schedule", Map.of("digest", "HOURLY"), man.accessToken());

        assertThat(badZone.status()).isEqualTo(422);
        assertThat(noDigest.status()).isEqualTo(422);
        assertThat(hourly.status()).isIn(400, 422);
        assertThat(hourly.body().get("code")).isNotNull();
        assertThat(api.get("/api/v1/me/notification-schedule", man.accessToken()).string("digest")).as("unchanged").isEqualTo("WEEKLY");
        assertThat(api.get("/api/v1/me/notification-schedule", facilitator.accessToken()).string("digest")).as("another man's is his").isEqualTo("DAILY");
    }

    @Test
    void whatHisQuietHoursHeldBackGoesAsOneSummaryPushWhenTheyEnd() throws Exception {
        Org.Member man = org.member();
        PushCatcher.Subscription phone = RealStack.stack().pushCatcher().subscribe();
        subscribe(man, phone, true);
        java.time.LocalTime now = java.time.LocalTime.now(java.time.ZoneOffset.UTC);
        api.put("/api/v1/me/quiet-hours", Map.of("from", now.minusHours(1).withSecond(0).withNano(0).toString(),
                "to", now.plusHours(1).withSecond(0).withNano(0).toString(), "timeZone", "UTC"), man.accessToken());
        String one = "Held one " + UUID.randomUUID().toString().substring(0, 6);
        String two = "Held two " + UUID.randomUUID().toString().substring(0, 6);
        announce(one);
        announce(two);
        awaitTitled(man, one);
        awaitTitled(man, two);

        housekeeping.digests();
        assertThat(pushesTo(phone)).as("nothing while his quiet hours last").isEmpty();
        api.put("/api/v1/me/quiet-hours", Map.of(), man.accessToken());
        housekeeping.digests();

        await("one summary").atMost(Duration.ofSeconds(15)).until(() -> pushesTo(phone).size() == 1);
        assertThat(pushesTo(phone).get(0).payload()).contains("2 notifications while your quiet hours").doesNotContain(one).doesNotContain(two);
        housekeeping.digests();
        assertThat(count("select count(*) from %s.notifications where person_id = '" + man.id() + "' and (held_push or held_text)")).isZero();
        Thread.sleep(500);
        assertThat(pushesTo(phone)).as("released once").hasSize(1);
    }

    /** The topic, key and value of the event the outbox published for this subject, and its event id. */
    String[] outboxEvent(String type, String subject) throws Exception {
        try (Connection c = connection(); PreparedStatement statement = c.prepareStatement(
                "select topic, event_key, payload, event_id from public.outbox where event_type = ? and payload like ? and published_at is not null")) {
            statement.setString(1, type);
            statement.setString(2, "%" + subject + "%");
            try (ResultSet rs = statement.executeQuery()) {
                assertThat(rs.next()).as("the outbox published %s for %s", type, subject).isTrue();
                return new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)};
            }
        }
    }

    /** Sends the record again and waits until the notifications consumer committed past it: it was read and handled. */
    static void redeliver(String topic, String key, String value) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealStack.stack().kafkaBootstrapServers());
        RecordMetadata sent;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            sent = producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
        Map<String, Object> adminProps = new HashMap<>();
        adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, RealStack.stack().kafkaBootstrapServers());
        TopicPartition partition = new TopicPartition(sent.topic(), sent.partition());
        try (Admin admin = Admin.create(adminProps)) {
            await("the redelivered event is consumed").atMost(Duration.ofSeconds(20)).until(() -> {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets("hearth-app-notifications").partitionsToOffsetAndMetadata().get()
                        .get(partition);
                return committed != null && committed.offset() > sent.offset();
            });
        }
    }

    long count(String query) throws Exception {
        try (Connection c = connection(); ResultSet rs = c.createStatement().executeQuery(query.formatted(org.tenant().id().schemaName()))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    void update(String statement) throws Exception {
        try (Connection c = connection()) {
            c.createStatement().executeUpdate(statement.formatted(org.tenant().id().schemaName()));
        }
    }

    static Connection connection() throws Exception {
        return DriverManager.getConnection(RealStack.stack().jdbcUrl(LocalStack.Database.APP), RealStack.stack().dbUsername(),
                RealStack.stack().dbPassword());
    }
}
