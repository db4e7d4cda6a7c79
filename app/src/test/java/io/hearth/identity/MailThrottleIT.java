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

/** One client cannot make Hearth send unlimited mail by registering or resetting, whichever addresses it names. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MailThrottleIT implements RealStack {

    @Inject @Client("/") HttpClient client;
    @Inject TenantProvisioning provisioning;
    @Inject TenantDirectory directory;

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("hearth.rate-limits.mail-per-client-per-hour", "6");
    }

    @Test
    void registrationsAndResetsFromOneClientAreLimitedPerHour() {
        Org org = Org.create(provisioning, directory, client, "throttle");
        List<Integer> statuses = new ArrayList<>();
        Api.Reply last = null;
        for (int i = 0; i < 4; i++) {
            last = org.api().post("/api/v1/auth/register", Map.of("email", UUID.randomUUID() + "@x.test", "password", Org.PASSWORD,
                    "firstName", "A", "lastName", "B"), null);
            statuses.add(last.status());
            last = org.api().post("/api/v1/auth/password-reset", Map.of("email", UUID.randomUUID() + "@x.test"), null);
            statuses.add(last.status());
        }

        assertThat(statuses).containsExactly(202, 202, 202, 202, 202, 202, 429, 429);
        assertThat(last.code()).isEqualTo("RATE_LIMITED");
        assertThat(last.header("Retry-After")).hasValueSatisfying(value -> assertThat(Long.parseLong(value)).isBetween(1L, 3600L));
        Org other = Org.create(provisioning, directory, client, "throttle-other");
        assertThat(other.api().post("/api/v1/auth/password-reset", Map.of("email", UUID.randomUUID() + "@x.test"), null).status())
                .as("each organisation counts its own").isEqualTo(202);
    }
}
