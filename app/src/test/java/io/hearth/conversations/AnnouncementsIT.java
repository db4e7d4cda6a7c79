package io.hearth.conversations;

import io.hearth.Api;
import io.hearth.RealStack;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Announcements through the API: who posts to whom, who reads them, pins, comments. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnnouncementsIT implements RealStack {

    @Inject @Client("/") HttpClient client;
    @Inject TenantProvisioning provisioning;
    @Inject TenantDirectory directory;
    Org org;
    Api api;
    Org.Member leader;
    Org.Member facilitator;
    Org.Member inCircle;
    Org.Member elsewhere;
    Org.Member ptm;
    String circle;

    @BeforeAll
    void organisation() {
        org = Org.create(provisioning, directory, client, "news");
        api = org.api();
        leader = org.member(Role.LEADERSHIP);
        facilitator = org.member(Role.FACILITATOR);
        inCircle = org.member();
        elsewhere = org.member();
        ptm = org.member(Role.PTM);
        circle = api.post("/api/v1/circles", Map.of("name", "News circle", "capacity", 6), facilitator.accessToken()).string("id");
        api.post("/api/v1/circles/" + circle + "/members", Map.of("personId", inCircle.id().toString()), facilitator.accessToken());
    }

    static Map<String, Object> draft(String title, String audience, Object... more) {
        Map<String, Object> body = new HashMap<>(Map.of("title", title, "body", "Body of " + title, "audience", audience));
        for (int i = 0; i < more.length; i += 2) {
            body.put((String) more[i], more[i + 1]);
        }
        return body;
    }

    @SuppressWarnings("unchecked")
    List<String> feed(Org.Member who) {
        Api.Reply reply = api.get("/api/v1/announcements?size=100", who.accessToken());
        assertThat(reply.status()).isEqualTo(200);
        return reply.list("items").stream().map(a -> (String) ((Map<String, Object>) a).get("title")).toList();
    }

    @Test
    void eachAnnouncementReachesItsAudienceOnly() {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        assertThat(api.post("/api/v1/announcements", draft("all " + tag, "ORGANISATION"), leader.accessToken()).status()).isEqualTo(201);
        assertThat(api.post("/api/v1/announcements", draft("ptms " + tag, "ROLE", "role", "PTM"), leader.accessToken()).status()).isEqualTo(201);
        assertThat(api.post("/api/v1/announcements", draft("circle " + tag, "CIRCLE", "circleId", circle), facilitator.accessToken()).status())
                .isEqualTo(201);

        assertThat(feed(inCircle)).contains("all " + tag, "circle " + tag).doesNotContain("ptms " + tag);
        assertThat(feed(elsewhere)).contains("all " + tag).doesNotContain("ptms " + tag, "circle " + tag);
        assertThat(feed(ptm)).contains("all " + tag, "ptms " + tag).doesNotContain("circle " + tag);
        assertThat(feed(facilitator)).contains("all " + tag, "circle " + tag);
        assertThat(feed(org.admin())).as("admins see every announcement").contains("all " + tag, "ptms " + tag, "circle " + tag);
    }

    @Test
    void onlyAdminsLeadershipAndTheCirclesFacilitatorsPost() {
        Api.Reply member = api.post("/api/v1/announcements", draft("no", "ORGANISATION"), inCircle.accessToken());
        assertThat(member.status()).isEqualTo(403);
        assertThat(api.post("/api/v1/announcements", draft("no", "ORGANISATION"), facilitator.accessToken()).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/announcements", draft("no", "CIRCLE", "circleId", circle), inCircle.accessToken()).status()).isEqualTo(403);
        String other = api.post("/api/v1/circles", Map.of("name", "Other news circle", "capacity", 6), org.member(Role.FACILITATOR).accessToken())
                .string("id");
        assertThat(api.post("/api/v1/announcements", draft("no", "CIRCLE", "circleId", other), facilitator.accessToken()).status())
                .as("not a circle he runs").isIn(403, 404);
        assertThat(api.post("/api/v1/announcements", draft("no", "ROLE"), leader.accessToken()).status()).isEqualTo(422);
        assertThat(api.post("/api/v1/announcements", draft("no", "CIRCLE"), leader.accessToken()).status()).isEqualTo(422);
    }

    @Test
    void aPinnedAnnouncementStaysOnTopUntilItsPinExpires() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        Api.Reply pinned = api.post("/api/v1/announcements", draft("pinned " + tag, "ORGANISATION", "pinnedUntil",
                Instant.now().plus(7, ChronoUnit.DAYS).toString()), leader.accessToken());
        assertThat(pinned.body().get("pinned")).isEqualTo(true);
        api.post("/api/v1/announcements", draft("newer " + tag, "ORGANISATION"), leader.accessToken());

        assertThat(feed(elsewhere).get(0)).isEqualTo("pinned " + tag);

        sql("update %s.announcements set pinned_until = now() - interval '1 minute' where id = '" + pinned.string("id") + "'");
        List<String> after = feed(elsewhere);
        assertThat(after.indexOf("newer " + tag)).isLessThan(after.indexOf("pinned " + tag));
        assertThat(api.post("/api/v1/announcements", draft("past", "ORGANISATION", "pinnedUntil", "2020-01-01T00:00:00Z"),
                leader.accessToken()).status()).isEqualTo(422);
    }

    @Test
    void membersCommentUnlessCommentsAreOff() {
        String open = api.post("/api/v1/announcements", draft("open", "CIRCLE", "circleId", circle), facilitator.accessToken()).string("id");
        String closed = api.post("/api/v1/announcements", draft("closed", "CIRCLE", "circleId", circle, "commentsEnabled", false),
                facilitator.accessToken()).string("id");
        String key = UUID.randomUUID().toString();

        Api.Reply first = api.send(HttpRequest.POST("/api/v1/announcements/" + open + "/comments", Map.of("text", "Count me in"))
                .bearerAuth(inCircle.accessToken()).header("Idempotency-Key", key));
        Api.Reply again = api.send(HttpRequest.POST("/api/v1/announcements/" + open + "/comments", Map.of("text", "Count me in"))
                .bearerAuth(inCircle.accessToken()).header("Idempotency-Key", key));
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.string("id")).isEqualTo(first.string("id"));
        Api.Reply read = api.get("/api/v1/announcements/" + open, facilitator.accessToken());
        assertThat(read.list("comments")).hasSize(1);
        assertThat(((Number) read.body().get("commentCount")).intValue()).isEqualTo(1);

        Api.Reply refused = api.post("/api/v1/announcements/" + closed + "/comments", Map.of("text", "Hm"), inCircle.accessToken());
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("COMMENTS_CLOSED");
        assertThat(api.post("/api/v1/announcements/" + open + "/comments", Map.of("text", "me too"), elsewhere.accessToken()).status())
                .as("not for him: as if it did not exist").isEqualTo(404);
        assertThat(api.post("/api/v1/announcements/" + open + "/comments", Map.of("text", "a\u0000b"), inCircle.accessToken()).status())
                .isEqualTo(422);
    }

    @Test
    void anIdempotencyKeyPostsOnceAndTheTextIsSealed() throws Exception {
        String key = UUID.randomUUID().toString();
        Api.Reply first = api.send(HttpRequest.POST("/api/v1/announcements", draft("Secret plans", "ORGANISATION"))
                .bearerAuth(leader.accessToken()).header("Idempotency-Key", key));
        Api.Reply again = api.send(HttpRequest.POST("/api/v1/announcements", draft("Secret plans", "ORGANISATION"))
                .bearerAuth(leader.accessToken()).header("Idempotency-Key", key));
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.string("id")).isEqualTo(first.string("id"));
        assertThat(sql("select sealed_title || sealed_body from %s.announcements where id = '" + first.string("id") + "'"))
                .doesNotContain("Secret").doesNotContain("plans");
    }

    String sql(String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(RealStack.stack().jdbcUrl(LocalStack.Database.APP), RealStack.stack().dbUsername(),
                RealStack.stack().dbPassword())) {
            String formatted = statement.formatted(org.tenant().id().schemaName());
            if (formatted.startsWith("update")) {
                c.createStatement().executeUpdate(formatted);
                return "";
            }
            try (ResultSet rs = c.createStatement().executeQuery(formatted)) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
