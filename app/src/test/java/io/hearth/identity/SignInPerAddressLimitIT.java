package io.hearth.identity;

import io.hearth.Api;
import io.hearth.RealStack;
import io.hearth.tenancy.TenantDirectory;
import io.hearth.tenancy.TenantProvisioning;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One address failing on many accounts is slowed down, whichever accounts it tries; men succeeding from one address
 * (a retreat's wifi) are not.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignInPerAddressLimitIT implements RealStack {

    @Inject @Client("/") HttpClient client;
    @Inject TenantProvisioning provisioning;
    @Inject TenantDirectory directory;

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("hearth.rate-limits.login-failures-per-ip-per-minute", "3",
                "hearth.rate-limits.login-attempts-per-ip-per-minute", "150");
    }

    @Test
    void limitsSignInAttemptsPerAddressAcrossAccounts() {
        Org org = Org.create(provisioning, directory, client, "perip");
        List<Integer> statuses = new ArrayList<>();
        Api.Reply last = null;

        for (int i = 0; i < 5; i++) {
            last = org.api().post("/api/v1/auth/login", Map.of("email", UUID.randomUUID() + "@example.org", "password", "some password or other"), null);
            statuses.add(last.status());
        }

        assertThat(statuses).containsExactly(401, 401, 401, 429, 429);
        assertThat(last.code()).isEqualTo("RATE_LIMITED");
        assertThat(last.header("Retry-After")).isPresent();
    }

    @Test
    void aHundredSuccessfulSignInsFromOneAddressInAMinuteAreNotLimited() {
        Org org = Org.create(provisioning, directory, client, "venue");
        List<Org.Member> men = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            men.add(org.member());
        }
        List<Integer> statuses = new ArrayList<>();
        long started = System.nanoTime();

        for (int round = 0; round < 10; round++) {
            for (Org.Member man : men) {
                statuses.add(org.api().post("/api/v1/auth/login", Map.of("email", man.email(), "password", Org.PASSWORD), null).status());
            }
        }

        assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).as("within one window").isLessThan(java.time.Duration.ofMinutes(1));
        assertThat(statuses).hasSize(100).containsOnly(200);
        Api.Reply failed = org.api().post("/api/v1/auth/login", Map.of("email", men.get(0).email(), "password", "not his password"), null);
        assertThat(failed.status()).as("failures are still counted").isEqualTo(401);
    }
}
