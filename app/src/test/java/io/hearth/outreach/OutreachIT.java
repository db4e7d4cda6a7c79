package io.hearth.outreach;

import io.hearth.Api;
import io.hearth.PermissionMatrix;
import io.hearth.PermissionMatrix.Row;
import io.hearth.RealStack;
import io.hearth.identity.Org;
import io.hearth.identity.Role;
import io.hearth.infra.LocalStack;
import io.hearth.infra.MailCatcher;
import io.hearth.tenancy.TenantDirectory;
import io.hearth.tenancy.TenantProvisioning;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Outreach through the API and the RSVP pages: a member brings a friend, a campaign mails him his own link, a GET only
 * shows the page and a POST records; one-click unsubscribe; the member who brought him is told and asked to follow
 * up; the campaign's report to membership and a circle; who may do what; isolation.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutreachIT implements RealStack {

    private static final Pattern LINK = Pattern.compile("https?://[^\\s]+/rsvp/([A-Za-z0-9_.-]+)");

    @Inject @Client("/") HttpClient client;
    @Inject TenantProvisioning provisioning;
    @Inject TenantDirectory directory;
    @Inject Outreach outreach;
    Org org;
    Api api;
    Org.Member admin;
    Org.Member leader;

    @BeforeAll
    void organisation() {
        org = Org.create(provisioning, directory, client, "outreach");
        api = org.api();
        admin = org.admin();
        leader = org.member(Role.LEADERSHIP);
    }

    private static String email() {
        return "friend-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    private Api.Reply contact(Org.Member by, String email, String source) {
        Map<String, Object> body = new HashMap<>(Map.of("email", email, "firstName", "Tom", "lastName", "Friend", "consent", true));
        if (source != null) {
            body.put("source", source);
            body.put("consentNote", "Said yes at the talk");
        }
        return api.post("/api/v1/contacts", body, by.accessToken());
    }

    private String campaign(String source) {
        Map<String, Object> body = new HashMap<>(Map.of("title", "Intro evening", "subject", "Come to our intro evening",
                "body", "Men meet, talk and listen. Come and see."));
        body.put("segmentSource", source);
        Api.Reply created = api.post("/api/v1/campaigns", body, leader.accessToken());
        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
        return created.string("id");
    }

    private static MailCatcher.Mail mailTo(String email) {
        await("the invitation to " + email).atMost(Duration.ofSeconds(20)).until(() -> RealStack.stack().mailCatcher().messages().stream()
                .anyMatch(m -> m.to().contains(email)));
        return RealStack.stack().mailCatcher().messages().stream().filter(m -> m.to().contains(email)).reduce((a, b) -> b).orElseThrow();
    }

    private static String token(MailCatcher.Mail mail) {
        Matcher link = LINK.matcher(mail.body());
        assertThat(link.find()).as("an RSVP link in %s", mail.body()).isTrue();
        return link.group(1);
    }

    /** A page on the organisation's host, as his browser would ask. */
    private HttpResponse<String> page(HttpMethod method, String path, String form, String host) {
        var request = HttpRequest.create(method, path).header("Host", host);
        if (form != null) {
            request.body(form).contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE);
        }
        try {
            return client.toBlocking().exchange(request, String.class);
        } catch (HttpClientResponseException e) {
            return HttpResponse.status(e.getStatus()).body(e.getResponse().getBody(String.class).orElse(""));
        }
    }

    private HttpResponse<String> page(HttpMethod method, String path, String form) {
        return page(method, path, form, org.tenant().slug() + ".localhost");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> report(String campaign) {
        return api.get("/api/v1/campaigns/" + campaign + "/report", leader.accessToken()).body();
    }

    @Test
    void aFriendBroughtByAMemberIsInvitedAnswersByPostAndIsFollowedToACircle() {
        Org.Member andy = org.member();
        String email = email();
        String source = "Talk " + UUID.randomUUID().toString().substring(0, 6);
        Api.Reply friend = contact(andy, email, source);
        assertThat(friend.status()).as("%s", friend.body()).isEqualTo(201);
        assertThat(friend.string("invitedBy")).isEqualTo(andy.id().toString());
        String campaign = campaign(source);
        String key = UUID.randomUUID().toString();

        Api.Reply sent = api.send(HttpRequest.POST("/api/v1/campaigns/" + campaign + "/send", Map.of()).bearerAuth(leader.accessToken())
                .header("Idempotency-Key", key));
        Api.Reply again = api.send(HttpRequest.POST("/api/v1/campaigns/" + campaign + "/send", Map.of()).bearerAuth(leader.accessToken())
                .header("Idempotency-Key", key));

        assertThat(sent.status()).as("%s", sent.body()).isEqualTo(200);
        assertThat(sent.body()).containsEntry("invited", 1).containsEntry("total", 1);
        assertThat(again.body()).containsEntry("invited", 0).containsEntry("total", 1);
        MailCatcher.Mail mail = mailTo(email);
        assertThat(mail.subject()).isEqualTo("Come to our intro evening");
        assertThat(mail.header("List-Unsubscribe").orElseThrow()).endsWith("/unsubscribe>");
        assertThat(mail.header("List-Unsubscribe-Post")).contains("List-Unsubscribe=One-Click");
        String token = token(mail);

        HttpResponse<String> shown = page(HttpMethod.GET, "/rsvp/" + token, null);
        HttpResponse<String> shownAgain = page(HttpMethod.GET, "/rsvp/" + token, null);
        assertThat(shown.code()).isEqualTo(200);
        assertThat(shown.body()).contains("Intro evening").contains("method=\"post\"").contains("value=\"YES\"");
        assertThat(shownAgain.code()).isEqualTo(200);
        assertThat(report(campaign)).as("a GET records nothing").containsEntry("yes", 0).containsEntry("unanswered", 1);

        HttpResponse<String> answered = page(HttpMethod.POST, "/rsvp/" + token, "answer=YES");
        assertThat(answered.code()).isEqualTo(200);
        assertThat(answered.body()).contains("Thank you, Tom");
        // The same answer as a multipart form (sent in chunks, as this client sends one), read by the page itself.
        HttpResponse<String> asMultipart = client.toBlocking().exchange(HttpRequest.POST("/rsvp/" + token,
                io.micronaut.http.client.multipart.MultipartBody.builder().addPart("answer", "YES").build())
                .contentType(MediaType.MULTIPART_FORM_DATA_TYPE).header("Host", org.tenant().slug() + ".localhost"), String.class);
        assertThat(asMultipart.code()).isEqualTo(200);
        assertThat(asMultipart.body()).contains("Thank you, Tom");
        assertThat(report(campaign)).containsEntry("yes", 1).containsEntry("sent", 1);
        await("andy is told his friend is coming").atMost(Duration.ofSeconds(20)).until(() -> api.get("/api/v1/notifications", andy.accessToken())
                .list("items").stream().anyMatch(n -> String.valueOf(((Map<?, ?>) n).get("title")).contains("Tom Friend answered the invitation")));

        @SuppressWarnings("unchecked")
        String invitation = (String) ((Map<String, Object>) ((List<?>) report(campaign).get("invitations")).get(0)).get("invitationId");
        assertThat(api.put("/api/v1/campaigns/" + campaign + "/invitations/" + invitation + "/attendance", Map.of("came", true), leader.accessToken())
                .status()).isEqualTo(200);
        // He joins: invited as a member with the same address, then into a circle.
        assertThat(api.post("/api/v1/members/invitations", Map.of("email", email, "role", "MEMBER"), admin.accessToken()).status()).isEqualTo(201);
        Api.Reply accepted = api.post("/api/v1/auth/invitations/" + Org.lastLink(email, "/invitations/") + "/accept",
                Map.of("password", Org.PASSWORD, "firstName", "Tom", "lastName", "Friend"), null);
        String tom = (String) accepted.map("person").get("id");
        Org.Member facilitator = org.member(Role.FACILITATOR);
        String circle = api.post("/api/v1/circles", Map.of("name", "Newcomers " + UUID.randomUUID().toString().substring(0, 5), "capacity", 8),
                facilitator.accessToken()).string("id");
        api.post("/api/v1/circles/" + circle + "/members", Map.of("personId", tom), facilitator.accessToken());

        assertThat(report(campaign)).containsEntry("came", 1).containsEntry("becameMembers", 1).containsEntry("joinedCircle", 1);
    }

    @Test
    void oneClickUnsubscribeStopsHisInvitations() {
        String email = email();
        String source = "Fair " + UUID.randomUUID().toString().substring(0, 6);
        assertThat(contact(leader, email, source).status()).isEqualTo(201);
        String first = campaign(source);
        api.post("/api/v1/campaigns/" + first + "/send", Map.of(), leader.accessToken());
        String token = token(mailTo(email));

        HttpResponse<String> asked = page(HttpMethod.GET, "/rsvp/" + token + "/unsubscribe", null);
        assertThat(asked.body()).contains("method=\"post\"");
        assertThat(report(first)).containsEntry("unsubscribed", 0);
        HttpResponse<String> done = page(HttpMethod.POST, "/rsvp/" + token + "/unsubscribe", "List-Unsubscribe=One-Click");
        String second = campaign(source);
        Api.Reply sent = api.post("/api/v1/campaigns/" + second + "/send", Map.of(), leader.accessToken());

        assertThat(done.code()).isEqualTo(200);
        assertThat(done.body()).contains("You are unsubscribed");
        assertThat(report(first)).containsEntry("unsubscribed", 1);
        assertThat(sent.body()).containsEntry("invited", 0);
    }

    @Test
    void theMemberWhoBroughtHimIsAskedToFollowUpOnceWhenHeHasNotAnswered() throws Exception {
        Org.Member ben = org.member();
        String email = email();
        String source = "Friends " + UUID.randomUUID().toString().substring(0, 6);
        contact(ben, email, source);
        String campaign = campaign(source);
        api.post("/api/v1/campaigns/" + campaign + "/send", Map.of(), leader.accessToken());
        LocalStack stack = RealStack.stack();
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl(LocalStack.Database.APP), stack.dbUsername(), stack.dbPassword());
             PreparedStatement backdate = c.prepareStatement("update " + org.tenant().id().schemaName()
                     + ".campaign_invitations set sent_at = ? where campaign_id = ?::uuid")) {
            backdate.setObject(1, java.sql.Timestamp.from(Instant.now().minus(Duration.ofDays(4))));
            backdate.setString(2, campaign);
            assertThat(backdate.executeUpdate()).isEqualTo(1);
        }

        int due = outreach.followUpsDue(org.tenant());
        int again = outreach.followUpsDue(org.tenant());

        assertThat(due).isGreaterThanOrEqualTo(1);
        assertThat(again).isZero();
        await("ben is asked to follow up").atMost(Duration.ofSeconds(20)).until(() -> api.get("/api/v1/notifications", ben.accessToken())
                .list("items").stream().anyMatch(n -> String.valueOf(((Map<?, ?>) n).get("title")).contains("has not answered yet")));
    }

    @Test
    void aLinkThatIsNotOneOfOursOrOfAnotherOrganisationShowsNothing() {
        String email = email();
        String source = "Links " + UUID.randomUUID().toString().substring(0, 6);
        contact(leader, email, source);
        String campaign = campaign(source);
        api.post("/api/v1/campaigns/" + campaign + "/send", Map.of(), leader.accessToken());
        String token = token(mailTo(email));
        Org other = Org.create(provisioning, directory, client, "outreach-b");

        assertThat(page(HttpMethod.GET, "/rsvp/not-a-token", null).code()).isEqualTo(404);
        assertThat(page(HttpMethod.GET, "/rsvp/" + token.substring(0, token.length() - 2) + "xx", null).code()).isEqualTo(404);
        assertThat(page(HttpMethod.GET, "/rsvp/" + token, null, other.tenant().slug() + ".localhost").code()).isEqualTo(404);
        assertThat(page(HttpMethod.POST, "/rsvp/" + token, "answer=YES", other.tenant().slug() + ".localhost").code()).isEqualTo(404);
        assertThat(page(HttpMethod.POST, "/rsvp/" + token, "answer=PERHAPS").code()).isEqualTo(422);
        assertThat(report(campaign)).containsEntry("yes", 0).containsEntry("maybe", 0);
    }

    @Test
    void badInputGetsAProblemWithAStableCode() {
        String email = email();
        contact(leader, email, "Talk");
        Org.Member member = org.member();

        List<Api.Reply> invalid = List.of(
                api.post("/api/v1/contacts", Map.of("email", email(), "firstName", "No", "consent", false, "source", "Talk", "consentNote", "n"),
                        leader.accessToken()),
                api.post("/api/v1/contacts", Map.of("email", "not-an-address", "firstName", "Bad", "consent", true, "source", "Talk", "consentNote", "n"),
                        leader.accessToken()),
                contact(leader, email, "Talk"),
                contact(leader, member.email(), "Talk"),
                api.post("/api/v1/contacts", Map.of("email", email(), "firstName", "No source", "consent", true), leader.accessToken()),
                api.post("/api/v1/campaigns", Map.of("title", "", "subject", "S", "body", "B"), leader.accessToken()));
        for (Api.Reply reply : invalid) {
            assertThat(reply.status()).as("%s", reply.body()).isEqualTo(422);
            assertThat(reply.code()).isEqualTo("VALIDATION_ERROR");
        }
        assertThat(api.post("/api/v1/campaigns", Map.of("title", "T", "subject", "S", "body", "B", "eventId", UUID.randomUUID().toString()),
                leader.accessToken()).status()).isEqualTo(404);
        assertThat(api.post("/api/v1/campaigns/" + UUID.randomUUID() + "/send", Map.of(), leader.accessToken()).status()).isEqualTo(404);
    }

    @Test
    void aMemberSeesOnlyTheFriendsHeBroughtAndOrganisersSeeAll() {
        Org.Member carl = org.member();
        Org.Member dan = org.member();
        String carlsFriend = contact(carl, email(), null).string("id");

        assertThat(api.get("/api/v1/contacts", carl.accessToken()).list("items")).extracting(c -> (Object) ((Map<?, ?>) c).get("id"))
                .containsExactly(carlsFriend);
        assertThat(api.get("/api/v1/contacts", dan.accessToken()).list("items")).isEmpty();
        assertThat(api.get("/api/v1/contacts?size=100", admin.accessToken()).list("items")).extracting(c -> (Object) ((Map<?, ?>) c).get("id"))
                .contains(carlsFriend);
        assertThat(api.delete("/api/v1/contacts/" + carlsFriend, dan.accessToken()).status()).isEqualTo(404);
        assertThat(api.delete("/api/v1/contacts/" + carlsFriend, carl.accessToken()).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/contacts", carl.accessToken()).list("items")).isEmpty();
    }

    @Test
    void outreachOfOneOrganisationIsNothingInAnother() {
        String contact = contact(leader, email(), "Isolation").string("id");
        String campaign = campaign("Isolation");
        Org other = Org.create(provisioning, directory, client, "outreach-c");
        Org.Member adminB = other.admin();
        Api inB = other.api();

        assertThat(inB.get("/api/v1/contacts", adminB.accessToken()).list("items")).isEmpty();
        assertThat(inB.get("/api/v1/campaigns", adminB.accessToken()).list("items")).isEmpty();
        assertThat(inB.get("/api/v1/campaigns/" + campaign, adminB.accessToken()).status()).isEqualTo(404);
        assertThat(inB.get("/api/v1/campaigns/" + campaign + "/report", adminB.accessToken()).status()).isEqualTo(404);
        assertThat(inB.post("/api/v1/campaigns/" + campaign + "/send", Map.of(), adminB.accessToken()).status()).isEqualTo(404);
        assertThat(inB.delete("/api/v1/contacts/" + contact, adminB.accessToken()).status()).isEqualTo(404);
        assertThat(inB.get("/api/v1/campaigns/" + campaign, leader.accessToken()).status()).as("A's token on B's host").isEqualTo(401);
    }

    final Map<Role, Org.Member> people = new EnumMap<>(Role.class);
    String matrixCampaign;

    List<Row> rows() {
        if (people.isEmpty()) {
            for (Role role : Role.values()) {
                people.put(role, org.member(role));
            }
            matrixCampaign = campaign("Nobody " + UUID.randomUUID());
        }
        String c = "/api/v1/campaigns/" + matrixCampaign;
        Map<String, Object> campaign = Map.of("title", "Matrix", "subject", "Matrix", "body", "Matrix");
        return List.of(
                new Row(HttpMethod.GET, "/api/v1/contacts", null, 401, 200, 200, 200, 200, 200, 200),
                new Row(HttpMethod.POST, "/api/v1/campaigns", campaign, 401, 403, 403, 403, 201, 201, 403),
                new Row(HttpMethod.GET, "/api/v1/campaigns", null, 401, 403, 403, 403, 200, 200, 403),
                new Row(HttpMethod.GET, c, null, 401, 403, 403, 403, 200, 200, 403),
                new Row(HttpMethod.POST, c + "/send", Map.of(), 401, 403, 403, 403, 200, 200, 403),
                new Row(HttpMethod.GET, c + "/report", null, 401, 403, 403, 403, 200, 200, 403));
    }

    Stream<Arguments> matrix() {
        return PermissionMatrix.cases(rows());
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("matrix")
    void answersEachRoleAsTheOutreachRulesSay(String caller, Row row, int expected) {
        String token = "NONE".equals(caller) ? null : people.get(Role.valueOf(caller)).accessToken();

        Api.Reply reply = api.send(row.method(), row.path(), row.body(), token);

        assertThat(reply.status()).as("%s %s: %s", caller, row, reply.body()).isEqualTo(expected);
    }

    @Test
    void everyMemberMayBringAFriendAndNoOneElseMayAddAContact() {
        for (Role role : List.of(Role.MEMBER, Role.FACILITATOR, Role.PTM, Role.SUPPORT)) {
            assertThat(contact(org.member(role), email(), null).status()).as("%s", role).isEqualTo(201);
        }
        // Organisers add men they met anywhere: they say where, and how he consented.
        for (Role role : List.of(Role.ADMIN, Role.LEADERSHIP)) {
            assertThat(contact(org.member(role), email(), null).status()).as("%s without a source", role).isEqualTo(422);
            assertThat(contact(org.member(role), email(), "Talk").status()).as("%s", role).isEqualTo(201);
        }
        assertThat(api.post("/api/v1/contacts", Map.of("email", email(), "firstName", "X", "consent", true), null).status()).isEqualTo(401);
    }
}
