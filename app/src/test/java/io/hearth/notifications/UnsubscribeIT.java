package io.hearth.notifications;

import io.hearth.Api;
import io.hearth.RealStack;
import io.hearth.identity.Org;
import io.hearth.identity.Role;
import io.hearth.infra.MailCatcher;
import io.hearth.tenancy.TenantDirectory;
import io.hearth.tenancy.TenantProvisioning;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.multipart.MultipartBody;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Notification mail carries a one-click unsubscribe link (RFC 8058) on the organisation's host: following it shows a
 * page and changes nothing, posting it turns that mail off and records the consent withdrawn, and a link that is
 * forged or of another organisation is not found. Consents given and withdrawn show in his export.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnsubscribeIT implements RealStack {

    private static final Pattern LINK = Pattern.compile("<https?://([^/]+)(/u/[A-Za-z0-9_.-]+)>");
    private static final Pattern FORM_ACTION = Pattern.compile("<form method=\"post\" action=\"(/u/[A-Za-z0-9_.-]+)\"");

    @Inject @Client("/") HttpClient client;
    @Inject TenantProvisioning provisioning;
    @Inject TenantDirectory directory;
    Org org;
    Api api;
    Org.Member leader;

    @BeforeAll
    void organisation() {
        org = Org.create(provisioning, directory, client, "optout");
        api = org.api();
        leader = org.member(Role.LEADERSHIP);
    }

    record Page(int status, String body, String contentType) {
    }

    Page page(HttpMethod method, String path, String host, String form) {
        MutableHttpRequest<Object> request = HttpRequest.create(method, path).header(HttpHeaders.HOST, host);
        if (form != null) {
            request.body(form).contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE);
        }
        try {
            HttpResponse<String> response = client.toBlocking().exchange(request, String.class);
            return new Page(response.getStatus().getCode(), response.body(), response.getContentType().map(MediaType::toString).orElse(""));
        } catch (HttpClientResponseException e) {
            return new Page(e.getStatus().getCode(), e.getResponse().getBody(String.class).orElse(""),
                    e.getResponse().getContentType().map(MediaType::toString).orElse(""));
        }
    }

    String host() {
        return org.tenant().slug() + ".localhost";
    }

    MailCatcher.Mail announcementMailTo(Org.Member reader) {
        String title = "Summer gathering " + UUID.randomUUID().toString().substring(0, 6);
        Api.Reply posted = api.post("/api/v1/announcements", Map.of("title", title, "body", "Body of " + title, "audience", "ORGANISATION"),
                leader.accessToken());
        assertThat(posted.status()).as("post: %s", posted.body()).isEqualTo(201);
        await("the mail").atMost(Duration.ofSeconds(15)).until(() -> mailTo(reader, title) != null);
        return mailTo(reader, title);
    }

    static MailCatcher.Mail mailTo(Org.Member reader, String subject) {
        return RealStack.stack().mailCatcher().messages().stream()
                .filter(m -> m.to().contains(reader.email()) && m.subject().equals(subject)).findFirst().orElse(null);
    }

    /** The path of the mail's unsubscribe link, checked to be on the organisation's host. */
    String unsubscribePath(MailCatcher.Mail mail) {
        Matcher link = LINK.matcher(mail.header("List-Unsubscribe").orElseThrow());
        assertThat(link.matches()).as("List-Unsubscribe: %s", mail.header("List-Unsubscribe")).isTrue();
        assertThat(link.group(1)).startsWith(host());
        return link.group(2);
    }

    String emailLevel(Org.Member man, String kind) {
        return api.get("/api/v1/me/notification-preferences", man.accessToken()).list("items").stream().map(item -> (Map<?, ?>) item)
                .filter(item -> kind.equals(item.get("kind")) && "EMAIL".equals(item.get("channel")))
                .map(item -> (String) item.get("level")).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> consents(Org.Member man) {
        Api.Reply export = api.get("/api/v1/me/export", man.accessToken());
        assertThat(export.status()).as("export: %s", export.body()).isEqualTo(200);
        return export.list("consents").stream().map(entry -> (Map<String, Object>) entry).toList();
    }

    @Test
    void anAnnouncementMailCarriesAOneClickUnsubscribeLinkToTheOrganisationsHost() throws Exception {
        Org.Member reader = org.member();

        MailCatcher.Mail mail = announcementMailTo(reader);

        assertThat(unsubscribePath(mail)).startsWith("/u/");
        assertThat(mail.header("List-Unsubscribe-Post")).contains("List-Unsubscribe=One-Click");
        String json = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                URI.create(RealStack.stack().mailCatcher().httpUrl() + "/messages")).build(), BodyHandlers.ofString()).body();
        assertThat(json).as("the catcher shows each mail's headers").contains("\"headers\":{").contains("\"List-Unsubscribe-Post\":\"List-Unsubscribe=One-Click\"");
    }

    @Test
    void followingTheLinkShowsAFormThatPostsAndUnsubscribesNothing() {
        Org.Member reader = org.member();
        String path = unsubscribePath(announcementMailTo(reader));

        Page shown = page(HttpMethod.GET, path, host(), null);

        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.contentType()).startsWith("text/html");
        assertThat(shown.body()).contains("<form method=\"post\" action=\"" + path + "\"").contains("announcement");
        assertThat(emailLevel(reader, "ANNOUNCEMENT")).isEqualTo("ALL");
        assertThat(consents(reader)).isEmpty();
    }

    @Test
    void aOneClickPostTurnsThatMailOffAndRecordsTheConsentWithdrawn() {
        Org.Member reader = org.member();
        String path = unsubscribePath(announcementMailTo(reader));

        Page done = page(HttpMethod.POST, path, host(), "List-Unsubscribe=One-Click");

        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(done.contentType()).startsWith("text/html");
        assertThat(done.body()).contains("unsubscribed");
        assertThat(emailLevel(reader, "ANNOUNCEMENT")).isEqualTo("OFF");
        assertThat(emailLevel(reader, "JOIN_REQUEST")).as("other kinds stay").isEqualTo("ALL");
        assertThat(consents(reader)).singleElement().satisfies(consent -> {
            assertThat(consent).containsEntry("channel", "EMAIL").containsEntry("kind", "ANNOUNCEMENT").containsEntry("given", false)
                    .containsEntry("how", "unsubscribe-link").containsKey("at");
        });
        assertThat(page(HttpMethod.POST, path, host(), "List-Unsubscribe=One-Click").status()).as("posted twice").isEqualTo(200);
        assertThat(consents(reader)).as("nothing more was withdrawn").hasSize(1);
    }

    @Test
    void aOneClickPostAsMultipartFormDataWorksToo() {
        Org.Member reader = org.member();
        String path = unsubscribePath(announcementMailTo(reader));
        MutableHttpRequest<MultipartBody> request = HttpRequest.POST(path, MultipartBody.builder().addPart("List-Unsubscribe", "One-Click").build())
                .contentType(MediaType.MULTIPART_FORM_DATA_TYPE).header(HttpHeaders.HOST, host());

        HttpResponse<String> done = client.toBlocking().exchange(request, String.class);

        assertThat(done.getStatus().getCode()).isEqualTo(200);
        assertThat(emailLevel(reader, "ANNOUNCEMENT")).isEqualTo("OFF");
    }

    @Test
    void theLinkForAllNotificationMailTurnsEveryKindButTheMustReachOneOff() {
        Org.Member reader = org.member();
        String path = unsubscribePath(announcementMailTo(reader));
        Matcher forms = FORM_ACTION.matcher(page(HttpMethod.GET, path, host(), null).body());
        assertThat(forms.find()).isTrue();
        assertThat(forms.find()).as("a second form, for every kind").isTrue();
        String everyKind = forms.group(1);

        Page done = page(HttpMethod.POST, everyKind, host(), "List-Unsubscribe=One-Click");

        assertThat(done.status()).isEqualTo(200);
        assertThat(done.body()).contains("all notification mail");
        for (NotificationKind kind : NotificationKind.values()) {
            assertThat(emailLevel(reader, kind.name())).as(kind.name()).isEqualTo(kind.safety() ? "ALL" : "OFF");
        }
        assertThat(consents(reader)).singleElement().satisfies(consent -> assertThat(consent).doesNotContainKey("kind")
                .containsEntry("given", false).containsEntry("how", "unsubscribe-link"));
    }

    @Test
    void aForgedOrForeignLinkIsNotFoundAndChangesNothing() {
        Org.Member reader = org.member();
        String path = unsubscribePath(announcementMailTo(reader));
        String token = path.substring("/u/".length());
        String forged = (token.charAt(3) == 'A' ? "B" : "A");
        forged = token.substring(0, 3) + forged + token.substring(4);
        Org other = Org.create(provisioning, directory, client, "optother");

        assertThat(page(HttpMethod.POST, "/u/" + forged, host(), "List-Unsubscribe=One-Click").status()).isEqualTo(404);
        assertThat(page(HttpMethod.GET, "/u/" + forged, host(), null).status()).isEqualTo(404);
        assertThat(page(HttpMethod.POST, "/u/not-a-token", host(), "List-Unsubscribe=One-Click").status()).isEqualTo(404);
        assertThat(page(HttpMethod.POST, "/u/" + "x".repeat(600), host(), "List-Unsubscribe=One-Click").status()).isEqualTo(404);
        Page foreign = page(HttpMethod.POST, path, other.tenant().slug() + ".localhost", "List-Unsubscribe=One-Click");
        assertThat(foreign.status()).as("another organisation's host").isEqualTo(404);
        assertThat(foreign.contentType()).startsWith("text/html");
        assertThat(emailLevel(reader, "ANNOUNCEMENT")).isEqualTo("ALL");
        assertThat(consents(reader)).isEmpty();
    }

    @Test
    void turningAChannelOffAndOnInHisSettingsIsRecordedAsConsent() {
        Org.Member man = org.member();

        api.put("/api/v1/me/notification-preferences", Map.of("items", List.of(
                Map.of("kind", "EVENT_CHANGED", "channel", "EMAIL", "level", "OFF"))), man.accessToken());
        api.put("/api/v1/me/notification-preferences", Map.of("items", List.of(
                Map.of("kind", "EVENT_CHANGED", "channel", "EMAIL", "level", "DIRECT"))), man.accessToken());
        api.put("/api/v1/me/notification-preferences", Map.of("items", List.of(
                Map.of("kind", "EVENT_CHANGED", "channel", "EMAIL", "level", "ALL"))), man.accessToken());

        List<Map<String, Object>> consents = consents(man);
        assertThat(consents).as("DIRECT to ALL changes no consent").hasSize(2);
        assertThat(consents.get(0)).containsEntry("channel", "EMAIL").containsEntry("kind", "EVENT_CHANGED").containsEntry("given", false)
                .containsEntry("how", "preferences");
        assertThat(consents.get(1)).containsEntry("given", true).containsEntry("how", "preferences");
    }
}
