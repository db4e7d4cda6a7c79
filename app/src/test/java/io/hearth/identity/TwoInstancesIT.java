package io.hearth.identity;

import io.hearth.Api;
import io.hearth.RealStack;
import io.hearth.infra.FreePorts;
import io.hearth.tenancy.TenantDirectory;
import io.hearth.tenancy.TenantProvisioning;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two app instances on one stack, as in production behind a load balancer. Each remembers the tokens it validated
 * and what it read of the man and the organisation ({@link Admissions}); a session ended, a role revoked or granted,
 * a man deactivated or a setting changed through one instance counts on the very next request to the other, which
 * has all of it in its memory; a grant that runs out stops counting on time.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoInstancesIT implements RealStack {

    @Inject @Client("/") HttpClient client;
    @Inject TenantProvisioning provisioning;
    @Inject TenantDirectory directory;
    @Inject ApplicationContext first;
    EmbeddedServer second;
    HttpClient secondClient;
    Org org;
    Api one;
    Api two;

    @BeforeAll
    void start() {
        Map<String, Object> properties = new HashMap<>(getProperties());
        properties.put("micronaut.server.port", FreePorts.next());
        second = ApplicationContext.run(EmbeddedServer.class, properties);
        secondClient = HttpClient.create(second.getURL());
        org = Org.create(provisioning, directory, client, "two");
        one = org.api();
        two = new Api(secondClient, org.tenant().slug() + ".localhost");
    }

    @AfterAll
    void stop() {
        secondClient.close();
        second.close();
    }

    /** Both instances have validated the man's token (and remember it) and answer him. */
    private void bothAnswer(String path, String token) {
        for (int i = 0; i < 3; i++) {
            assertThat(one.get(path, token).status()).as("instance one, " + path).isEqualTo(200);
            assertThat(two.get(path, token).status()).as("instance two, " + path).isEqualTo(200);
        }
    }

    @Test
    void aSessionEndedOnOneInstanceEndsOnTheOtherAtOnce() {
        Org.Member member = org.member();
        bothAnswer("/api/v1/me", member.accessToken());

        assertThat(one.post("/api/v1/auth/logout", Map.of("refreshToken", member.refreshToken()), null).status()).isEqualTo(204);

        assertThat(two.get("/api/v1/me", member.accessToken()).status()).isEqualTo(401);
        assertThat(one.get("/api/v1/me", member.accessToken()).status()).isEqualTo(401);
    }

    @Test
    void aRoleRevokedOnOneInstanceStopsCountingOnTheOtherAtOnce() {
        Org.Member member = org.member(Role.SUPPORT);
        bothAnswer("/api/v1/members", member.accessToken());

        assertThat(one.delete("/api/v1/members/" + member.id() + "/roles/SUPPORT", org.admin().accessToken()).status()).isEqualTo(204);

        assertThat(two.get("/api/v1/members", member.accessToken()).status()).isEqualTo(403);
        assertThat(one.get("/api/v1/members", member.accessToken()).status()).isEqualTo(403);
        assertThat(two.get("/api/v1/me", member.accessToken()).status()).as("he is still signed in").isEqualTo(200);
    }

    @Test
    void aManDeactivatedOnOneInstanceIsRefusedOnTheOtherAtOnce() {
        Org.Member member = org.member();
        bothAnswer("/api/v1/me", member.accessToken());

        assertThat(two.post("/api/v1/members/" + member.id() + "/deactivate", null, org.admin().accessToken()).status()).isEqualTo(200);

        assertThat(one.get("/api/v1/me", member.accessToken()).status()).isEqualTo(401);
        assertThat(two.get("/api/v1/me", member.accessToken()).status()).isEqualTo(401);
    }

    @Test
    void aRoleGrantedOnOneInstanceCountsOnTheOtherAtOnce() {
        Org.Member member = org.member();
        for (int i = 0; i < 3; i++) {
            assertThat(one.get("/api/v1/members", member.accessToken()).status()).isEqualTo(403);
            assertThat(two.get("/api/v1/members", member.accessToken()).status()).isEqualTo(403);
        }

        assertThat(one.post("/api/v1/members/" + member.id() + "/roles", Map.of("role", "SUPPORT"), org.admin().accessToken()).status()).isEqualTo(201);

        assertThat(two.get("/api/v1/members", member.accessToken()).status()).isEqualTo(200);
        assertThat(one.get("/api/v1/members", member.accessToken()).status()).isEqualTo(200);
    }

    @Test
    void aGrantThatRunsOutStopsCountingOnTimeWithNothingChanged() throws InterruptedException {
        Org.Member member = org.member();
        java.time.Instant until = java.time.Instant.now().plusSeconds(3);
        assertThat(one.post("/api/v1/members/" + member.id() + "/roles", Map.of("role", "SUPPORT", "validUntil", until.toString()),
                org.admin().accessToken()).status()).isEqualTo(201);
        bothAnswer("/api/v1/members", member.accessToken());

        Thread.sleep(Math.max(0, java.time.Duration.between(java.time.Instant.now(), until).toMillis()) + 200);

        assertThat(one.get("/api/v1/members", member.accessToken()).status()).isEqualTo(403);
        assertThat(two.get("/api/v1/members", member.accessToken()).status()).isEqualTo(403);
    }

    @Test
    void aSettingChangedOnOneInstanceCountsOnTheOtherAtOnce() {
        Org.Member member = org.member(Role.SUPPORT);
        bothAnswer("/api/v1/members", member.accessToken());
        Map<String, Object> before = one.get("/api/v1/organisation/settings", org.admin().accessToken()).body();
        Map<String, Object> after = new HashMap<>(before);
        after.put("mfaRequiredRoles", java.util.List.of("SUPPORT"));
        try {
            assertThat(two.put("/api/v1/organisation/settings", after, org.admin().accessToken()).status()).isEqualTo(200);

            Api.Reply refused = one.get("/api/v1/members", member.accessToken());
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.code()).isEqualTo("MFA_REQUIRED");
            assertThat(two.get("/api/v1/members", member.accessToken()).status()).isEqualTo(403);
        } finally {
            assertThat(one.put("/api/v1/organisation/settings", before, org.admin().accessToken()).status()).isEqualTo(200);
        }
        assertThat(one.get("/api/v1/members", member.accessToken()).status()).isEqualTo(200);
        assertThat(two.get("/api/v1/members", member.accessToken()).status()).isEqualTo(200);
    }

    @Test
    void eachInstanceHasItsOwnMemoryOfTokens() {
        assertThat(second.getApplicationContext().getBean(io.hearth.identity.api.VerifiedTokens.class))
                .isNotSameAs(first.getBean(io.hearth.identity.api.VerifiedTokens.class));
        assertThat(second.getPort()).isNotEqualTo(8080);
    }
}
