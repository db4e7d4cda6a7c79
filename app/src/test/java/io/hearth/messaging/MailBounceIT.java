package io.hearth.messaging;

import io.hearth.Api;
import io.hearth.RealStack;
import io.hearth.identity.Org;
import io.hearth.identity.Role;
import io.hearth.infra.LocalStack;
import io.hearth.tenancy.TenantDirectory;
import io.hearth.tenancy.TenantProvisioning;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A hard bounce: the mail is not tried again, his address is unconfirmed until he confirms it again, and he is told in the app. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MailBounceIT implements RealStack {

    static final BouncingSmtp SMTP = start();

    @Inject @Client("/") HttpClient client;
    @Inject TenantProvisioning provisioning;
    @Inject TenantDirectory directory;

    static BouncingSmtp start() {
        Map<String, String> app = LocalStack.shared().properties(LocalStack.Service.APP);
        try {
            return new BouncingSmtp(app.get("hearth.smtp.host"), Integer.parseInt(app.get("hearth.smtp.port")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("hearth.smtp.host", "127.0.0.1", "hearth.smtp.port", Integer.toString(SMTP.port()), "hearth.mail.retry-base", "200ms");
    }

    @AfterAll
    void stop() throws IOException {
        SMTP.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aMailRefusedForGoodIsNotTriedAgainHisAddressIsUnconfirmedAndHeIsToldInTheAppUntilHeConfirmsItAgain() throws Exception {
        Org org = Org.create(provisioning, directory, client, "bounces");
        Api api = org.api();
        Org.Member man = org.member();
        Org.Member leader = org.member(Role.LEADERSHIP);
        SMTP.refuse(man.email());
        String first = "Bounced " + UUID.randomUUID().toString().substring(0, 6);

        assertThat(api.post("/api/v1/announcements", Map.of("title", first, "body", "To all.", "audience", "ORGANISATION"), leader.accessToken())
                .status()).isEqualTo(201);

        // Polled gently: his requests count against the organisation's per-person limit (300 a minute by default).
        await("his address is no longer taken as confirmed").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> Boolean.FALSE.equals(emailVerified(api, man)));
        await("he is told in the app").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> titles(api, man)
                .contains("Mail to your address bounced"));
        assertThat(outgoing(org, man.email(), first)).as("given up at the first refusal, not tried again").containsExactly("given up after 1");
        assertThat(api.get("/api/v1/me/notification-preferences", man.accessToken()).list("channels")).contains(Map.of("channel", "EMAIL", "verified", false));
        assertThat(api.get("/api/v1/audit?action=email.bounced&targetId=" + man.id(), org.admin().accessToken()).list("items")).hasSize(1);

        String second = "Not mailed " + UUID.randomUUID().toString().substring(0, 6);
        api.post("/api/v1/announcements", Map.of("title", second, "body", "To all.", "audience", "ORGANISATION"), leader.accessToken());
        await("the next one is in the app").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> titles(api, man)
                .contains(second));
        assertThat(outgoing(org, man.email(), second)).as("nothing more is queued for an unconfirmed address").isEmpty();

        // He checks it (his provider takes mail again) and confirms it.
        SMTP.accept(man.email());
        assertThat(api.post("/api/v1/me/email/confirmation", Map.of(), man.accessToken()).status()).isEqualTo(202);
        String token = Org.lastLink(man.email(), "/verify-email/");
        assertThat(api.post("/api/v1/auth/verify-email", Map.of("token", token), null).status()).isEqualTo(200);

        assertThat(api.get("/api/v1/me", man.accessToken()).map("person").get("emailVerified")).isEqualTo(true);
        assertThat(api.get("/api/v1/me", man.accessToken()).map("person").get("status")).isEqualTo("ACTIVE");
        assertThat(api.post("/api/v1/me/email/confirmation", Map.of(), man.accessToken()).status()).as("confirmed already").isEqualTo(409);
        assertThat(api.post("/api/v1/me/email/confirmation", Map.of(), null).status()).isEqualTo(401);
    }

    /** Whether his address is confirmed; null while the answer is not a 200. */
    static Object emailVerified(Api api, Org.Member man) {
        Api.Reply me = api.get("/api/v1/me", man.accessToken());
        return me.status() == 200 ? me.map("person").get("emailVerified") : null;
    }

    @SuppressWarnings("unchecked")
    static List<Object> titles(Api api, Org.Member man) {
        Api.Reply reply = api.get("/api/v1/notifications", man.accessToken());
        return reply.status() == 200 ? reply.list("items").stream().map(item -> ((Map<String, Object>) item).get("title")).toList() : List.of();
    }

    /** For each mail to him with this subject: "sent", "given up after N" or "waiting". */
    static List<String> outgoing(Org org, String to, String subject) throws Exception {
        try (Connection c = DriverManager.getConnection(RealStack.stack().jdbcUrl(LocalStack.Database.APP), RealStack.stack().dbUsername(),
                RealStack.stack().dbPassword()); PreparedStatement statement = c.prepareStatement(
                "select sent_at is not null, given_up_at is not null, attempts from public.outgoing_mail where recipient = ? and subject = ? "
                        + "and tenant_id = ?")) {
            statement.setString(1, to);
            statement.setString(2, subject);
            statement.setObject(3, org.tenant().id().value());
            List<String> states = new java.util.ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    states.add(rs.getBoolean(1) ? "sent" : rs.getBoolean(2) ? "given up after " + Math.max(1, rs.getInt(3)) : "waiting");
                }
            }
            return states;
        }
    }
}
