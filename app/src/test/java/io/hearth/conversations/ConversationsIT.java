package io.hearth.conversations;

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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Conversations through the API, as the PWA uses them. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConversationsIT implements RealStack {

    @Inject @Client("/") HttpClient client;
    @Inject TenantProvisioning provisioning;
    @Inject TenantDirectory directory;
    @Inject Messages messages;
    Org org;
    Api api;
    Org.Member facilitator;

    @BeforeAll
    void organisation() {
        org = Org.create(provisioning, directory, client, "talk");
        api = org.api();
        facilitator = org.member(Role.FACILITATOR);
    }

    String circle(Org.Member... members) {
        String id = api.post("/api/v1/circles", Map.of("name", "Circle " + UUID.randomUUID().toString().substring(0, 6), "capacity", 8),
                facilitator.accessToken()).string("id");
        for (Org.Member member : members) {
            join(id, member);
        }
        return id;
    }

    void join(String circle, Org.Member member) {
        Api.Reply added = api.post("/api/v1/circles/" + circle + "/members", Map.of("personId", member.id().toString()), facilitator.accessToken());
        assertThat(added.status()).as("join: %s", added.body()).isEqualTo(201);
    }

    void leave(String circle, Org.Member member) {
        Api.Reply removed = api.delete("/api/v1/circles/" + circle + "/members/" + member.id(), facilitator.accessToken());
        assertThat(removed.status()).as("leave: %s", removed.body()).isEqualTo(204);
    }

    String chatOf(String circle, Org.Member member) {
        Api.Reply chat = api.get("/api/v1/circles/" + circle + "/conversation", member.accessToken());
        assertThat(chat.status()).as("chat: %s", chat.body()).isEqualTo(200);
        return chat.string("id");
    }

    Api.Reply say(String conversation, Org.Member who, String text) {
        return api.post("/api/v1/conversations/" + conversation + "/messages", Map.of("text", text), who.accessToken());
    }

    @SuppressWarnings("unchecked")
    List<String> texts(String conversation, Org.Member who) {
        Api.Reply page = api.get("/api/v1/conversations/" + conversation + "/messages", who.accessToken());
        assertThat(page.status()).as("history: %s", page.body()).isEqualTo(200);
        return page.list("items").stream().map(m -> (String) ((Map<String, Object>) m).get("text")).toList();
    }

    @Test
    void aCircleChatFollowsMembershipOverTime() {
        Org.Member early = org.member();
        Org.Member late = org.member();
        String circle = circle(early);
        String chat = chatOf(circle, early);

        assertThat(say(chat, early, "Before you came").status()).isEqualTo(201);
        join(circle, late);
        assertThat(say(chat, late, "Glad to be here").status()).isEqualTo(201);
        leave(circle, early);
        assertThat(say(chat, facilitator, "After he left").status()).isEqualTo(201);

        assertThat(texts(chat, facilitator)).containsExactly("After he left", "Glad to be here", "Before you came");
        assertThat(texts(chat, late)).as("a man reads from his joining on").containsExactly("After he left", "Glad to be here");
        assertThat(texts(chat, early)).as("a man who left reads his time only").containsExactly("Glad to be here", "Before you came");
        Api.Reply refused = say(chat, early, "Still here?");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("CONVERSATION_NOT_ALLOWED");

        Api.Reply stranger = api.get("/api/v1/conversations/" + chat + "/messages", org.member().accessToken());
        assertThat(stranger.status()).isEqualTo(404);
    }

    @Test
    void aConversationsPeopleAreListedByNameForThoseInItNotForAManWhoLeft() {
        Org.Member stays = org.member();
        Org.Member goes = org.member();
        String circle = circle(stays, goes);
        String chat = chatOf(circle, stays);
        Api.Reply people = api.get("/api/v1/conversations/" + chat + "/people", stays.accessToken());
        assertThat(people.status()).isEqualTo(200);
        assertThat(people.list("items")).extracting(item -> (Object) ((Map<?, ?>) item).get("personId"))
                .containsExactlyInAnyOrder((Object) stays.id().toString(), goes.id().toString(), facilitator.id().toString());
        assertThat(people.list("items")).allSatisfy(item -> assertThat(((Map<?, ?>) item).get("name")).asString().isNotBlank());

        leave(circle, goes);
        Api.Reply refused = api.get("/api/v1/conversations/" + chat + "/people", goes.accessToken());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("CONVERSATION_NOT_ALLOWED");
        assertThat(api.get("/api/v1/conversations/" + chat + "/people", stays.accessToken()).list("items")).hasSize(2);
    }

    @Test
    void unreadCountsAndReadMarkersAndSeenBy() {
        Org.Member a = org.member();
        Org.Member b = org.member();
        String chat = chatOf(circle(a, b), a);
        say(chat, a, "one");
        say(chat, a, "two");

        Map<String, Object> listed = conversation(b, chat);
        assertThat(((Number) listed.get("unread")).longValue()).isEqualTo(2);
        assertThat(((Map<?, ?>) listed.get("lastMessage")).get("text")).isEqualTo("two");
        assertThat(((Number) listed.get("participants")).intValue()).isEqualTo(3);
        assertThat(((Number) conversation(a, chat).get("unread")).longValue()).as("his own messages are read").isZero();

        Api.Reply read = api.post("/api/v1/conversations/" + chat + "/read", Map.of("offset", 1), b.accessToken());
        assertThat(read.status()).isEqualTo(200);
        assertThat(((Number) read.body().get("unread")).longValue()).isEqualTo(1);
        Api.Reply back = api.post("/api/v1/conversations/" + chat + "/read", Map.of("offset", 0), b.accessToken());
        assertThat(((Number) back.body().get("offset")).longValue()).as("a marker never moves back").isEqualTo(1);

        Api.Reply page = api.get("/api/v1/conversations/" + chat + "/messages", a.accessToken());
        List<Object> items = page.list("items");
        assertThat(((Map<?, ?>) items.get(0)).get("seenBy")).as("two: nobody else yet").isEqualTo(0);
        assertThat(((Map<?, ?>) items.get(1)).get("seenBy")).as("one: seen by b").isEqualTo(1);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> conversation(Org.Member who, String id) {
        Api.Reply list = api.get("/api/v1/conversations", who.accessToken());
        assertThat(list.status()).isEqualTo(200);
        return list.list("items").stream().map(c -> (Map<String, Object>) c).filter(c -> id.equals(c.get("id"))).findFirst().orElseThrow();
    }

    @Test
    void historyPagesNewestFirstByOffset() {
        Org.Member a = org.member();
        String chat = chatOf(circle(a), a);
        for (int i = 1; i <= 5; i++) {
            say(chat, a, "m" + i);
        }
        Api.Reply first = api.get("/api/v1/conversations/" + chat + "/messages?limit=2", a.accessToken());
        assertThat(first.body().get("hasMore")).isEqualTo(true);
        assertThat(first.list("items")).extracting(m -> (Object) ((Map<?, ?>) m).get("offset")).containsExactly(5, 4);
        Api.Reply older = api.get("/api/v1/conversations/" + chat + "/messages?limit=2&before=4", a.accessToken());
        assertThat(older.list("items")).extracting(m -> (Object) ((Map<?, ?>) m).get("text")).containsExactly("m3", "m2");
        Api.Reply newer = api.get("/api/v1/conversations/" + chat + "/messages?after=3", a.accessToken());
        assertThat(newer.list("items")).extracting(m -> (Object) ((Map<?, ?>) m).get("text")).containsExactly("m5", "m4");
        assertThat(newer.body().get("hasMore")).isEqualTo(false);
    }

    @Test
    void anIdempotencyKeyWritesAMessageOnce() {
        Org.Member a = org.member();
        String chat = chatOf(circle(a), a);
        String key = UUID.randomUUID().toString();
        Api.Reply first = api.send(HttpRequest.POST("/api/v1/conversations/" + chat + "/messages", Map.of("text", "offline hello"))
                .bearerAuth(a.accessToken()).header("Idempotency-Key", key));
        Api.Reply again = api.send(HttpRequest.POST("/api/v1/conversations/" + chat + "/messages", Map.of("text", "offline hello"))
                .bearerAuth(a.accessToken()).header("Idempotency-Key", key));
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.string("id")).isEqualTo(first.string("id"));
        assertThat(texts(chat, a)).containsExactly("offline hello");
        assertThat(say(chat, a, "next").body().get("offset")).as("no offset is lost to the repeat").isEqualTo(2);
    }

    @Test
    void oneToOnesFollowTheRoutingRulesAndBlocks() {
        Org.Member a = org.member();
        Org.Member b = org.member();
        Org.Member stranger = org.member();
        Org.Member support = org.member(Role.SUPPORT);
        circle(a, b);

        Api.Reply started = api.post("/api/v1/conversations", Map.of("personId", b.id().toString()), a.accessToken());
        assertThat(started.status()).as("%s", started.body()).isEqualTo(201);
        assertThat(started.string("kind")).isEqualTo("DIRECT");
        Api.Reply same = api.post("/api/v1/conversations", Map.of("personId", a.id().toString()), b.accessToken());
        assertThat(same.string("id")).as("one conversation per pair").isEqualTo(started.string("id"));

        Api.Reply refused = api.post("/api/v1/conversations", Map.of("personId", stranger.id().toString()), a.accessToken());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("CONVERSATION_NOT_ALLOWED");
        assertThat(api.post("/api/v1/conversations", Map.of("personId", stranger.id().toString()), support.accessToken()).status()).isEqualTo(201);

        assertThat(say(started.string("id"), a, "private word").status()).isEqualTo(201);
        assertThat(api.post("/api/v1/people/" + a.id() + "/block", null, b.accessToken()).status()).isEqualTo(201);
        Api.Reply blocked = say(started.string("id"), a, "are you there?");
        assertThat(blocked.status()).isEqualTo(403);
        assertThat(blocked.code()).isEqualTo("CONVERSATION_NOT_ALLOWED");
        Api.Reply supportBlocked = api.post("/api/v1/people/" + support.id() + "/block", null, stranger.accessToken());
        assertThat(supportBlocked.status()).isEqualTo(201);
        Api.Reply afterBlock = api.post("/api/v1/conversations", Map.of("personId", stranger.id().toString()), support.accessToken());
        assertThat(afterBlock.status()).as("the existing one-to-one is found, but he may not write").isEqualTo(201);
        assertThat(afterBlock.body().get("canPost")).isEqualTo(false);
        assertThat(api.get("/api/v1/me/blocks", b.accessToken()).list("items")).hasSize(1);
        assertThat(api.delete("/api/v1/people/" + a.id() + "/block", b.accessToken()).status()).isEqualTo(204);
        assertThat(say(started.string("id"), a, "are you there?").status()).isEqualTo(201);

        Api.Reply adminReads = api.get("/api/v1/conversations/" + started.string("id") + "/messages", org.admin().accessToken());
        assertThat(adminReads.status()).as("an admin never reads a one-to-one he is not in").isEqualTo(404);
    }

    @Test
    void editsKeepHistoryAndRemovalLeavesATombstone() throws SQLException {
        Org.Member a = org.member();
        Org.Member b = org.member();
        String chat = chatOf(circle(a, b), a);
        String id = say(chat, a, "first words").string("id");

        Api.Reply edited = api.put("/api/v1/messages/" + id, Map.of("text", "better words"), a.accessToken());
        assertThat(edited.status()).isEqualTo(200);
        assertThat(edited.body().get("editedAt")).isNotNull();
        assertThat(api.put("/api/v1/messages/" + id, Map.of("text", "his words"), b.accessToken()).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/messages/" + id + "/edits", a.accessToken()).list("items"))
                .extracting(e -> (Object) ((Map<?, ?>) e).get("text")).containsExactly("first words");
        assertThat(api.get("/api/v1/messages/" + id + "/edits", b.accessToken()).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/messages/search?q=better", b.accessToken()).list("items")).hasSize(1);

        assertThat(api.delete("/api/v1/messages/" + id, b.accessToken()).status()).isEqualTo(403);
        assertThat(api.delete("/api/v1/messages/" + id, a.accessToken()).status()).isEqualTo(204);
        Map<?, ?> tombstone = (Map<?, ?>) api.get("/api/v1/conversations/" + chat + "/messages", b.accessToken()).list("items").get(0);
        assertThat(tombstone.get("removed")).isEqualTo(true);
        assertThat(tombstone.get("text")).isNull();
        assertThat(api.get("/api/v1/messages/" + id + "/edits", a.accessToken()).list("items")).isEmpty();
        assertThat(api.get("/api/v1/messages/search?q=better", b.accessToken()).list("items")).isEmpty();
        assertThat(stored("select count(*) from %s.message_edits where message_id = '" + id + "'")).isEqualTo("0");
        assertThat(stored("select coalesce(sealed_text, 'none') || coalesce(search::text, 'none') from %s.messages where id = '" + id + "'"))
                .isEqualTo("nonenone");
    }

    @Test
    void anAdminRemovesFromAnOrganisationChannelAudited() throws SQLException {
        Org.Member a = org.member();
        String chat = chatOf(circle(a), a);
        String id = say(chat, a, "something unkind").string("id");
        Org.Member admin = org.admin();

        assertThat(api.get("/api/v1/conversations/" + chat + "/messages", admin.accessToken()).status())
                .as("he removes without reading").isEqualTo(404);
        assertThat(api.delete("/api/v1/messages/" + id, admin.accessToken()).status()).isEqualTo(204);
        assertThat(texts(chat, a)).containsExactly((String) null);
        assertThat(stored("select count(*) from %s.audit_log where action = 'message.removed' and target_id = '" + a.id() + "'")).isEqualTo("1");
    }

    @Test
    void erasingAManErasesHisMessagesText() throws SQLException {
        Org.Member a = org.member();
        Org.Member b = org.member();
        String chat = chatOf(circle(a, b), a);
        String mine = say(chat, a, "my story").string("id");
        say(chat, b, "his answer");

        assertThat(api.delete("/api/v1/me", a.accessToken()).status()).isEqualTo(204);

        assertThat(texts(chat, b)).containsExactly("his answer", null);
        assertThat(stored("select count(*) from %s.messages where id = '" + mine + "' and sealed_text is null and removed_at is not null")).isEqualTo("1");
    }

    @Test
    void retentionErasesWhatIsOlderThanTheCircleKeeps() throws SQLException {
        Org.Member a = org.member();
        String chat = chatOf(circle(a), a);
        String old = say(chat, a, "long ago").string("id");
        say(chat, a, "just now");
        Api.Reply kept = api.put("/api/v1/conversations/" + chat + "/retention", Map.of("days", 90), facilitator.accessToken());
        assertThat(kept.status()).isEqualTo(200);
        assertThat(kept.body().get("retentionDays")).isEqualTo(90);
        stored("update %s.messages set sent_at = now() - interval '91 days' where id = '" + old + "' returning 1");

        int erased = messages.applyRetention(org.tenant(), 100);

        assertThat(erased).isEqualTo(1);
        Api.Reply history = api.get("/api/v1/conversations/" + chat + "/messages", facilitator.accessToken());
        assertThat(history.list("items")).extracting(m -> (Object) ((Map<?, ?>) m).get("removed")).containsExactly(false, true);
    }

    @Test
    void textIsSealedAtRest() throws SQLException {
        Org.Member a = org.member();
        String chat = chatOf(circle(a), a);
        String id = say(chat, a, "a secret about my father").string("id");
        String sealed = stored("select sealed_text from %s.messages where id = '" + id + "'");
        assertThat(sealed).doesNotContain("secret").matches("^[^:]+:[A-Za-z0-9+/=]+$");
    }

    @Test
    void searchFindsPrefixesAndPhrasesInWhatHeMayRead() {
        Org.Member a = org.member();
        Org.Member late = org.member();
        String circle = circle(a);
        String chat = chatOf(circle, a);
        say(chat, a, "Who comes to the winter retreat?");
        join(circle, late);
        say(chat, a, "The sweat lodge is on Saturday");

        Api.Reply prefix = api.get("/api/v1/messages/search?q=retr", a.accessToken());
        assertThat(prefix.status()).isEqualTo(200);
        Map<?, ?> hit = (Map<?, ?>) prefix.list("items").get(0);
        assertThat(((Map<?, ?>) hit.get("message")).get("text")).isEqualTo("Who comes to the winter retreat?");
        assertThat(hit.get("highlights")).isEqualTo(List.of(Map.of("start", 24, "end", 31)));
        assertThat(api.get("/api/v1/messages/search?q=%22sweat%20lodge%22&conversation=" + chat, a.accessToken()).list("items")).hasSize(1);
        assertThat(api.get("/api/v1/messages/search?q=%22lodge%20sweat%22", a.accessToken()).list("items")).isEmpty();
        assertThat(api.get("/api/v1/messages/search?q=retreat", late.accessToken()).list("items"))
                .as("not what was written before he joined").isEmpty();
        assertThat(api.get("/api/v1/messages/search?q=retreat&conversation=" + chat, org.member().accessToken()).status()).isEqualTo(404);
    }

    @Test
    void badInputGetsProblemsNeverAServerError() {
        Org.Member a = org.member();
        String chat = chatOf(circle(a), a);
        Api.Reply nul = say(chat, a, "bad\u0000byte");
        assertThat(nul.status()).isEqualTo(422);
        assertThat(nul.code()).isEqualTo("VALIDATION_ERROR");
        assertThat(say(chat, a, "x".repeat(8193)).status()).isEqualTo(422);
        assertThat(say(chat, a, "   ").status()).isEqualTo(422);
        assertThat(api.post("/api/v1/conversations/" + chat + "/messages", Map.of(), a.accessToken()).status()).isIn(400, 422);
        assertThat(api.post("/api/v1/conversations/" + chat + "/messages", "not json", a.accessToken()).status()).isIn(400, 415, 422);
        assertThat(api.get("/api/v1/messages/search?q=%22%22", a.accessToken()).status()).isEqualTo(422);
        assertThat(api.get("/api/v1/messages/search", a.accessToken()).status()).isEqualTo(422);
        assertThat(api.get("/api/v1/conversations/not-a-uuid/messages", a.accessToken()).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/conversations/" + chat + "/messages?limit=0", a.accessToken()).status()).isIn(400, 422);
        assertThat(api.post("/api/v1/conversations", Map.of("personId", a.id().toString()), a.accessToken()).status()).isEqualTo(422);
        assertThat(api.post("/api/v1/people/" + a.id() + "/block", null, a.accessToken()).status()).isEqualTo(422);
    }

    String stored(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(RealStack.stack().jdbcUrl(io.hearth.infra.LocalStack.Database.APP),
                RealStack.stack().dbUsername(), RealStack.stack().dbPassword());
             PreparedStatement s = c.prepareStatement(sql.formatted(org.tenant().id().schemaName()));
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }
}
