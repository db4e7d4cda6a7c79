package io.hearth.admin.operators;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.hearth.admin.RealStack;
import io.hearth.admin.operators.internal.OperatorRepository;
import io.hearth.kit.security.Totp;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The operators' door: exact addresses, the throttle, the second factor, and tokens that name an active operator. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperatorSignInIT implements RealStack {

    @Inject @Client("/") HttpClient client;
    @Inject Operators operators;
    @Inject OperatorRepository repository;
    @Inject StatefulRedisConnection<String, String> redis;

    @Override
    public Map<String, String> extraProperties() {
        // Lockouts after 8 failures here, so that the five codes a challenge allows are what spends it in the test of that.
        return Map.of("hearth.admin.second-factor.required", "true", "hearth.admin.rate-limits.login-failures-before-lockout", "8");
    }

    @AfterEach
    void forgetThrottles() {
        // Every test here signs in from 127.0.0.1: its failures must not hold up the next test (or another class).
        List<String> keys = redis.sync().scan(ScanArgs.Builder.matches("hearth:*operators*").limit(10_000)).getKeys();
        if (!keys.isEmpty()) {
            redis.sync().del(keys.toArray(String[]::new));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"%", "_%", "operator@hearth.localhos_", "%@hearth.localhost", "OPERATOR@HEARTH.LOCALHOS%"})
    void anAddressIsMatchedExactlyNeverAsAPattern(String pattern) {
        HttpClientResponseException error = catchThrowableOfType(HttpClientResponseException.class,
                () -> login(pattern, "hearth-operator-dev"));

        assertProblem(error, 401, "AUTHENTICATION_ERROR");
    }

    @Test
    void theSameAddressInAnotherCaseAndWithSpacesIsTheSameOperator() {
        Map<?, ?> body = login("  Operator@Hearth.LOCALHOST ", "hearth-operator-dev").body();

        assertThat(body.get("mfaRequired")).isEqualTo(true);
    }

    @Test
    void repeatedWrongPasswordsLockTheAccountEvenForTheRightOneAndTheLockoutIsAudited() {
        String email = newOperator("locked");
        for (int i = 0; i < 8; i++) {
            assertProblem(catchThrowableOfType(HttpClientResponseException.class, () -> login(email, "wrong password")), 401, "AUTHENTICATION_ERROR");
        }

        HttpClientResponseException locked = catchThrowableOfType(HttpClientResponseException.class, () -> login(email, "right password 123"));

        assertProblem(locked, 429, "RATE_LIMITED");
        assertThat(locked.getResponse().getHeaders().get("Retry-After")).isNotBlank();
        assertThat(operators.audit(50)).filteredOn(e -> e.email().equals(email)).extracting(Operators.AuditEntry::action)
                .contains("LOCKED_OUT", "SIGN_IN_FAILED");
    }

    @Test
    void tenFailuresFromOneAddressHoldItUpWhateverTheAccount() {
        for (int i = 0; i < 10; i++) {
            String email = "nobody-" + i + "@hearth.localhost";
            assertProblem(catchThrowableOfType(HttpClientResponseException.class, () -> login(email, "guess")), 401, "AUTHENTICATION_ERROR");
        }

        HttpClientResponseException held = catchThrowableOfType(HttpClientResponseException.class, () -> login(newOperator("held"), "right password 123"));

        assertProblem(held, 429, "RATE_LIMITED");
    }

    @Test
    void anOperatorWithoutASecondFactorEnrolsOneAtHisFirstSignInAndNeedsItFromThenOn() {
        String email = newOperator("enrol");

        Map<?, ?> first = login(email, "right password 123").body();
        assertThat(first.get("accessToken")).isNull();
        assertThat(first.get("mfaRequired")).isEqualTo(true);
        Map<?, ?> enrolment = (Map<?, ?>) first.get("enrolment");
        String secret = (String) enrolment.get("secret");
        assertThat((String) enrolment.get("otpauthUri")).startsWith("otpauth://totp/").contains("secret=" + secret);
        Map<?, ?> signedIn = mfa((String) first.get("challenge"), Totp.code(secret, Totp.step(Instant.now()))).body();
        assertThat(signedIn.get("accessToken")).isNotNull();

        Map<?, ?> second = login(email, "right password 123").body();

        assertThat(second.get("mfaRequired")).isEqualTo(true);
        assertThat(second.get("enrolment")).isNull();
        String code = Totp.code(secret, Totp.step(Instant.now()) + 1);
        assertThat(mfa((String) second.get("challenge"), code).body().get("accessToken")).isNotNull();
        assertThat(operators.audit(50)).filteredOn(e -> e.email().equals(email)).extracting(Operators.AuditEntry::action)
                .contains("SECOND_FACTOR_ENROLLED", "SIGNED_IN");
    }

    @Test
    void aWrongOrReusedCodeIsRefusedAndFiveWrongCodesSpendTheChallenge() {
        String email = newOperator("codes");
        Map<?, ?> first = login(email, "right password 123").body();
        String secret = (String) ((Map<?, ?>) first.get("enrolment")).get("secret");
        String used = Totp.code(secret, Totp.step(Instant.now()));
        mfa((String) first.get("challenge"), used);
        String challenge = (String) login(email, "right password 123").body().get("challenge");

        HttpClientResponseException reused = catchThrowableOfType(HttpClientResponseException.class, () -> mfa(challenge, used));
        for (int i = 0; i < 3; i++) {
            catchThrowableOfType(HttpClientResponseException.class, () -> mfa(challenge, "000000".equals(used) ? "111111" : "000000"));
        }
        HttpClientResponseException wrong = catchThrowableOfType(HttpClientResponseException.class, () -> mfa(challenge, "12345a"));
        HttpClientResponseException spent = catchThrowableOfType(HttpClientResponseException.class,
                () -> mfa(challenge, Totp.code(secret, Totp.step(Instant.now()) + 1)));

        assertProblem(reused, 401, "MFA_CODE_INVALID");
        assertProblem(wrong, 401, "MFA_CODE_INVALID");
        assertProblem(spent, 401, "MFA_CODE_INVALID");
    }

    @Test
    void aTokenSignedWithTheKeyButNamingNoOperatorReadsNothing() throws Exception {
        String forged = hs256(UUID.randomUUID().toString(), "hearth-tenant-admin");

        HttpClientResponseException error = catchThrowableOfType(HttpClientResponseException.class,
                () -> client.toBlocking().exchange(HttpRequest.GET("/api/v1/tenants").bearerAuth(forged), Map.class));

        assertProblem(error, 401, "AUTHENTICATION_ERROR");
    }

    @Test
    void aTokenOfAnOperatorWhoIsNoLongerActiveReadsNothing() throws Exception {
        String email = newOperator("gone");
        UUID id = repository.findByNormalisedEmail(email).orElseThrow().id();
        String token = hs256(id.toString(), "hearth-tenant-admin");
        assertThat(client.toBlocking().exchange(HttpRequest.GET("/api/v1/tenants").bearerAuth(token), Map.class).getStatus().getCode()).isEqualTo(200);

        repository.setActive(id, false);
        HttpClientResponseException error = catchThrowableOfType(HttpClientResponseException.class,
                () -> client.toBlocking().exchange(HttpRequest.GET("/api/v1/tenants").bearerAuth(token), Map.class));

        assertProblem(error, 401, "AUTHENTICATION_ERROR");
    }

    @Test
    void aTokenOfAnotherIssuerReadsNothing() throws Exception {
        UUID id = repository.findByNormalisedEmail(newOperator("issuer")).orElseThrow().id();
        String token = hs256(id.toString(), "someone-else");

        HttpClientResponseException error = catchThrowableOfType(HttpClientResponseException.class,
                () -> client.toBlocking().exchange(HttpRequest.GET("/api/v1/tenants").bearerAuth(token), Map.class));

        assertProblem(error, 401, "AUTHENTICATION_ERROR");
    }

    @Test
    void theAuditIsForOperatorsOnly() {
        HttpClientResponseException error = catchThrowableOfType(HttpClientResponseException.class,
                () -> client.toBlocking().exchange(HttpRequest.GET("/api/v1/operators/audit"), Map.class));

        assertProblem(error, 401, "AUTHENTICATION_ERROR");
    }

    private String newOperator(String name) {
        String email = name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@hearth.localhost";
        operators.ensure(email, "right password 123");
        return email;
    }

    private HttpResponse<Map> login(String email, String password) {
        return client.toBlocking().exchange(HttpRequest.POST("/api/v1/auth/login", Map.of("email", email, "password", password)), Map.class);
    }

    private HttpResponse<Map> mfa(String challenge, String code) {
        return client.toBlocking().exchange(HttpRequest.POST("/api/v1/auth/login/mfa", Map.of("challenge", challenge, "code", code)), Map.class);
    }

    private static String hs256(String subject, String issuer) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject).issuer(issuer).audience(issuer)
                .claim("roles", List.of("OPERATOR")).expirationTime(Date.from(Instant.now().plusSeconds(600))).issueTime(new Date()).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(JWT_SECRET.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    private static void assertProblem(HttpClientResponseException error, int status, String code) {
        assertThat(error).as("expected %s %s", status, code).isNotNull();
        assertThat(error.getStatus().getCode()).isEqualTo(status);
        assertThat(error.getResponse().getBody(Map.class).orElseThrow()).containsEntry("code", code);
    }
}
