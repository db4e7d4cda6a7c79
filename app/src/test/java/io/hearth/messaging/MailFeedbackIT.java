package io.hearth.messaging;

import io.hearth.Api;
import io.hearth.RealStack;
import io.hearth.identity.Org;
import io.hearth.identity.Role;
import io.hearth.infra.LocalStack;
import io.hearth.infra.MailCatcher;
import io.hearth.messaging.internal.MailFeedbackReportTest;
import io.hearth.tenancy.TenantDirectory;
import io.hearth.tenancy.TenantProvisioning;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Reports that come back after a mail was sent, posted as a provider's inbound hook would: a late hard bounce
 * unconfirms the address and tells him; a complaint stops his mail and tells him; a report is believed only for the
 * address its quoted X-Hearth-Ref was made for, and only when signed.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MailFeedbackIT implements RealStack {

    @Inject @Client("/") HttpClient client;
    @Inject TenantProvisioning provisioning;
    @Inject TenantDirectory directory;
    Org org;
    Api api;
    Api platform;
    Org.Member leader;

    @BeforeAll
    void organisation() {
        org = Org.create(provisioning, directory, client, "feedback");
        api = org.api();
        platform = new Api(client, "localhost");
        leader = org.member(Role.LEADERSHIP);
    }

    /** The X-Hearth-Ref of the announcement's mail to him, as the mail catcher received it. */
    String refOfMailTo(Org.Member man, String title) {
        await("the mail to " + man.email()).atMost(Duration.ofSeconds(15)).until(() -> mail(man, title) != null);
        return mail(man, title).header("X-Hearth-Ref").orElseThrow();
    }

    static MailCatcher.Mail mail(Org.Member man, String title) {
        return RealStack.stack().mailCatcher().messages().stream().filter(m -> m.to().contains(man.email()) && m.subject().equals(title))
                .findFirst().orElse(null);
    }

    String announce() {
        String title = "Feedback " + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.post("/api/v1/announcements", Map.of("title", title, "body", "To all.", "audience", "ORGANISATION"), leader.accessToken())
                .status()).isEqualTo(201);
        return title;
    }

    Api.Reply report(Api to, String raw, boolean signed) {
        byte[] body = raw.getBytes(StandardCharsets.UTF_8);
        MutableHttpRequest<byte[]> request = HttpRequest.POST("/api/v1/mail/feedback", body).contentType("message/rfc822");
        if (signed) {
            request.header("X-Hearth-Signature", MailFeedback.signature(LocalStack.MAIL_FEEDBACK_SECRET, body));
        }
        return to.send(request);
    }

    static String about(String raw, Org.Member man) {
        return raw.replace("Tom.Reed@Example.org", man.email()).replace("tom.reed@example.org", man.email());
    }

    @SuppressWarnings("unchecked")
    List<Object> titles(Org.Member man) {
        Api.Reply reply = api.get("/api/v1/notifications", man.accessToken());
        return reply.status() == 200 ? reply.list("items").stream().map(item -> ((Map<String, Object>) item).get("title")).toList() : List.of();
    }

    @Test
    void aLateHardBounceUnconfirmsHisAddressAndTellsHimButADelayOrAnotherAddressChangesNothing() {
        Org.Member man = org.member();
        Org.Member bystander = org.member();
        String ref = refOfMailTo(man, announce());

        Api.Reply delayed = report(platform, about(MailFeedbackReportTest.dsn(ref, "delayed", "4.4.7"), man), true);
        Api.Reply forged = report(platform, about(MailFeedbackReportTest.dsn(ref, "failed", "5.1.1"), bystander), true);
        Api.Reply bounced = report(platform, about(MailFeedbackReportTest.dsn(ref, "failed", "5.1.1"), man), true);

        assertThat(delayed.status()).isEqualTo(200);
        assertThat(delayed.string("outcome")).isEqualTo("IGNORED");
        assertThat(forged.string("outcome")).as("a reference made for another address").isEqualTo("IGNORED");
        assertThat(bounced.string("outcome")).isEqualTo("ACTED");
        await("his address unconfirmed").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofSeconds(1))
                .until(() -> Boolean.FALSE.equals(api.get("/api/v1/me", man.accessToken()).map("person").get("emailVerified")));
        await("he is told").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofSeconds(1))
                .until(() -> titles(man).contains("Mail to your address bounced"));
        assertThat(api.get("/api/v1/me", bystander.accessToken()).map("person").get("emailVerified")).isEqualTo(true);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aComplaintStopsHisNotificationMailRecordsItAndTellsHimHowToTurnItBackOn() {
        Org.Member man = org.member();
        String ref = refOfMailTo(man, announce());

        Api.Reply complained = report(platform, about(MailFeedbackReportTest.arf(ref, "abuse", true), man), true);

        assertThat(complained.string("outcome")).isEqualTo("ACTED");
        await("he is told").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofSeconds(1)).until(() -> titles(man).contains("We stopped mailing you"));
        assertThat(api.get("/api/v1/me/notification-preferences", man.accessToken()).list("items"))
                .contains(Map.of("kind", "ANNOUNCEMENT", "channel", "EMAIL", "level", "OFF"))
                .contains(Map.of("kind", "SAFETY", "channel", "EMAIL", "level", "ALL"));
        assertThat(api.get("/api/v1/me/export", man.accessToken()).list("consents").stream()
                .map(c -> ((Map<String, Object>) c).get("how")).toList()).contains("complaint");
        String next = announce();
        await("the next one in the app").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofSeconds(1)).until(() -> titles(man).contains(next));
        assertThat(mail(man, next)).as("no more announcement mail").isNull();
    }

    @Test
    void anUnsignedReportIsRefusedAGarbledOneIsAProblemAndAnOrganisationsHostIsNotWhereTheyGo() {
        String raw = MailFeedbackReportTest.dsn(MailFeedbackReportTest.REF, "failed", "5.1.1");

        Api.Reply unsigned = report(platform, raw, false);
        Api.Reply garbled = report(platform, "Subject: Out of office\r\n\r\nI am away.\r\n", true);
        Api.Reply onTheOrganisation = report(api, raw, true);

        assertThat(unsigned.status()).isEqualTo(403);
        assertThat(unsigned.string("code")).isEqualTo("MAIL_FEEDBACK_SIGNATURE_INVALID");
        assertThat(garbled.status()).isEqualTo(422);
        assertThat(garbled.string("code")).isEqualTo("VALIDATION_ERROR");
        assertThat(onTheOrganisation.status()).isEqualTo(404);
    }
}
