package io.hearth.identity;

import io.hearth.Api;
import io.hearth.RealStack;
import io.hearth.infra.LocalStack;
import io.hearth.infra.SmsCatcher;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantDirectory;
import io.hearth.tenancy.TenantProvisioning;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Phone verification by SMS, phone numbers sealed at rest, the export, erasure and the append-only audit log. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrivacyIT implements RealStack {

    @Inject @Client("/") HttpClient client;
    @Inject TenantProvisioning provisioning;
    @Inject TenantDirectory directory;
    Org org;
    Api api;

    @BeforeAll
    void organisation() {
        org = Org.create(provisioning, directory, client, "privacy");
        api = org.api();
    }

    private static String uniquePhone() {
        return "+4477009" + String.format("%05d", new java.util.Random().nextInt(100000));
    }

    /** The code in the last text to the number: texts go out from a queue, so it may take a moment to arrive. */
    private static String lastCode(String phone) {
        return await().atMost(java.time.Duration.ofSeconds(10)).until(() -> {
            List<SmsCatcher.Sms> texts = RealStack.stack().smsCatcher().messages();
            for (int i = texts.size() - 1; i >= 0; i--) {
                if (texts.get(i).to().equals(phone)) {
                    Matcher matcher = Pattern.compile("code is (\\d{6})\\b").matcher(texts.get(i).body());
                    if (matcher.find()) {
                        return matcher.group(1);
                    }
                }
            }
            return null;
        }, java.util.Objects::nonNull);
    }

    private Connection tenantDb() throws SQLException {
        return DriverManager.getConnection(RealStack.stack().jdbcUrl(LocalStack.Database.APP), RealStack.stack().dbUsername(), RealStack.stack().dbPassword());
    }

    private Connection credentialsDb() throws SQLException {
        return DriverManager.getConnection(RealStack.stack().jdbcUrl(LocalStack.Database.CREDENTIALS), RealStack.stack().dbUsername(), RealStack.stack().dbPassword());
    }

    private String rawPhone(Tenant tenant, UUID person) throws SQLException {
        try (Connection c = tenantDb(); PreparedStatement s = c.prepareStatement("select sealed_phone from " + tenant.id().schemaName() + ".people where id = ?")) {
            s.setObject(1, person);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    @Test
    void verifiesAPhoneByATextedCodeAndStoresItSealed() throws Exception {
        Org.Member member = org.member();
        String phone = uniquePhone();

        Api.Reply sent = api.post("/api/v1/auth/verify-phone", Map.of("phone", phone), member.accessToken());
        Api.Reply confirmed = api.post("/api/v1/auth/verify-phone", Map.of("phone", phone, "code", lastCode(phone)), member.accessToken());

        assertThat(sent.status()).isEqualTo(202);
        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(api.get("/api/v1/me", member.accessToken()).map("person")).containsEntry("phoneVerified", true);
        String raw = rawPhone(org.tenant(), member.id());
        assertThat(raw).isNotNull().startsWith("test-enc-1:").doesNotContain(phone).doesNotContain(phone.substring(1));
    }

    @Test
    void aWrongCodeIsRefusedAndTooManyEndTheCode() {
        Org.Member member = org.member();
        String phone = uniquePhone();
        api.post("/api/v1/auth/verify-phone", Map.of("phone", phone), member.accessToken());
        String code = lastCode(phone);
        String wrong = code.equals("000000") ? "111111" : "000000";

        Api.Reply first = api.post("/api/v1/auth/verify-phone", Map.of("phone", phone, "code", wrong), member.accessToken());
        for (int i = 0; i < 5; i++) {
            api.post("/api/v1/auth/verify-phone", Map.of("phone", phone, "code", wrong), member.accessToken());
        }
        Api.Reply right = api.post("/api/v1/auth/verify-phone", Map.of("phone", phone, "code", code), member.accessToken());

        assertThat(first.status()).isEqualTo(422);
        assertThat(first.code()).isEqualTo("VERIFICATION_CODE_INVALID");
        // The sixth wrong code ended the code: even the right one now finds nothing waiting.
        assertThat(right.status()).isEqualTo(422);
        assertThat(right.code()).isEqualTo("VERIFICATION_CODE_INVALID");
        assertThat(api.get("/api/v1/me", member.accessToken()).map("person")).containsEntry("phoneVerified", false);
    }

    @Test
    void aCodeForOneNumberDoesNotVerifyAnother() {
        Org.Member member = org.member();
        String phone = uniquePhone();
        api.post("/api/v1/auth/verify-phone", Map.of("phone", phone), member.accessToken());

        Api.Reply other = api.post("/api/v1/auth/verify-phone", Map.of("phone", "+15005550001", "code", lastCode(phone)), member.accessToken());

        assertThat(other.status()).isEqualTo(422);
    }

    @Test
    void refusesAnInvalidPhoneNumber() {
        Org.Member member = org.member();

        Api.Reply reply = api.post("/api/v1/auth/verify-phone", Map.of("phone", "0770 090 0123"), member.accessToken());

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.list("errors").toString()).contains("phone");
    }

    @Test
    void heChangesHisNameAndTimeZoneAndAnEmptyZoneFollowsTheOrganisationAgain() {
        Org.Member man = org.member();
        String organisationZone = api.get("/api/v1/me", man.accessToken()).string("timeZone");

        Api.Reply renamed = api.send(io.micronaut.http.HttpMethod.PATCH, "/api/v1/me",
                Map.of("firstName", "  Tomás ", "lastName", "Ó Briain", "timeZone", "America/Toronto"), man.accessToken());
        Api.Reply back = api.send(io.micronaut.http.HttpMethod.PATCH, "/api/v1/me", Map.of("timeZone", ""), man.accessToken());

        assertThat(renamed.status()).as("%s", renamed.body()).isEqualTo(200);
        assertThat(renamed.map("person")).containsEntry("firstName", "Tomás").containsEntry("lastName", "Ó Briain")
                .containsEntry("timeZone", "America/Toronto");
        assertThat(renamed.string("timeZone")).isEqualTo("America/Toronto");
        assertThat(back.map("person")).as("his name stays when only the zone is sent").containsEntry("firstName", "Tomás");
        assertThat(back.map("person").get("timeZone")).as("he follows the organisation again").isNull();
        assertThat(back.string("timeZone")).isEqualTo(organisationZone);
        assertThat(api.get("/api/v1/audit?action=profile.changed", org.admin().accessToken()).list("items"))
                .anySatisfy(entry -> assertThat(entry.toString()).contains(man.id().toString()).doesNotContain("Tomás"));
    }

    private static long mailsTo(String address, String subjectStart) {
        return RealStack.stack().mailCatcher().messages().stream()
                .filter(mail -> mail.to().stream().anyMatch(to -> to.equalsIgnoreCase(address)) && mail.subject().startsWith(subjectStart)).count();
    }

    @Test
    void heMovesHisAccountToANewAddressOnlyOnceHeOpensTheLinkMailedThereAndTheOldAddressIsTold() {
        Org.Member man = org.member();
        String fresh = "moved-" + UUID.randomUUID() + "@example.test";

        Api.Reply wrongPassword = api.post("/api/v1/me/email", Map.of("email", fresh, "password", "not my password at all"), man.accessToken());
        Api.Reply own = api.post("/api/v1/me/email", Map.of("email", man.email().toUpperCase(), "password", Org.PASSWORD), man.accessToken());
        Api.Reply asked = api.post("/api/v1/me/email", Map.of("email", fresh, "password", Org.PASSWORD), man.accessToken());
        String token = Org.lastLink(fresh, "/email-change/");
        String before = api.get("/api/v1/me", man.accessToken()).map("person").get("email").toString();
        Api.Reply confirmed = api.post("/api/v1/auth/email-change", Map.of("token", token), null);
        Api.Reply again = api.post("/api/v1/auth/email-change", Map.of("token", token), null);

        assertThat(wrongPassword.status()).isEqualTo(422);
        assertThat(wrongPassword.string("code")).isEqualTo("INVALID_CREDENTIALS");
        assertThat(own.status()).isEqualTo(422);
        assertThat(asked.status()).isEqualTo(202);
        assertThat(before).as("nothing changes until the link is opened").isEqualTo(man.email());
        assertThat(confirmed.status()).as("%s", confirmed.body()).isEqualTo(200);
        assertThat(again.status()).isEqualTo(410);
        assertThat(again.string("code")).isEqualTo("TOKEN_INVALID");
        Map<String, Object> after = api.get("/api/v1/me", man.accessToken()).map("person");
        assertThat(after).containsEntry("email", fresh).containsEntry("emailVerified", true);
        await().atMost(java.time.Duration.ofSeconds(10)).until(() -> mailsTo(man.email(), "Your email address for") == 1);
        assertThat(org.login(fresh, Org.PASSWORD).accessToken()).as("he signs in with the new address").isNotBlank();
        assertThat(api.post("/api/v1/auth/login", Map.of("email", man.email(), "password", Org.PASSWORD), null).status())
                .as("the old address no longer signs in").isEqualTo(401);
        assertThat(api.get("/api/v1/audit?action=email.changed&targetId=" + man.id(), org.admin().accessToken()).list("items")).hasSize(1);
    }

    @Test
    void anAddressWithAnAccountGetsTheSameAnswerButNothingChangesAndItsOwnerIsToldAndAnOlderLinkLeadsNowhere() {
        Org.Member man = org.member();
        Org.Member owner = org.member();
        String first = "first-" + UUID.randomUUID() + "@example.test";

        api.post("/api/v1/me/email", Map.of("email", first, "password", Org.PASSWORD), man.accessToken());
        String firstToken = Org.lastLink(first, "/email-change/");
        Api.Reply taken = api.post("/api/v1/me/email", Map.of("email", owner.email(), "password", Org.PASSWORD), man.accessToken());
        String second = "second-" + UUID.randomUUID() + "@example.test";
        api.post("/api/v1/me/email", Map.of("email", second, "password", Org.PASSWORD), man.accessToken());
        Org.lastLink(second, "/email-change/");
        Api.Reply replaced = api.post("/api/v1/auth/email-change", Map.of("token", firstToken), null);

        assertThat(taken.status()).as("the same answer as for a free address").isEqualTo(202);
        await().atMost(java.time.Duration.ofSeconds(10)).until(() -> mailsTo(owner.email(), "Someone tried to use your address") == 1);
        assertThat(replaced.status()).as("the first link was replaced by the second request").isEqualTo(410);
        assertThat(api.get("/api/v1/me", man.accessToken()).map("person").get("email")).isEqualTo(man.email());
        assertThat(api.get("/api/v1/me", owner.accessToken()).map("person").get("email")).isEqualTo(owner.email());
    }

    @Test
    void anEmptyNameOrAZoneThatIsNotIanaIsRefusedAndChangesNothing() {
        Org.Member man = org.member();
        Map<String, Object> before = api.get("/api/v1/me", man.accessToken()).map("person");

        Api.Reply blank = api.send(io.micronaut.http.HttpMethod.PATCH, "/api/v1/me", Map.of("firstName", "   ", "timeZone", "Europe/Paris"), man.accessToken());
        Api.Reply offset = api.send(io.micronaut.http.HttpMethod.PATCH, "/api/v1/me", Map.of("timeZone", "+02:00"), man.accessToken());
        Api.Reply mars = api.send(io.micronaut.http.HttpMethod.PATCH, "/api/v1/me", Map.of("timeZone", "Mars/Olympus"), man.accessToken());
        Api.Reply tooLong = api.send(io.micronaut.http.HttpMethod.PATCH, "/api/v1/me", Map.of("lastName", "x".repeat(101)), man.accessToken());

        assertThat(List.of(blank.status(), offset.status(), mars.status(), tooLong.status())).containsOnly(422);
        assertThat(blank.string("code")).isEqualTo("VALIDATION_ERROR");
        assertThat(blank.list("errors").toString()).contains("firstName");
        assertThat(mars.list("errors").toString()).contains("timeZone");
        assertThat(api.get("/api/v1/me", man.accessToken()).map("person")).isEqualTo(before);
    }

    @Test
    void theExportHoldsProfileRolesSessionsAndAuditAndIsItselfAudited() {
        Org.Member member = org.member(Role.PTM);
        api.put("/api/v1/me/quiet-hours", Map.of("from", "22:30", "to", "06:45", "timeZone", "Europe/Dublin"), member.accessToken());
        api.put("/api/v1/me/notification-preferences", Map.of("items", List.of(Map.of("kind", "ANNOUNCEMENT", "channel", "EMAIL", "level", "DIGEST"))),
                member.accessToken());

        Api.Reply export = api.get("/api/v1/me/export", member.accessToken());
        Api.Reply log = api.get("/api/v1/audit?action=data.exported&targetId=" + member.id(), org.admin().accessToken());

        assertThat(export.status()).isEqualTo(200);
        assertThat(export.header("Content-Disposition")).hasValueSatisfying(v -> assertThat(v).contains("attachment"));
        assertThat(export.map("profile")).containsEntry("email", member.email()).containsEntry("id", member.id().toString());
        assertThat(export.list("roleGrants").toString()).contains("PTM").contains("MEMBER");
        assertThat(export.list("activeSessions")).isNotEmpty();
        assertThat(export.list("auditLog").toString()).contains("sign-in.succeeded").contains("role.granted");
        assertThat(export.map("profile")).containsEntry("timeZone", "Europe/Dublin");
        @SuppressWarnings("unchecked")
        Map<String, Object> notifications = (Map<String, Object>) export.map("more").get("notifications");
        assertThat(notifications).as("what notifications keeps of him").containsEntry("quietFrom", "22:30").containsEntry("quietTo", "06:45");
        assertThat(notifications.get("levels").toString()).contains("ANNOUNCEMENT").contains("DIGEST");
        assertThat(log.list("items")).hasSize(1);
    }

    @Test
    void erasureAnonymisesTheProfileDeletesCredentialsAndEndsSignIn() throws Exception {
        Org.Member member = org.member();
        String phone = uniquePhone();
        api.post("/api/v1/auth/verify-phone", Map.of("phone", phone), member.accessToken());
        api.post("/api/v1/auth/verify-phone", Map.of("phone", phone, "code", lastCode(phone)), member.accessToken());
        api.put("/api/v1/me/quiet-hours", Map.of("from", "22:30", "to", "06:45"), member.accessToken());
        api.put("/api/v1/me/notification-preferences", Map.of("items", List.of(Map.of("kind", "ANNOUNCEMENT", "channel", "EMAIL", "level", "DIGEST"))),
                member.accessToken());

        Api.Reply erased = api.delete("/api/v1/me", member.accessToken());
        Api.Reply me = api.get("/api/v1/me", member.accessToken());
        Api.Reply login = api.post("/api/v1/auth/login", Map.of("email", member.email(), "password", Org.PASSWORD), null);
        Api.Reply adminView = api.get("/api/v1/members/" + member.id(), org.admin().accessToken());
        Api.Reply log = api.get("/api/v1/audit?action=person.erased&targetId=" + member.id(), org.admin().accessToken());

        assertThat(erased.status()).isEqualTo(204);
        assertThat(me.status()).isEqualTo(401);
        assertThat(login.status()).isEqualTo(401);
        assertThat(adminView.status()).isEqualTo(404);
        assertThat(log.list("items")).hasSize(1);
        try (Connection c = tenantDb(); PreparedStatement s = c.prepareStatement(
                "select email, first_name, last_name, sealed_phone, status from " + org.tenant().id().schemaName() + ".people where id = ?")) {
            s.setObject(1, member.id());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                assertThat(rs.getString(1)).doesNotContain(member.email()).endsWith("@erased.invalid");
                assertThat(rs.getString(2) + " " + rs.getString(3)).isEqualTo("Erased Member");
                assertThat(rs.getString(4)).isNull();
                assertThat(rs.getString(5)).isEqualTo("ERASED");
            }
        }
        String schema = org.tenant().id().schemaName();
        try (Connection c = tenantDb(); PreparedStatement s = c.prepareStatement("select (select count(*) from " + schema
                + ".quiet_hours where person_id = ?) + (select count(*) from " + schema + ".notification_preferences where person_id = ?)")) {
            s.setObject(1, member.id());
            s.setObject(2, member.id());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).as("his notification settings are erased with him").isZero();
            }
        }
        try (Connection c = credentialsDb(); PreparedStatement s = c.prepareStatement(
                "select (select count(*) from passwords where person_id = ?) + (select count(*) from refresh_tokens where person_id = ?)")) {
            s.setObject(1, member.id());
            s.setObject(2, member.id());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).isZero();
            }
        }
    }

    @Test
    void theAuditLogRefusesChangesAndDeletions() throws Exception {
        org.member();
        String table = org.tenant().id().schemaName() + ".audit_log";

        try (Connection c = tenantDb()) {
            assertThatThrownBy(() -> c.createStatement().executeUpdate("update " + table + " set action = 'x'"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> c.createStatement().executeUpdate("delete from " + table))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> c.createStatement().executeUpdate("truncate " + table))
                    .hasMessageContaining("append-only");
        }
    }

    @Test
    void signInsAndFailedSignInsAreAuditedWithTheAddress() {
        Org.Member member = org.member();
        api.post("/api/v1/auth/login", Map.of("email", member.email(), "password", "definitely not it"), null);

        Api.Reply failed = api.get("/api/v1/audit?action=sign-in.failed&targetId=" + member.id(), org.admin().accessToken());
        Api.Reply succeeded = api.get("/api/v1/audit?action=sign-in.succeeded&actorId=" + member.id(), org.admin().accessToken());
        Api.Reply badFilter = api.get("/api/v1/audit?action=made.up", org.admin().accessToken());

        assertThat(failed.list("items")).singleElement().satisfies(entry -> assertThat(entry.toString()).contains("127.0.0.1"));
        assertThat(succeeded.list("items")).hasSize(1);
        assertThat(badFilter.status()).isEqualTo(422);
    }
}
