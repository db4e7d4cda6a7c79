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

/** One address trying many accounts is slowed down, whichever accounts it tries. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignInPerAddressLimitIT implements RealStack {

    @Inject @Client("/") HttpClient client;
    @Inject TenantProvisioning provisioning;
    @Inject TenantDirectory directory;

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("hearth.rate-limits.login-per-ip-per-minute", "3");
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
}
