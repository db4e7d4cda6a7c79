package io.hearth.helpdesk;

import io.hearth.Api;
import io.hearth.PermissionMatrix;
import io.hearth.PermissionMatrix.Row;
import io.hearth.RealStack;
import io.hearth.identity.Org;
import io.hearth.identity.Role;
import io.hearth.infra.LocalStack;
import io.hearth.infra.MailCatcher;
import io.hearth.messaging.MailFeedback;
import io.hearth.tenancy.TenantDirectory;
import io.hearth.tenancy.TenantProvisioning;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The help desk through the API: a ticket answered, waiting for the member and resumed by his reply in the app and by
 * mail (threaded by Message-ID, posted signed as the mail provider's hook would); internal notes; care tickets that
 * reach only the men trained for them; assignment, merge and split; who may do what; isolation.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HelpdeskIT implements RealStack {

    @Inject @Client("/") HttpClient client;
    @Inject TenantProvisioning provisioning;
    @Inject TenantDirectory directory;
    Org org;
    Api api;
    Api platform;
    Org.Member admin;
    Org.Member support;
    Org.Member care;
    String general;
    String struggling;

    @BeforeAll
    void organisation() {
        org = Org.create(provisioning, directory, client, "helpdesk");
        api = org.api();
        platform = new Api(client, "localhost");
        admin = org.admin();
        support = org.member(Role.SUPPORT);
        care = org.member(Role.CARE);
        general = category("General questions", false, 60, 24 * 60);
        struggling = category("I'm struggling", true, 30, null);
    }

    private String category(String name, boolean isCare, Integer firstResponse, Integer resolution) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("care", isCare);
        body.put("firstResponseMinutes", firstResponse);
        body.put("resolutionMinutes", resolution);
        Api.Reply reply = api.post("/api/v1/ticket-categories", body, admin.accessToken());
        assertThat(reply.status()).as("%s", reply.body()).isEqualTo(201);
        return reply.string("id");
    }

    private Api.Reply open(Org.Member man, String category, String subject, String body) {
        return api.post("/api/v1/tickets", Map.of("categoryId", category, "subject", subject, "body", body), man.accessToken());
    }

    private Api.Reply write(String ticket, Org.Member man, String body, boolean internal, String status) {
        Map<String, Object> request = new HashMap<>();
        request.put("body", body);
        request.put("internal", internal);
        if (status != null) {
            request.put("status", status);
        }
        return api.post("/api/v1/tickets/" + ticket + "/messages", request, man.accessToken());
    }

    private static MailCatcher.Mail mailTo(Org.Member man, String containing) {
        await("the mail to " + man.email() + " with " + containing).atMost(Duration.ofSeconds(20)).until(() -> findMail(man, containing) != null);
        return findMail(man, containing);
    }

    private static MailCatcher.Mail findMail(Org.Member man, String containing) {
        return RealStack.stack().mailCatcher().messages().stream().filter(m -> m.to().contains(man.email()) && m.body().contains(containing))
                .reduce((first, second) -> second).orElse(null);
    }

    /** A reply as a mail client writes it: his words above the quoted mail, In-Reply-To the mail he answers. */
    private static String reply(String from, String inReplyTo, String words) {
        return "From: Member <" + from + ">\r\n"
                + "To: support@hearth.example\r\n"
                + "Subject: Re: your ticket\r\n"
                + "Message-ID: <" + UUID.randomUUID() + "@mail.member.example>\r\n"
                + "In-Reply-To: " + inReplyTo + "\r\n"
                + "References: " + inReplyTo + "\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n"
                + "\r\n"
                + words + "\r\n"
                + "\r\n"
                + "On Mon, 7 Dec 2026 at 10:00, Hearth <hearth@hearth.local> wrote:\r\n"
                + "> Support answered: the quoted mail\r\n";
    }

    private Api.Reply inbound(String raw, boolean signed) {
        byte[] body = raw.getBytes(StandardCharsets.UTF_8);
        MutableHttpRequest<byte[]> request = HttpRequest.POST("/api/v1/mail/inbound", body).contentType("message/rfc822");
        if (signed) {
            request.header("X-Hearth-Signature", MailFeedback.signature(LocalStack.MAIL_FEEDBACK_SECRET, body));
        }
        return platform.send(request);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> level(Api.Reply ticket) {
        return (Map<String, Object>) ticket.body().get("serviceLevel");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> messages(Api.Reply ticket) {
        return (List<Map<String, Object>>) (List<?>) ticket.list("messages");
    }

    @Test
    void aMemberOpensATicketAndIsMailedAMessageIdHisReplyWillQuote() {
        Org.Member andy = org.member();

        Api.Reply ticket = open(andy, general, "My dues were taken twice", "I see two payments for November.");

        assertThat(ticket.status()).as("%s", ticket.body()).isEqualTo(201);
        assertThat(ticket.string("status")).isEqualTo("NEW");
        assertThat(ticket.string("categoryName")).isEqualTo("General questions");
        assertThat(ticket.body()).containsEntry("handler", false).doesNotContainKey("serviceLevel");
        assertThat(messages(ticket)).singleElement().satisfies(m -> assertThat(m).containsEntry("body", "I see two payments for November.")
                .containsEntry("byRequester", true).containsEntry("via", "APP"));
        MailCatcher.Mail mail = mailTo(andy, "I see two payments for November.");
        assertThat(mail.subject()).isEqualTo("[#" + ((Number) ticket.body().get("number")).longValue() + "] My dues were taken twice");
        assertThat(mail.header("Message-ID").orElseThrow()).startsWith("<h." + org.tenant().id().value() + ".ticket-" + ticket.string("id") + ".");
        assertThat(api.get("/api/v1/tickets", andy.accessToken()).list("items")).extracting(t -> (Object) ((Map<?, ?>) t).get("id"))
                .containsExactly(ticket.string("id"));
    }

    @Test
    void supportsAnswerWaitsForTheMemberAndHisMailReplyStartsTheClockAgain() {
        Org.Member ben = org.member();
        String id = open(ben, general, "Cannot find the retreat", "Where is the spring retreat?").string("id");

        Api.Reply answered = write(id, support, "It opens for registration on Friday; can you check then?", false, "WAITING_FOR_MEMBER");

        assertThat(answered.status()).as("%s", answered.body()).isEqualTo(201);
        assertThat(answered.string("status")).isEqualTo("WAITING_FOR_MEMBER");
        assertThat(level(answered)).containsEntry("paused", true).containsEntry("firstResponseBreached", false);
        assertThat(level(answered).get("firstResponseAt")).isNotNull();
        MailCatcher.Mail mail = mailTo(ben, "It opens for registration on Friday");
        String threadId = mail.header("Message-ID").orElseThrow();

        Api.Reply taken = inbound(reply(ben.email(), threadId, "Found it, thank you!"), true);
        Api.Reply again = inbound(reply(ben.email(), threadId, "Found it, thank you!").replaceFirst("Message-ID: <[^>]+>",
                "Message-ID: " + "<dup-" + UUID.randomUUID() + "@x>"), true);

        assertThat(taken.status()).as("%s", taken.body()).isEqualTo(200);
        assertThat(taken.string("outcome")).isEqualTo("ACTED");
        assertThat(again.status()).isEqualTo(200);
        Api.Reply after = api.get("/api/v1/tickets/" + id, support.accessToken());
        assertThat(after.string("status")).isEqualTo("OPEN");
        assertThat(level(after)).containsEntry("paused", false);
        List<Map<String, Object>> words = messages(after);
        assertThat(words).filteredOn(m -> "MAIL".equals(m.get("via"))).hasSize(2).allSatisfy(m -> assertThat(m)
                .containsEntry("body", "Found it, thank you!").containsEntry("byRequester", true));
        assertThat(words).noneMatch(m -> String.valueOf(m.get("body")).contains("quoted mail"));
    }

    @Test
    void aMailReplyWithAPhotoAttachedIsTakenForItsWordsAndAMailOverTwentyFiveMegabytesIs413() {
        Org.Member gus = org.member();
        String id = open(gus, general, "Broken link", "The retreat page shows an error.").string("id");
        write(id, support, "Could you send a screenshot?", false, "WAITING_FOR_MEMBER");
        String threadId = mailTo(gus, "Could you send a screenshot?").header("Message-ID").orElseThrow();
        byte[] photo = new byte[6 * 1024 * 1024];
        new java.util.Random(6).nextBytes(photo);
        String base64 = java.util.Base64.getMimeEncoder().encodeToString(photo);
        String withPhoto = reply(gus.email(), threadId, "Here it is, attached.")
                .replace("Content-Type: text/plain; charset=UTF-8\r\n\r\n", "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n--b1\r\n"
                        + "Content-Type: text/plain; charset=UTF-8\r\n\r\n")
                + "--b1\r\nContent-Type: image/png; name=\"screenshot.png\"\r\nContent-Disposition: attachment; filename=\"screenshot.png\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + base64 + "\r\n--b1--\r\n";

        Api.Reply taken = inbound(withPhoto, true);
        Api.Reply tooLarge = inbound(reply(gus.email(), threadId, "x".repeat(25 * 1024 * 1024)), true);

        assertThat(withPhoto.length()).isGreaterThan(8 * 1024 * 1024);
        assertThat(taken.status()).as("%s", taken.body()).isEqualTo(200);
        assertThat(taken.string("outcome")).isEqualTo("ACTED");
        assertThat(messages(api.get("/api/v1/tickets/" + id, support.accessToken()))).filteredOn(m -> "MAIL".equals(m.get("via")))
                .singleElement().satisfies(m -> assertThat(m).containsEntry("body", "Here it is, attached."));
        assertThat(tooLarge.status()).as("%s", tooLarge.body()).isEqualTo(413);
        assertThat(tooLarge.code()).isEqualTo("PAYLOAD_TOO_LARGE");
    }

    @Test
    void theSameMailReplyPostedTwiceCountsOnce() {
        Org.Member carl = org.member();
        String id = open(carl, general, "Password", "I cannot sign in.").string("id");
        write(id, support, "I sent you a reset link.", false, "WAITING_FOR_MEMBER");
        String threadId = mailTo(carl, "I sent you a reset link.").header("Message-ID").orElseThrow();
        String raw = reply(carl.email(), threadId, "It worked.");

        inbound(raw, true);
        Api.Reply second = inbound(raw, true);

        assertThat(second.status()).isEqualTo(200);
        assertThat(messages(api.get("/api/v1/tickets/" + id, carl.accessToken()))).filteredOn(m -> "MAIL".equals(m.get("via"))).hasSize(1);
    }

    @Test
    void aMailReplyFromAnotherAddressOrUnsignedIsNotTaken() {
        Org.Member dan = org.member();
        Org.Member eve = org.member();
        String id = open(dan, general, "Refund", "Please refund the movie night.").string("id");
        write(id, support, "Which movie night?", false, "WAITING_FOR_MEMBER");
        String threadId = mailTo(dan, "Which movie night?").header("Message-ID").orElseThrow();

        Api.Reply stranger = inbound(reply(eve.email(), threadId, "I am not Dan."), true);
        Api.Reply unsigned = inbound(reply(dan.email(), threadId, "Unsigned."), false);
        Api.Reply onAnOrganisationsHost = api.send(HttpRequest.POST("/api/v1/mail/inbound", reply(dan.email(), threadId, "Wrong host.")
                .getBytes(StandardCharsets.UTF_8)).contentType("message/rfc822"));

        assertThat(stranger.string("outcome")).isEqualTo("IGNORED");
        assertThat(unsigned.status()).isEqualTo(403);
        assertThat(unsigned.code()).isEqualTo("MAIL_FEEDBACK_SIGNATURE_INVALID");
        assertThat(onAnOrganisationsHost.status()).isEqualTo(404);
        Api.Reply after = api.get("/api/v1/tickets/" + id, support.accessToken());
        assertThat(after.string("status")).isEqualTo("WAITING_FOR_MEMBER");
        assertThat(messages(after)).hasSize(2);
    }

    @Test
    void hisReplyInTheAppStartsTheClockAgainAndReopensASolvedTicket() {
        Org.Member fred = org.member();
        String id = open(fred, general, "Circle time", "Can my circle meet on Tuesdays?").string("id");
        assertThat(api.put("/api/v1/tickets/" + id, Map.of("status", "WAITING_FOR_MEMBER"), support.accessToken()).string("status"))
                .isEqualTo("WAITING_FOR_MEMBER");

        Api.Reply replied = write(id, fred, "Any Tuesday evening works.", false, null);
        Api.Reply solved = api.put("/api/v1/tickets/" + id, Map.of("status", "SOLVED"), support.accessToken());
        Api.Reply reopened = write(id, fred, "One more thing.", false, null);

        assertThat(replied.status()).isEqualTo(201);
        assertThat(replied.string("status")).isEqualTo("OPEN");
        assertThat(level(api.get("/api/v1/tickets/" + id, support.accessToken()))).containsEntry("paused", false);
        assertThat(solved.string("status")).isEqualTo("SOLVED");
        assertThat(level(solved).get("solvedAt")).isNotNull();
        assertThat(reopened.string("status")).isEqualTo("OPEN");
        assertThat(level(api.get("/api/v1/tickets/" + id, support.accessToken())).get("solvedAt")).isNull();
    }

    @Test
    void internalNotesAreForHandlersAlone() {
        Org.Member gus = org.member();
        String id = open(gus, general, "Event fee", "Can I pay in parts?").string("id");

        Api.Reply note = write(id, support, "Check the scholarship fund first.", true, null);
        Api.Reply hisNote = write(id, gus, "A note of mine", true, null);

        assertThat(note.status()).isEqualTo(201);
        assertThat(note.string("status")).as("a note is no first response").isEqualTo("NEW");
        assertThat(level(note).get("firstResponseAt")).isNull();
        assertThat(messages(note)).anyMatch(m -> Boolean.TRUE.equals(m.get("internal")));
        assertThat(messages(api.get("/api/v1/tickets/" + id, gus.accessToken()))).singleElement()
                .satisfies(m -> assertThat(m).containsEntry("internal", false));
        assertThat(hisNote.status()).isEqualTo(403);
        assertThat(findMail(gus, "scholarship fund")).isNull();
    }

    @Test
    void aCareTicketReachesOnlyTheMenTrainedForIt() {
        Org.Member hal = org.member();
        Org.Member leader = org.member(Role.LEADERSHIP);

        Api.Reply ticket = open(hal, struggling, "Hard weeks", "I have not been sleeping and things feel heavy.");
        String id = ticket.string("id");

        assertThat(ticket.status()).isEqualTo(201);
        assertThat(ticket.body()).containsEntry("care", true);
        for (Org.Member stranger : List.of(support, admin, leader)) {
            assertThat(api.get("/api/v1/tickets/" + id, stranger.accessToken()).status()).isEqualTo(404);
            assertThat(write(id, stranger, "Hello", true, null).status()).isEqualTo(404);
        }
        assertThat(api.get("/api/v1/tickets?queue=true", support.accessToken()).list("items"))
                .noneMatch(t -> id.equals(((Map<?, ?>) t).get("id")));
        assertThat(api.get("/api/v1/tickets?queue=true", care.accessToken()).list("items"))
                .extracting(t -> (Object) ((Map<?, ?>) t).get("id")).contains(id);
        assertThat(api.get("/api/v1/tickets?queue=true", care.accessToken()).list("items"))
                .allMatch(t -> Boolean.TRUE.equals(((Map<?, ?>) t).get("care")));
        Api.Reply answered = write(id, care, "Thank you for telling us. Can I call you tonight?", false, null);
        assertThat(answered.status()).isEqualTo(201);
        MailCatcher.Mail mail = mailTo(hal, "answered your message");
        assertThat(mail.body()).doesNotContain("Can I call you tonight").doesNotContain("sleeping");
        assertThat(mail.subject()).doesNotContain("Hard weeks");
        await("care is told of the ticket, support is not").atMost(Duration.ofSeconds(20)).until(() -> api.get("/api/v1/notifications",
                care.accessToken()).list("items").stream().anyMatch(n -> String.valueOf(((Map<?, ?>) n).get("link")).equals("/tickets/" + id)));
        assertThat(api.get("/api/v1/notifications", support.accessToken()).list("items"))
                .noneMatch(n -> String.valueOf(((Map<?, ?>) n).get("link")).equals("/tickets/" + id));
        Api.Reply report = api.get("/api/v1/reports/tickets", leader.accessToken());
        assertThat(report.status()).isEqualTo(200);
        assertThat(report.body().toString()).doesNotContain("Hard weeks").doesNotContain(hal.id().toString());
    }

    @Test
    void aTicketIsAssignedOnlyToSomeoneWhoHandlesItsKind() {
        Org.Member ian = org.member();
        String ordinary = open(ian, general, "Address", "Please change my address.").string("id");
        String caring = open(ian, struggling, "Lonely", "I feel alone.").string("id");
        Map<String, Object> toMember = new HashMap<>(Map.of("status", "OPEN", "assigneeId", ian.id().toString()));
        Map<String, Object> toSupport = new HashMap<>(Map.of("status", "OPEN", "assigneeId", support.id().toString()));
        Map<String, Object> toCare = new HashMap<>(Map.of("status", "OPEN", "assigneeId", care.id().toString()));

        Api.Reply memberAssigned = api.put("/api/v1/tickets/" + ordinary, toMember, support.accessToken());
        Api.Reply supportAssigned = api.put("/api/v1/tickets/" + ordinary, toSupport, admin.accessToken());
        Api.Reply supportOnCare = api.put("/api/v1/tickets/" + caring, toSupport, care.accessToken());
        Api.Reply careOnCare = api.put("/api/v1/tickets/" + caring, toCare, care.accessToken());

        assertThat(memberAssigned.status()).isEqualTo(422);
        assertThat(memberAssigned.code()).isEqualTo("VALIDATION_ERROR");
        assertThat(supportAssigned.status()).isEqualTo(200);
        assertThat(supportAssigned.string("assigneeId")).isEqualTo(support.id().toString());
        assertThat(supportOnCare.status()).isEqualTo(422);
        assertThat(careOnCare.status()).isEqualTo(200);
        assertThat(api.get("/api/v1/tickets?queue=true&assigneeId=" + support.id(), support.accessToken()).list("items"))
                .extracting(t -> (Object) ((Map<?, ?>) t).get("id")).containsExactly(ordinary);
        await("the man assigned is told").atMost(Duration.ofSeconds(20)).until(() -> api.get("/api/v1/notifications", support.accessToken())
                .list("items").stream().anyMatch(n -> String.valueOf(((Map<?, ?>) n).get("title")).equals("Ticket #"
                        + ((Number) supportAssigned.body().get("number")).longValue() + " is yours")));
    }

    @Test
    void ticketsOfOneManMergeAndSplit() {
        Org.Member jim = org.member();
        Org.Member kev = org.member();
        String first = open(jim, general, "Dues", "My dues failed.").string("id");
        String second = open(jim, general, "Dues again", "Also, can I change my card?").string("id");
        String kevs = open(kev, general, "Other", "Something else.").string("id");
        String caring = open(jim, struggling, "Down", "Not great.").string("id");

        Api.Reply notHis = api.post("/api/v1/tickets/" + second + "/merge", Map.of("intoId", kevs), support.accessToken());
        Api.Reply careWithOrdinary = api.post("/api/v1/tickets/" + caring + "/merge", Map.of("intoId", first), care.accessToken());
        Api.Reply merged = api.post("/api/v1/tickets/" + second + "/merge", Map.of("intoId", first), support.accessToken());
        Api.Reply mergedAgain = api.post("/api/v1/tickets/" + second + "/merge", Map.of("intoId", first), support.accessToken());
        Api.Reply hisReplyToTheOld = write(second, jim, "Did you see my card question?", false, null);

        assertThat(notHis.status()).isEqualTo(409);
        assertThat(notHis.code()).isEqualTo("TICKET_NOT_MERGEABLE");
        assertThat(careWithOrdinary.status()).as("care does not see the ordinary ticket").isEqualTo(404);
        assertThat(merged.status()).isEqualTo(200);
        assertThat(merged.string("id")).isEqualTo(first);
        assertThat(messages(merged)).extracting(m -> m.get("body")).containsExactly("My dues failed.", "Also, can I change my card?");
        assertThat(mergedAgain.status()).isEqualTo(409);
        Api.Reply old = api.get("/api/v1/tickets/" + second, jim.accessToken());
        assertThat(old.string("status")).isEqualTo("CLOSED");
        assertThat(old.string("mergedIntoId")).isEqualTo(first);
        assertThat(hisReplyToTheOld.string("id")).as("his reply goes to the ticket it was merged into").isEqualTo(first);
        assertThat(api.put("/api/v1/tickets/" + second, Map.of("status", "OPEN"), support.accessToken()).code()).isEqualTo("TICKET_MERGED");

        String cardQuestion = (String) messages(api.get("/api/v1/tickets/" + first, support.accessToken())).get(1).get("id");
        Api.Reply split = api.post("/api/v1/tickets/" + first + "/split", Map.of("messageIds", List.of(cardQuestion), "subject", "Change of card"),
                support.accessToken());
        Api.Reply everything = api.post("/api/v1/tickets/" + first + "/split", Map.of("messageIds",
                messages(api.get("/api/v1/tickets/" + first, support.accessToken())).stream().map(m -> m.get("id")).toList()), support.accessToken());

        assertThat(split.status()).as("%s", split.body()).isEqualTo(201);
        assertThat(split.string("subject")).isEqualTo("Change of card");
        assertThat(split.string("requesterId")).isEqualTo(jim.id().toString());
        assertThat(messages(split)).extracting(m -> m.get("body")).containsExactly("Also, can I change my card?");
        assertThat(messages(api.get("/api/v1/tickets/" + first, jim.accessToken()))).extracting(m -> m.get("body"))
                .containsExactly("My dues failed.", "Did you see my card question?");
        assertThat(everything.status()).isEqualTo(422);
    }

    @Test
    void aRepeatedOpeningOrMessageWithTheSameIdempotencyKeyCountsOnce() {
        Org.Member lou = org.member();
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("categoryId", general, "subject", "Once", "body", "Only once, please.");

        Api.Reply first = api.send(HttpRequest.POST("/api/v1/tickets", body).bearerAuth(lou.accessToken()).header("Idempotency-Key", key));
        Api.Reply second = api.send(HttpRequest.POST("/api/v1/tickets", body).bearerAuth(lou.accessToken()).header("Idempotency-Key", key));
        String id = first.string("id");
        String messageKey = UUID.randomUUID().toString();
        Map<String, Object> answer = Map.of("body", "Answered once.");
        api.send(HttpRequest.POST("/api/v1/tickets/" + id + "/messages", answer).bearerAuth(support.accessToken()).header("Idempotency-Key", messageKey));
        api.send(HttpRequest.POST("/api/v1/tickets/" + id + "/messages", answer).bearerAuth(support.accessToken()).header("Idempotency-Key", messageKey));

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.string("id")).isEqualTo(id);
        assertThat(api.get("/api/v1/tickets", lou.accessToken()).list("items")).hasSize(1);
        assertThat(messages(api.get("/api/v1/tickets/" + id, lou.accessToken()))).extracting(m -> m.get("body"))
                .containsExactly("Only once, please.", "Answered once.");
        await("one mail for the one answer").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(20)).until(() ->
                RealStack.stack().mailCatcher().messages().stream().filter(m -> m.to().contains(lou.email()) && m.body().contains("Answered once."))
                        .count() == 1);
    }

    @Test
    void badInputGetsAProblemWithAStableCode() {
        Org.Member max = org.member();
        String archived = category("Old " + UUID.randomUUID().toString().substring(0, 6), false, null, null);
        assertThat(api.delete("/api/v1/ticket-categories/" + archived, admin.accessToken()).status()).isEqualTo(204);
        String id = open(max, general, "Fine", "A fine ticket.").string("id");

        List<Api.Reply> invalid = new ArrayList<>(List.of(
                open(max, general, " ", "No subject."),
                open(max, general, "x".repeat(201), "Too long a subject."),
                open(max, general, "Empty", "   "),
                open(max, UUID.randomUUID().toString(), "Unknown", "No such category."),
                open(max, archived, "Archived", "An archived category."),
                api.post("/api/v1/ticket-categories", Map.of("name", "General questions"), admin.accessToken()),
                api.post("/api/v1/ticket-categories", Map.of("name", "Slow", "firstResponseMinutes", 60, "resolutionMinutes", 30), admin.accessToken()),
                api.post("/api/v1/ticket-categories", Map.of("name", "Never", "firstResponseMinutes", 0), admin.accessToken()),
                api.put("/api/v1/tickets/" + id, Map.of("status", "NEW", "assigneeId", UUID.randomUUID().toString()), support.accessToken()),
                api.post("/api/v1/tickets/" + id + "/split", Map.of("messageIds", List.of(UUID.randomUUID().toString())), support.accessToken())));
        List<Api.Reply> malformed = List.of(
                api.post("/api/v1/tickets", Map.of("categoryId", "not-a-uuid", "subject", "S", "body", "B"), max.accessToken()),
                api.put("/api/v1/tickets/" + id, Map.of("status", "PENDING"), support.accessToken()),
                api.send(HttpRequest.POST("/api/v1/tickets", "{\"subject\": ").contentType(MediaType.APPLICATION_JSON_TYPE).bearerAuth(max.accessToken())),
                api.post("/api/v1/tickets", Map.of("subject", "No category", "body", "B"), max.accessToken()));

        for (Api.Reply reply : invalid) {
            assertThat(reply.status()).as("%s", reply.body()).isEqualTo(422);
            assertThat(reply.code()).isEqualTo("VALIDATION_ERROR");
        }
        for (Api.Reply reply : malformed) {
            assertThat(reply.status()).as("%s", reply.body()).isIn(400, 422);
            assertThat(reply.code()).isEqualTo("VALIDATION_ERROR");
        }
        assertThat(api.get("/api/v1/tickets/" + UUID.randomUUID(), support.accessToken()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/tickets", max.accessToken()).list("items")).hasSize(1);
    }

    @Test
    void aTicketOfOneOrganisationIsNothingInAnother() {
        Org.Member ned = org.member();
        String id = open(ned, general, "Mine", "In organisation A.").string("id");
        Org other = Org.create(provisioning, directory, client, "helpdesk-b");
        Org.Member adminB = other.admin();
        Org.Member supportB = other.member(Role.SUPPORT);
        Api inB = other.api();

        assertThat(inB.get("/api/v1/tickets/" + id, supportB.accessToken()).status()).isEqualTo(404);
        assertThat(inB.get("/api/v1/tickets?queue=true", supportB.accessToken()).list("items")).isEmpty();
        assertThat(inB.post("/api/v1/tickets/" + id + "/messages", Map.of("body", "Hello"), supportB.accessToken()).status()).isEqualTo(404);
        assertThat(inB.put("/api/v1/tickets/" + id, Map.of("status", "SOLVED"), supportB.accessToken()).status()).isEqualTo(404);
        assertThat(inB.get("/api/v1/ticket-categories", adminB.accessToken()).list("items")).isEmpty();
        assertThat(inB.post("/api/v1/tickets", Map.of("categoryId", general, "subject", "S", "body", "B"), adminB.accessToken()).status())
                .isEqualTo(422);
        assertThat(inB.get("/api/v1/reports/tickets", adminB.accessToken()).list("items")).isEmpty();
        assertThat(inB.get("/api/v1/tickets/" + id, ned.accessToken()).status()).as("A's token on B's host").isEqualTo(401);
        assertThat(api.get("/api/v1/tickets/" + id, ned.accessToken()).status()).isEqualTo(200);
    }

    // The permission matrix, with CARE beside the usual callers. `ordinary` and `caring` are another member's tickets;
    // `theirs` is a third man's, so that a merge is refused after the check of who may merge (409 for handlers).
    static final List<String> CALLERS = Stream.concat(PermissionMatrix.CALLERS.stream(), Stream.of("CARE")).toList();
    final Map<Role, Org.Member> people = new EnumMap<>(Role.class);
    String ordinary;
    String caring;
    String theirs;
    String matrixCategory;

    List<Row> rows() {
        if (people.isEmpty()) {
            for (Role role : Role.values()) {
                people.put(role, org.member(role));
            }
            Org.Member asker = org.member();
            ordinary = open(asker, general, "Matrix", "An ordinary ticket.").string("id");
            caring = open(asker, struggling, "Matrix care", "A care ticket.").string("id");
            theirs = open(org.member(), general, "Another's", "Another man's ticket.").string("id");
            matrixCategory = category("Matrix " + UUID.randomUUID().toString().substring(0, 6), false, null, null);
        }
        String t = "/api/v1/tickets/" + ordinary;
        String c = "/api/v1/tickets/" + caring;
        Map<String, Object> note = Map.of("body", "A note", "internal", true);
        Map<String, Object> open = Map.of("status", "OPEN");
        Map<String, Object> newCategory = Map.of("name", "Matrix new " + UUID.randomUUID().toString().substring(0, 6));
        Map<String, Object> sameCategory = Map.of("name", "Matrix same " + UUID.randomUUID().toString().substring(0, 6));
        return List.of(
                new Row(HttpMethod.GET, "/api/v1/ticket-categories", null, 401, 200, 200, 200, 200, 200, 200, 200),
                new Row(HttpMethod.POST, "/api/v1/ticket-categories", newCategory, 401, 403, 403, 403, 201, 403, 403, 403),
                new Row(HttpMethod.PUT, "/api/v1/ticket-categories/" + matrixCategory, sameCategory, 401, 403, 403, 403, 200, 403, 403, 403),
                new Row(HttpMethod.POST, "/api/v1/tickets", Map.of("categoryId", general, "subject", "Matrix", "body", "Hello"),
                        401, 201, 201, 201, 201, 201, 201, 201),
                new Row(HttpMethod.GET, "/api/v1/tickets", null, 401, 200, 200, 200, 200, 200, 200, 200),
                new Row(HttpMethod.GET, "/api/v1/tickets?queue=true", null, 401, 403, 403, 403, 200, 403, 200, 200),
                new Row(HttpMethod.GET, t, null, 401, 404, 404, 404, 200, 404, 200, 404),
                new Row(HttpMethod.GET, c, null, 401, 404, 404, 404, 404, 404, 404, 200),
                new Row(HttpMethod.POST, t + "/messages", note, 401, 404, 404, 404, 201, 404, 201, 404),
                new Row(HttpMethod.POST, c + "/messages", note, 401, 404, 404, 404, 404, 404, 404, 201),
                new Row(HttpMethod.PUT, t, open, 401, 404, 404, 404, 200, 404, 200, 404),
                new Row(HttpMethod.PUT, c, open, 401, 404, 404, 404, 404, 404, 404, 200),
                new Row(HttpMethod.POST, t + "/merge", Map.of("intoId", theirs), 401, 404, 404, 404, 409, 404, 409, 404),
                new Row(HttpMethod.POST, t + "/split", Map.of("messageIds", List.of(UUID.randomUUID().toString())), 401, 404, 404, 404, 422, 404, 422, 404),
                new Row(HttpMethod.GET, "/api/v1/reports/tickets", null, 401, 403, 403, 403, 200, 200, 403, 403),
                new Row(HttpMethod.DELETE, "/api/v1/ticket-categories/" + matrixCategory, null, 401, 403, 403, 403, 204, 403, 403, 403));
    }

    Stream<Arguments> matrix() {
        return PermissionMatrix.cases(CALLERS, rows());
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("matrix")
    void answersEachRoleAsTheHelpDeskRulesSay(String caller, Row row, int expected) {
        String token = "NONE".equals(caller) ? null : people.get(Role.valueOf(caller)).accessToken();

        Api.Reply reply = api.send(row.method(), row.path(), row.body(), token);

        assertThat(reply.status()).as("%s %s: %s", caller, row, reply.body()).isEqualTo(expected);
    }
}
