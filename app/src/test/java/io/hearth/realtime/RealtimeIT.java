package io.hearth.realtime;

import io.hearth.Api;
import io.hearth.RealStack;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.hearth.identity.AccessTokens;
import io.hearth.identity.Org;
import io.hearth.identity.SigningKeys;
import io.hearth.identity.Role;
import io.hearth.realtime.api.RealtimeSocket;
import io.hearth.tenancy.TenantDirectory;
import io.hearth.tenancy.TenantProvisioning;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The real-time socket against a real Redis and PostgreSQL, through a WebSocket client that sends an organisation's Host. */
@MicronautTest(transactional = false)
@Property(name = "hearth.realtime.sign-in-within", value = "5s")
@Property(name = "hearth.rate-limits.requests-per-minute-override", value = "100000")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealtimeIT implements RealStack {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** A frame a test sends after the fact: whatever was published before it on the organisation's channel came first. */
    @Serdeable
    record Marker(String type, String id) implements Frame {
    }

    @Inject @Client("/") HttpClient client;
    @Inject EmbeddedServer server;
    @Inject TenantProvisioning provisioning;
    @Inject TenantDirectory directory;
    @Inject Realtime realtime;
    @Inject RealtimeSocket sockets;
    @Inject Hub hub;
    @Inject StatefulRedisConnection<String, String> redis;
    @Inject SigningKeys keys;
    @Inject io.hearth.realtime.internal.Bus bus;
    Org org;
    Api api;
    Org.Member facilitator;

    @BeforeAll
    void organisation() {
        org = Org.create(provisioning, directory, client, "live");
        api = org.api();
        facilitator = org.member(Role.FACILITATOR);
    }

    TestSocket connect(String... protocols) throws IOException {
        TestSocket socket = TestSocket.open(server.getPort(), org.tenant().slug() + ".localhost", protocols);
        assertThat(socket.status).isEqualTo(101);
        return socket;
    }

    TestSocket signedIn(Org.Member member) throws IOException {
        TestSocket socket = connect();
        socket.signIn(member.accessToken());
        return socket;
    }

    String circleChat(Org.Member... members) {
        String circle = api.post("/api/v1/circles", Map.of("name", "Circle " + UUID.randomUUID().toString().substring(0, 6), "capacity", 8),
                facilitator.accessToken()).string("id");
        for (Org.Member member : members) {
            assertThat(api.post("/api/v1/circles/" + circle + "/members", Map.of("personId", member.id().toString()), facilitator.accessToken()).status())
                    .isEqualTo(201);
        }
        return api.get("/api/v1/circles/" + circle + "/conversation", facilitator.accessToken()).string("id") + "|" + circle;
    }

    Api.Reply say(String chat, Org.Member who, String text) {
        Api.Reply reply = api.post("/api/v1/conversations/" + chat + "/messages", Map.of("text", text), who.accessToken());
        assertThat(reply.status()).as("post: %s", reply.body()).isEqualTo(201);
        return reply;
    }

    /** Frames of these types a socket received before a marker sent to him now. */
    List<Map<String, Object>> receivedBefore(TestSocket socket, Org.Member member, String... types) throws IOException {
        String id = UUID.randomUUID().toString();
        realtime.send(org.tenant(), Set.of(member.id()), new Marker("marker", id));
        return socket.before("marker", id, types);
    }

    @Test
    void whenTheServiceStopsGracefullyEverySocketIsToldAtOnceToConnectAgain() throws IOException {
        Org.Member a = org.member();
        try (TestSocket socket = connect()) {
            socket.signIn(a.accessToken());
            assertThat(sockets.reportActiveTasks().orElse(0)).isPositive();

            sockets.shutdownGracefully().toCompletableFuture().join();

            TestSocket.Received closed = socket.closed(WAIT);
            assertThat(closed.closeCode()).as("1001: connect again, to another instance").isEqualTo(1001);
        }
        try (TestSocket again = connect()) {
            assertThat(again.signIn(a.accessToken()).get("personId")).as("this instance still serves until it stops").isEqualTo(a.id().toString());
        }
    }

    @Test
    void aManSignedInByHisFirstFrameHearsHisCircleWriteEditAndRemove() throws IOException {
        Org.Member a = org.member();
        Org.Member b = org.member();
        String chat = circleChat(a, b).split("\\|")[0];
        try (TestSocket socket = connect()) {
            Map<String, Object> ready = socket.signIn(b.accessToken());
            assertThat(ready.get("personId")).isEqualTo(b.id().toString());
            assertThat(ready.get("pingSeconds")).isEqualTo(25);

            Api.Reply posted = say(chat, a, "Who brings the drum on Tuesday?");
            Map<String, Object> message = socket.until("message", WAIT);
            assertThat(message.get("conversationId")).isEqualTo(chat);
            long offset = ((Number) message.get("offset")).longValue();
            assertThat(offset).isEqualTo(((Number) posted.body().get("offset")).longValue());
            assertThat(message.get("epoch")).isNotNull();
            @SuppressWarnings("unchecked") Map<String, Object> body = (Map<String, Object>) message.get("message");
            assertThat(body.get("text")).isEqualTo("Who brings the drum on Tuesday?");
            assertThat(body.get("authorId")).isEqualTo(a.id().toString());

            String id = posted.string("id");
            assertThat(api.put("/api/v1/messages/" + id, Map.of("text", "Who brings the drum on Thursday?"), a.accessToken()).status()).isEqualTo(200);
            Map<String, Object> edited = socket.until("message.edited", WAIT);
            assertThat(((Number) edited.get("offset")).longValue()).as("an edit takes the next offset").isEqualTo(offset + 1);
            assertThat(((Map<?, ?>) edited.get("message")).get("text")).isEqualTo("Who brings the drum on Thursday?");

            assertThat(api.delete("/api/v1/messages/" + id, a.accessToken()).status()).isEqualTo(204);
            Map<String, Object> removed = socket.until("message.removed", WAIT);
            assertThat(removed.get("messageId")).isEqualTo(id);
            assertThat(((Number) removed.get("offset")).longValue()).isEqualTo(offset + 2);
        }
    }

    @Test
    void aNotificationReachesHisSocketTheMomentItIsWritten() throws IOException {
        Org.Member b = org.member();
        String circle = circleChat(b).split("\\|")[1];
        String title = "Moved to the barn " + UUID.randomUUID().toString().substring(0, 6);
        try (TestSocket socket = signedIn(b)) {
            Api.Reply posted = api.post("/api/v1/announcements", Map.of("title", title, "body", "Bring boots", "audience", "CIRCLE",
                    "circleId", circle), facilitator.accessToken());
            assertThat(posted.status()).isEqualTo(201);

            Map<String, Object> frame = socket.until("notification", WAIT);

            @SuppressWarnings("unchecked") Map<String, Object> notification = (Map<String, Object>) frame.get("notification");
            assertThat(notification.get("title")).isEqualTo(title);
            assertThat(notification.get("kind")).isEqualTo("ANNOUNCEMENT");
            assertThat(notification.get("link")).isEqualTo("/announcements/" + posted.string("id"));
            assertThat(api.get("/api/v1/notifications", b.accessToken()).list("items"))
                    .anyMatch(n -> notification.get("id").equals(((Map<?, ?>) n).get("id")));
        }
    }

    @Test
    void aPollsLiveTallyReachesTheMenItAsks() throws IOException {
        Org.Member a = org.member();
        Org.Member b = org.member();
        String circle = circleChat(a, b).split("\\|")[1];
        Api.Reply poll = api.post("/api/v1/polls", Map.of("scope", "CIRCLE", "circleId", circle, "kind", "CHOICE", "question", "Drum or no drum?",
                "options", List.of(Map.of("label", "Drum"), Map.of("label", "No drum"))), facilitator.accessToken());
        assertThat(poll.status()).as("%s", poll.body()).isEqualTo(201);
        String drum = (String) ((Map<?, ?>) poll.list("options").get(0)).get("id");
        try (TestSocket socket = signedIn(b)) {
            assertThat(api.put("/api/v1/polls/" + poll.string("id") + "/answer", Map.of("choices", List.of(drum)), a.accessToken()).status()).isEqualTo(200);

            Map<String, Object> frame = socket.until("poll", WAIT);

            assertThat(frame.get("pollId")).isEqualTo(poll.string("id"));
            assertThat(frame.get("respondents")).isEqualTo(1);
            assertThat((List<?>) frame.get("options")).first().satisfies(o -> assertThat(((Map<?, ?>) o).get("chosen")).isEqualTo(1));
        }
    }

    @Test
    void aMessageNotifiesTheMenWhoAreNotOnASocketOnly() throws IOException {
        Org.Member a = org.member();
        Org.Member online = org.member();
        Org.Member away = org.member();
        String chat = circleChat(a, online, away).split("\\|")[0];
        try (TestSocket socket = signedIn(online)) {
            say(chat, a, "Anyone up for a walk?");

            await("the man away is told").atMost(WAIT).until(() -> api.get("/api/v1/notifications", away.accessToken()).list("items").stream()
                    .anyMatch(n -> "MESSAGE".equals(((Map<?, ?>) n).get("kind")) && ("/chats/" + chat).equals(((Map<?, ?>) n).get("link"))));
            assertThat(api.get("/api/v1/notifications", online.accessToken()).list("items"))
                    .as("the man on a socket saw it there").noneMatch(n -> "MESSAGE".equals(((Map<?, ?>) n).get("kind")));
            assertThat(api.get("/api/v1/notifications", a.accessToken()).list("items"))
                    .as("nor is its author told").noneMatch(n -> "MESSAGE".equals(((Map<?, ?>) n).get("kind")));
            socket.until("message", WAIT);
        }
    }

    @Test
    void aTokenInTheSubprotocolSignsInAndIsNeverEchoed() throws IOException {
        Org.Member member = org.member();
        try (TestSocket socket = connect("hearth.v1", "bearer." + member.accessToken())) {
            assertThat(socket.headers.get("sec-websocket-protocol")).isEqualTo("hearth.v1");
            assertThat(socket.until("ready", WAIT).get("personId")).isEqualTo(member.id().toString());
        }
    }

    @Test
    void aSocketThatDoesNotSignInIsClosedWith4401() throws IOException {
        try (TestSocket wrong = connect()) {
            wrong.until("hello", WAIT);
            wrong.send(Map.of("type", "auth", "token", "not-a-token"));
            assertThat(wrong.closed(WAIT).closeCode()).isEqualTo(4401);
        }
        try (TestSocket silent = connect()) {
            assertThat(silent.closed(WAIT).closeCode()).as("nothing sent within the sign-in window").isEqualTo(4401);
        }
    }

    @Test
    void badFramesGetAnErrorFrameWithAStableCodeAndTheSocketStays() throws IOException {
        try (TestSocket socket = connect()) {
            socket.until("hello", WAIT);
            socket.send(Map.of("type", "typing", "conversationId", UUID.randomUUID().toString()));
            assertThat(socket.until("error", WAIT).get("code")).isEqualTo("NOT_SIGNED_IN");
            socket.send(Map.of("type", "auth", "token", org.member().accessToken()));
            socket.until("ready", WAIT);

            socket.send("this is not json");
            assertThat(socket.until("error", WAIT).get("code")).isEqualTo("FRAME_NOT_JSON");
            socket.send(Map.of("type", "shout"));
            assertThat(socket.until("error", WAIT).get("code")).isEqualTo("FRAME_UNKNOWN_TYPE");
            socket.send(Map.of("type", "ping", "padding", "x".repeat(9000)));
            assertThat(socket.until("error", WAIT).get("code")).isEqualTo("FRAME_TOO_LARGE");
            socket.send("{\"type\":\"presence\",\"status\":\"on\u0000line\"}");
            assertThat(socket.until("error", WAIT).get("code")).isEqualTo("FRAME_INVALID");
            socket.send(Map.of("type", "presence", "status", "asleep"));
            assertThat(socket.until("error", WAIT).get("code")).isEqualTo("FRAME_INVALID");
            socket.send(Map.of("type", "typing"));
            assertThat(socket.until("error", WAIT).get("code")).isEqualTo("FRAME_INVALID");
            socket.send(Map.of("type", "recover", "conversations", List.of(Map.of("offset", 1))));
            assertThat(socket.until("error", WAIT).get("code")).isEqualTo("FRAME_INVALID");

            socket.send(Map.of("type", "ping"));
            assertThat(socket.until("pong", WAIT)).as("still open").isNotNull();
        }
    }

    @Test
    void aManWhoLeftTheCircleReceivesNoMoreAndCannotTypeThere() throws IOException {
        Org.Member stays = org.member();
        Org.Member leaves = org.member();
        String[] chatAndCircle = circleChat(stays, leaves).split("\\|");
        String chat = chatAndCircle[0];
        try (TestSocket socket = signedIn(leaves)) {
            say(chat, stays, "Before you go");
            assertThat(socket.until("message", WAIT).get("conversationId")).isEqualTo(chat);

            assertThat(api.delete("/api/v1/circles/" + chatAndCircle[1] + "/members/" + leaves.id(), facilitator.accessToken()).status()).isEqualTo(204);
            say(chat, stays, "After you left");
            assertThat(receivedBefore(socket, leaves, "message")).as("nothing written after he left").isEmpty();

            socket.send(Map.of("type", "typing", "conversationId", chat));
            Map<String, Object> refused = socket.until("error", WAIT);
            assertThat(refused.get("code")).isEqualTo("CONVERSATION_NOT_ALLOWED");
        }
    }

    @Test
    void typingReachesTheOthersInTheConversationButNotHim() throws IOException {
        Org.Member a = org.member();
        Org.Member b = org.member();
        String chat = circleChat(a, b).split("\\|")[0];
        try (TestSocket typist = signedIn(a); TestSocket reader = signedIn(b)) {
            typist.send(Map.of("type", "typing", "conversationId", chat));
            Map<String, Object> typing = reader.until("typing", WAIT);
            assertThat(typing.get("personId")).isEqualTo(a.id().toString());
            assertThat(typing.get("expiresInMs")).isEqualTo(5000);
            assertThat(receivedBefore(typist, a, "typing")).as("not back to him").isEmpty();
        }
    }

    @Test
    void aSocketThatComesBackIsReplayedWhatItMissedOrToldItCannotBe() throws IOException {
        Org.Member a = org.member();
        Org.Member b = org.member();
        String chat = circleChat(a, b).split("\\|")[0];
        Api.Reply first = say(chat, a, "one");
        Map<String, Object> page = api.get("/api/v1/conversations/" + chat + "/messages", b.accessToken()).body();
        long offset = ((Number) page.get("lastOffset")).longValue();
        String epoch = (String) page.get("epoch");
        assertThat(offset).isEqualTo(((Number) first.body().get("offset")).longValue());

        say(chat, a, "two");
        say(chat, a, "three");
        api.put("/api/v1/messages/" + first.string("id"), Map.of("text", "one (edited)"), a.accessToken());

        try (TestSocket socket = signedIn(b)) {
            socket.send(Map.of("type", "recover", "conversations", List.of(Map.of("conversationId", chat, "offset", offset, "epoch", epoch))));
            List<String> replayed = new ArrayList<>();
            Map<String, Object> recovered;
            while (true) {
                Map<String, Object> frame = socket.next(WAIT).orElseThrow().json();
                if ("recovered".equals(frame.get("type"))) {
                    recovered = frame;
                    break;
                }
                if (!String.valueOf(frame.get("type")).startsWith("message")) {
                    continue; // a notification of the messages he missed may arrive live as well
                }
                replayed.add(frame.get("type") + ":" + ((Map<?, ?>) frame.get("message")).get("text"));
            }
            assertThat(replayed).containsExactly("message:two", "message:three", "message.edited:one (edited)");
            Map<?, ?> result = (Map<?, ?>) ((List<?>) recovered.get("conversations")).get(0);
            assertThat(result.get("recovered")).isEqualTo(true);
            assertThat(((Number) result.get("offset")).longValue()).isEqualTo(offset + 3);

            socket.send(Map.of("type", "recover", "conversations", List.of(Map.of("conversationId", chat, "offset", offset, "epoch", "another"))));
            Map<?, ?> otherEpoch = (Map<?, ?>) ((List<?>) socket.until("recovered", WAIT).get("conversations")).get(0);
            assertThat(otherEpoch.get("recovered")).isEqualTo(false);
            assertThat(otherEpoch.get("reason")).isEqualTo("epoch");

            // The stream lost what he missed (trimmed, or Redis restarted): never a silent gap.
            redis.sync().del("hearth:rt:" + org.tenant().id().value() + ":c:" + chat);
            say(chat, a, "four");
            socket.until("message", WAIT);
            socket.send(Map.of("type", "recover", "conversations", List.of(Map.of("conversationId", chat, "offset", offset, "epoch", epoch))));
            Map<?, ?> gap = (Map<?, ?>) ((List<?>) socket.until("recovered", WAIT).get("conversations")).get(0);
            assertThat(gap.get("recovered")).isEqualTo(false);
            assertThat(gap.get("reason")).isEqualTo("gap");

            socket.send(Map.of("type", "recover", "conversations", List.of(Map.of("conversationId", UUID.randomUUID().toString(), "offset", 0, "epoch", epoch))));
            Map<?, ?> stranger = (Map<?, ?>) ((List<?>) socket.until("recovered", WAIT).get("conversations")).get(0);
            assertThat(stranger.get("reason")).isEqualTo("not-allowed");
        }
    }

    @Test
    void presenceIsSeenByThoseWhoShareAConversationOnlineAwayOffline() throws IOException {
        Org.Member a = org.member();
        Org.Member b = org.member();
        Org.Member stranger = org.member();
        circleChat(a, b);
        try (TestSocket watcher = signedIn(b)) {
            watcher.send(Map.of("type", "presence.watch", "people", List.of(a.id().toString(), stranger.id().toString())));
            Map<String, Object> first = watcher.until("presence", WAIT);
            assertThat(first).containsEntry("personId", a.id().toString()).containsEntry("status", "offline");
            assertThat(receivedBefore(watcher, b, "presence")).as("a stranger's presence is not his to see").isEmpty();

            TestSocket watched = signedIn(a);
            assertThat(watcher.until("presence", WAIT)).containsEntry("status", "online");
            watched.send(Map.of("type", "presence", "status", "away"));
            assertThat(watcher.until("presence", WAIT)).containsEntry("status", "away");
            watched.close();
            long closedAt = System.nanoTime();
            assertThat(watcher.until("presence", WAIT)).containsEntry("status", "offline");
            assertThat(Duration.ofNanos(System.nanoTime() - closedAt)).isLessThan(Duration.ofSeconds(5));
        }
    }

    /** His token again, signed as the app signs it, but expiring at this instant. */
    String expiringAt(Org.Member member, Instant at) throws java.text.ParseException {
        JWTClaimsSet claims = SignedJWT.parse(member.accessToken()).getJWTClaimsSet();
        return keys.sign(new JWTClaimsSet.Builder(claims).expirationTime(Date.from(at)).jwtID(UUID.randomUUID().toString()).build(),
                AccessTokens.TYPE);
    }

    @Test
    void aTokenThatExpiresClosesTheSocketWith4401UnlessAFreshOneCameBefore() throws Exception {
        Org.Member member = org.member();
        Instant expiry = Instant.now().plusSeconds(3).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        try (TestSocket expiring = connect(); TestSocket renewed = connect()) {
            assertThat(expiring.signIn(expiringAt(member, expiry)).get("expiresAt")).isEqualTo(expiry.toString());
            renewed.signIn(expiringAt(member, expiry));
            renewed.send(Map.of("type", "auth", "token", member.accessToken()));
            assertThat(Instant.parse((String) renewed.until("ready", WAIT).get("expiresAt"))).isAfter(expiry.plusSeconds(60));

            TestSocket.Received closed = expiring.closed(WAIT);
            Instant closedAt = Instant.now();
            assertThat(closed.closeCode()).isEqualTo(4401);
            assertThat(closed.closeReason()).contains("expired");
            assertThat(closedAt).isAfterOrEqualTo(expiry).isBefore(expiry.plusSeconds(3));
            // the socket that was given a fresh token before the first expired goes on
            renewed.send(Map.of("type", "ping"));
            assertThat(renewed.until("pong", WAIT)).containsEntry("type", "pong");
        }
    }

    @Test
    void aManOnAnInstanceThatDiedWithoutSayingSoIsOfflineWithinFiveSeconds() throws IOException {
        Org.Member watcher = org.member();
        Org.Member gone = org.member();
        circleChat(watcher, gone);
        // An instance held his socket and said he was online, heartbeating as every instance does; then it died (a
        // killed process says nothing): its last heartbeat keeps it alive 3 s, then the live instances sweep it.
        String dead = "dead-" + UUID.randomUUID();
        long diedAt = System.currentTimeMillis();
        bus.heartbeat(dead, diedAt + 3_000, diedAt, dead + ":0:");
        bus.presence(org.tenant().id(), gone.id(), dead, "online", diedAt, UUID.randomUUID().toString());
        try (TestSocket socket = signedIn(watcher)) {
            socket.send(Map.of("type", "presence.watch", "people", List.of(gone.id().toString())));
            assertThat(socket.until("presence", WAIT)).containsEntry("personId", gone.id().toString()).containsEntry("status", "online");
            assertThat(socket.until("presence", WAIT)).containsEntry("personId", gone.id().toString()).containsEntry("status", "offline");
            assertThat(Duration.ofMillis(System.currentTimeMillis() - diedAt)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void aSessionThatEndsClosesTheSocketWith4401() throws IOException {
        Org.Member member = org.member();
        try (TestSocket socket = signedIn(member)) {
            assertThat(api.post("/api/v1/auth/logout", Map.of("refreshToken", member.refreshToken()), null).status()).isEqualTo(204);
            long endedAt = System.nanoTime();
            assertThat(socket.closed(WAIT).closeCode()).isEqualTo(4401);
            assertThat(Duration.ofNanos(System.nanoTime() - endedAt)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void aRevokedRoleDropsTheWatchItGaveWithinFiveSeconds() throws IOException {
        Org.Member admin = org.member(Role.ADMIN);
        java.time.Instant start = java.time.Instant.now().plus(Duration.ofDays(30));
        Api.Reply created = api.post("/api/v1/events", Map.of("type", "WORKSHOP", "title", "Winter retreat", "startsAt", start.toString(),
                "endsAt", start.plus(Duration.ofHours(3)).toString(), "timeZone", "Europe/London", "capacity", 20, "visibility", "MEMBERS"),
                org.admin().accessToken());
        assertThat(created.status()).as("event: %s", created.body()).isEqualTo(201);
        String event = created.string("id");
        String chat = api.get("/api/v1/events/" + event + "/staff-conversation", admin.accessToken()).string("id");
        assertThat(chat).isNotNull();
        try (TestSocket socket = signedIn(admin)) {
            socket.send(Map.of("type", "watch", "conversationId", chat));
            assertThat(socket.until("watching", WAIT).get("conversationId")).isEqualTo(chat);
            say(chat, admin, "Who sets up the hall?");
            assertThat(socket.until("message", WAIT).get("conversationId")).isEqualTo(chat);

            assertThat(api.delete("/api/v1/members/" + admin.id() + "/roles/ADMIN", org.admin().accessToken()).status()).isEqualTo(204);
            long revokedAt = System.nanoTime();
            Map<String, Object> dropped = socket.until("error", WAIT);
            assertThat(dropped).containsEntry("code", "CONVERSATION_NOT_ALLOWED").containsEntry("conversationId", chat);
            assertThat(Duration.ofNanos(System.nanoTime() - revokedAt)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void aClientThatStopsReadingIsClosedWith4408AndItsQueueFreed() throws IOException {
        Org.Member writer = org.member();
        Org.Member slow = org.member();
        String chat = circleChat(writer, slow).split("\\|")[0];
        try (TestSocket socket = TestSocket.open(server.getPort(), org.tenant().slug() + ".localhost", 4096)) {
            socket.signIn(slow.accessToken());
            String text = "x".repeat(8000);
            // He reads nothing from here on: the kernel's buffers fill, then the server's queue passes 1 MiB.
            int sent = 0;
            while (sent < 2000 && sockets.pending() <= 1024 * 1024 && !closedFor(slow)) {
                say(chat, writer, text + sent);
                sent++;
            }
            await().atMost(WAIT).until(() -> closedFor(slow));
            assertThat(sockets.pending()).as("its queue is freed").isLessThan(64 * 1024);
            assertThat(socket.closed(Duration.ofSeconds(30)).closeCode()).isEqualTo(4408);
        }
    }

    private boolean closedFor(Org.Member member) {
        return hub.sockets(org.tenant().id(), member.id()) == 0;
    }
}
