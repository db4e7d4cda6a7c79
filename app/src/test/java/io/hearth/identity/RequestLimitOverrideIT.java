package io.hearth.identity;

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
import static org.assertj.core.api.Assertions.assertThat;

/** A benchmark's ceiling replaces every organisation's per-person limit, so that the limit is never what it measures. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestLimitOverrideIT implements RealStack {

    @Inject @Client("/") HttpClient client;
    @Inject TenantProvisioning provisioning;
    @Inject TenantDirectory directory;

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("hearth.rate-limits.requests-per-minute-override", "1000");
    }

    @Test
    void theOverrideIsTheLimitWhateverTheOrganisationSet() {
        Org small = Org.create(provisioning, directory, client, "override");
        small.api().put("/api/v1/organisation/settings", Map.of("registrationMode", "APPROVAL", "mfaRequiredRoles", List.of(),
                "apiRequestsPerMinute", 60), small.admin().accessToken());
        Org.Member member = small.member();
        List<Integer> statuses = new ArrayList<>();

        for (int i = 0; i < 70; i++) {
            statuses.add(small.api().get("/api/v1/me", member.accessToken()).status());
        }

        assertThat(statuses).containsOnly(200);
    }
}
