package io.hearth.platform;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.infra.FreePorts;
import io.hearth.infra.LocalStack;
import io.hearth.infra.MailCatcher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The platform as a client sees it: both services started from their build output as separate JVMs on the real
 * stack, driven only over HTTP (and the mail catcher), as the README's run command starts them.
 */
class OnboardingEndToEndIT {

    private static Platform platform;
    private static AdminClient admin;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        Path root = Paths.get(System.getProperty("hearth.root", "../..")).toAbsolutePath().normalize();
        Path logs = Files.createDirectories(Paths.get("target", "e2e-logs", "onboarding"));
        platform = Platform.start(root, FreePorts.next(), FreePorts.next(), 0, logs);
        admin = new AdminClient(platform.tenantAdmin().baseUrl());
        admin.signIn("operator@hearth.localhost", "hearth-operator-dev");
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void anOperatorOnboardsAnOrganisationThatIsActiveWithinTenSeconds() throws Exception {
        String slug = "e2e-" + UUID.randomUUID().toString().substring(0, 8);

        AdminClient.Response created = admin.register(slug, "End To End", "first.admin@" + slug + ".test", "standard");
        JsonNode active = admin.awaitStatus(slug, "ACTIVE", Duration.ofSeconds(10));

        assertThat(created.status()).isEqualTo(202);
        assertThat(created.location()).isEqualTo("/api/v1/tenants/" + slug);
        assertThat(active.path("activatedAt").isNull()).isFalse();
        assertThat(migratedSchemaOf(slug)).as("the tenant's schema holds the tenant tables").isTrue();
        // Mail goes out from a queue, just after the organisation is ready.
        List<MailCatcher.Mail> mails = await().atMost(Duration.ofSeconds(10)).until(
                () -> platform.stack().mailCatcher().messages().stream().filter(mail -> mail.to().contains("first.admin@" + slug + ".test")).toList(),
                found -> !found.isEmpty());
        assertThat(mails).hasSize(1);
        // The link points at this instance's own port (it used to say 8080 whatever the port).
        assertThat(mails.get(0).body()).contains("http://" + slug + ".localhost:" + java.net.URI.create(platform.app().baseUrl()).getPort() + "/invitations/");
        assertThat(appStatus(slug)).isEqualTo(200);
    }

    @Test
    void aSuspendedOrganisationIsNotServedUntilReactivated() throws Exception {
        String slug = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
        admin.register(slug, "Suspended Org", "a@" + slug + ".test", "standard");
        admin.awaitStatus(slug, "ACTIVE", Duration.ofSeconds(10));

        assertThat(admin.suspend(slug).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).until(() -> appStatus(slug) == 404);
        assertThat(admin.reactivate(slug).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).until(() -> appStatus(slug) == 200);
    }

    @Test
    void theFirstAdminJoinsByTheMailedLinkAndInvitesPeopleWhoSignInWithTheirRoles() throws Exception {
        String slug = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
        admin.register(slug, "People Org", "admin@demo.localhost", "standard");
        admin.awaitStatus(slug, "ACTIVE", Duration.ofSeconds(10));

        List<DemoOrganisation.Person> people = new DemoOrganisation(platform.app().baseUrl(), slug, platform.stack().mailCatcher())
                .seed("admin@demo.localhost");
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(platform.app().baseUrl() + "/api/v1/auth/login"))
                .header("Host", slug + ".localhost").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"leadership@demo.localhost\",\"password\":\"" + DemoOrganisation.PASSWORD + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        String token = new com.fasterxml.jackson.databind.ObjectMapper().readTree(login.body()).get("accessToken").asText();
        HttpResponse<String> audit = http.send(HttpRequest.newBuilder(URI.create(platform.app().baseUrl() + "/api/v1/audit"))
                .header("Host", slug + ".localhost").header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> elsewhere = http.send(HttpRequest.newBuilder(URI.create(platform.app().baseUrl() + "/api/v1/me"))
                .header("Host", "demo-other-" + slug + ".localhost").header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> mikeSignsIn = http.send(HttpRequest.newBuilder(URI.create(platform.app().baseUrl() + "/api/v1/auth/login"))
                .header("Host", slug + ".localhost").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"member1@demo.localhost\",\"password\":\"" + DemoOrganisation.PASSWORD + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        String mike = new com.fasterxml.jackson.databind.ObjectMapper().readTree(mikeSignsIn.body()).get("accessToken").asText();
        HttpResponse<String> polls = http.send(HttpRequest.newBuilder(URI.create(platform.app().baseUrl() + "/api/v1/polls?open=true"))
                .header("Host", slug + ".localhost").header("Authorization", "Bearer " + mike).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(people).hasSize(8);
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(audit.statusCode()).isEqualTo(200);
        assertThat(audit.body()).contains("invitation.accepted").contains("sign-in.succeeded");
        assertThat(elsewhere.statusCode()).as("an unknown organisation's host").isEqualTo(404);
        JsonNode open = new com.fasterxml.jackson.databind.ObjectMapper().readTree(polls.body()).path("items");
        assertThat(open.findValuesAsText("kind")).as("the sample polls: his circle's meeting time and a question to everyone: %s", polls.body())
                .containsExactlyInAnyOrder("MEETING_TIME", "CHOICE");
        assertThat(open.findValuesAsText("canAnswer")).as("both ask him").containsOnly("true");
    }

    private int appStatus(String slug) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(platform.app().baseUrl() + "/api/v1/organisation"))
                .header("Host", slug + ".localhost:" + platform.app().port()).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private boolean migratedSchemaOf(String slug) throws Exception {
        LocalStack stack = platform.stack();
        try (Connection connection = DriverManager.getConnection(stack.jdbcUrl(LocalStack.Database.APP), stack.dbUsername(), stack.dbPassword());
             PreparedStatement statement = connection.prepareStatement(
                     "select t.migration_version is not null and exists (select 1 from information_schema.tables i "
                             + "where i.table_schema = t.schema_name and i.table_name = 'invitations') from tenants t where t.slug = ?")) {
            statement.setString(1, slug);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
