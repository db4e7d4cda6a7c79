package io.hearth.identity;

import io.hearth.kit.security.Totp;
import io.hearth.Api;
import io.hearth.RealStack;
import io.hearth.infra.LocalStack;
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
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** TOTP setup, two-step sign-in, recovery codes, MFA required by role, and the secret sealed at rest. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MfaIT implements RealStack {

    @Inject @Client("/") HttpClient client;
    @Inject TenantProvisioning provisioning;
    @Inject TenantDirectory directory;
    Org org;
    Api api;

    @BeforeAll
    void organisation() {
        org = Org.create(provisioning, directory, client, "mfa");
        api = org.api();
    }

    /** Sets up and turns on TOTP for the member; returns the secret and the recovery codes. */
    private Enabled enable(Org.Member member) {
        Api.Reply setup = api.post("/api/v1/auth/mfa/setup", null, member.accessToken());
        String secret = setup.string("secret");
        Api.Reply verified = api.post("/api/v1/auth/mfa/verify", Map.of("code", Totp.code(secret, Totp.step(Instant.now()))), member.accessToken());
        assertThat(verified.status()).as("verify: %s", verified.body()).isEqualTo(200);
        return new Enabled(setup, secret, verified.list("recoveryCodes").stream().map(Object::toString).toList());
    }

    record Enabled(Api.Reply setup, String secret, List<String> recoveryCodes) {
    }

    private String challenge(Org.Member member) {
        Api.Reply login = api.post("/api/v1/auth/login", Map.of("email", member.email(), "password", Org.PASSWORD), null);
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.body()).containsEntry("mfaRequired", true).doesNotContainKey("accessToken");
        return login.string("challenge");
    }

    @Test
    void setupGivesAnOtpauthUriAndAQrCodeAndVerifyGivesTenRecoveryCodes() {
        Org.Member member = org.member();

        Enabled enabled = enable(member);

        assertThat(enabled.setup().string("otpauthUri")).startsWith("otpauth://totp/").contains("secret=" + enabled.secret())
                .contains("issuer=Hearth").contains("digits=6").contains("period=30");
        assertThat(enabled.setup().string("qrCode")).startsWith("data:image/png;base64,");
        assertThat(enabled.recoveryCodes()).hasSize(10).doesNotHaveDuplicates().allMatch(code -> code.matches("[A-Z2-9]{5}-[A-Z2-9]{5}"));
        assertThat(api.get("/api/v1/me", member.accessToken()).map("person")).containsEntry("mfaEnabled", true);
    }

    @Test
    void aWrongFirstCodeDoesNotTurnMfaOn() {
        Org.Member member = org.member();
        api.post("/api/v1/auth/mfa/setup", null, member.accessToken());

        Api.Reply wrong = api.post("/api/v1/auth/mfa/verify", Map.of("code", "000000"), member.accessToken());

        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.code()).isEqualTo("MFA_CODE_INVALID");
        assertThat(api.get("/api/v1/me", member.accessToken()).map("person")).containsEntry("mfaEnabled", false);
    }

    @Test
    void signInTakesTwoStepsAndACodeWorksOnce() {
        Org.Member member = org.member();
        Enabled enabled = enable(member);
        String next = Totp.code(enabled.secret(), Totp.step(Instant.now()) + 1);

        Api.Reply wrong = api.post("/api/v1/auth/login/mfa", Map.of("challenge", challenge(member), "code", "123456".equals(next) ? "654321" : "123456"), null);
        Api.Reply first = api.post("/api/v1/auth/login/mfa", Map.of("challenge", challenge(member), "code", next), null);
        Api.Reply replay = api.post("/api/v1/auth/login/mfa", Map.of("challenge", challenge(member), "code", next), null);

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.code()).isEqualTo("MFA_CODE_INVALID");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.string("accessToken")).isNotBlank();
        assertThat(replay.status()).isEqualTo(401);
    }

    @Test
    void aRecoveryCodeSignsInOnce() {
        Org.Member member = org.member();
        Enabled enabled = enable(member);
        String code = enabled.recoveryCodes().get(3);

        Api.Reply first = api.post("/api/v1/auth/login/mfa", Map.of("challenge", challenge(member), "code", code.toLowerCase()), null);
        Api.Reply again = api.post("/api/v1/auth/login/mfa", Map.of("challenge", challenge(member), "code", code), null);

        assertThat(first.status()).isEqualTo(200);
        assertThat(again.status()).isEqualTo(401);
    }

    @Test
    void aChallengeDiesAfterFiveWrongCodes() {
        Org.Member member = org.member();
        Enabled enabled = enable(member);
        String challenge = challenge(member);
        for (int i = 0; i < 5; i++) {
            api.post("/api/v1/auth/login/mfa", Map.of("challenge", challenge, "code", "AAAAA-AAAA" + i), null);
        }

        Api.Reply right = api.post("/api/v1/auth/login/mfa", Map.of("challenge", challenge, "code", enabled.recoveryCodes().get(0)), null);

        assertThat(right.status()).isEqualTo(401);
        assertThat(right.code()).isEqualTo("TOKEN_INVALID");
    }

    @Test
    void anOrganisationRequiringMfaForAdminsHoldsThemToSetupFirst() {
        Org strict = Org.create(provisioning, directory, client, "strict");
        Org.Member admin = strict.admin();
        Org.Member member = strict.member();
        strict.api().put("/api/v1/organisation/settings", Map.of("registrationMode", "APPROVAL", "mfaRequiredRoles", List.of("ADMIN", "LEADERSHIP", "SUPPORT"),
                "apiRequestsPerMinute", 100), admin.accessToken());

        Api.Reply held = strict.api().get("/api/v1/members", admin.accessToken());
        Api.Reply me = strict.api().get("/api/v1/me", admin.accessToken());
        Api.Reply plainMember = strict.api().get("/api/v1/me/export", member.accessToken());
        Api.Reply setup = strict.api().post("/api/v1/auth/mfa/setup", null, admin.accessToken());
        strict.api().post("/api/v1/auth/mfa/verify", Map.of("code", Totp.code(setup.string("secret"), Totp.step(Instant.now()))), admin.accessToken());
        Api.Reply after = strict.api().get("/api/v1/members", admin.accessToken());

        assertThat(held.status()).isEqualTo(403);
        assertThat(held.code()).isEqualTo("MFA_REQUIRED");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body()).containsEntry("mfaRequired", true);
        assertThat(plainMember.status()).isEqualTo(200);
        assertThat(after.status()).isEqualTo(200);
    }

    @Test
    void theTotpSecretIsSealedAtRest() throws Exception {
        Org.Member member = org.member();
        Enabled enabled = enable(member);

        String raw;
        try (Connection connection = DriverManager.getConnection(RealStack.stack().jdbcUrl(LocalStack.Database.CREDENTIALS),
                RealStack.stack().dbUsername(), RealStack.stack().dbPassword());
             PreparedStatement statement = connection.prepareStatement("select sealed_secret from totp_secrets where person_id = ?")) {
            statement.setObject(1, member.id());
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                raw = rs.getString(1);
            }
        }

        assertThat(raw).startsWith("test-enc-1:").doesNotContain(enabled.secret());
        assertThat(new String(java.util.Base64.getDecoder().decode(raw.substring(raw.indexOf(':') + 1)), java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain(enabled.secret());
    }
}
