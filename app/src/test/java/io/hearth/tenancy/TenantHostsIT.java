package io.hearth.tenancy;

import io.hearth.RealStack;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Which hosts are served, through HTTP, against the real directory. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantHostsIT implements RealStack {

    @Inject @Client("/") HttpClient client;
    @Inject TenantProvisioning provisioning;
    @Inject TenantDirectory directory;
    Tenant tenant;

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("hearth.tenancy.directory-cache-ttl", "0s");
    }

    @BeforeAll
    void provision() {
        tenant = TenantFixtures.provisioned(provisioning, directory, "hosts");
    }

    @Test
    void servesAnActiveTenantAtItsSubdomainInAnyCase() {
        HttpResponse<Map> response = client.toBlocking().exchange(
                HttpRequest.GET("/api/v1/organisation").header("Host", tenant.slug().toUpperCase() + ".localhost:8080"), Map.class);

        assertThat(response.getStatus().getCode()).isEqualTo(200);
        assertThat(response.body()).containsEntry("slug", tenant.slug()).containsEntry("name", tenant.name());
    }

    @ParameterizedTest
    @ValueSource(strings = {"public.localhost", "pg_catalog.localhost", "information_schema.localhost", "127.0.0.1",
            "localhost", "a.b.localhost", "unknown-org.localhost", "admin.localhost", "demo.example.com"})
    void answersEveryOtherHostWithTenantNotFound(String host) {
        HttpClientResponseException error = catchThrowableOfType(HttpClientResponseException.class, () -> client.toBlocking().exchange(
                HttpRequest.GET("/api/v1/organisation").header("Host", host), Map.class));

        assertThat(error.getStatus().getCode()).isEqualTo(404);
        assertThat(error.getResponse().getContentType().map(Object::toString)).hasValue("application/problem+json");
        assertThat(error.getResponse().getBody(Map.class).orElseThrow()).containsEntry("code", "TENANT_NOT_FOUND").containsEntry("status", 404);
    }

    @Test
    void stopsServingASuspendedTenantAndResumesAfterReactivation() {
        Tenant other = TenantFixtures.provisioned(provisioning, directory, "susp");
        HttpRequest<?> request = HttpRequest.GET("/api/v1/organisation").header("Host", other.slug() + ".localhost");

        directory.changeStatus(other.id(), TenantStatus.SUSPENDED);
        HttpClientResponseException suspended = catchThrowableOfType(HttpClientResponseException.class,
                () -> client.toBlocking().exchange(request, Map.class));
        directory.changeStatus(other.id(), TenantStatus.ACTIVE);
        HttpResponse<Map> reactivated = client.toBlocking().exchange(request, Map.class);

        assertThat(suspended.getStatus().getCode()).isEqualTo(404);
        assertThat(reactivated.getStatus().getCode()).isEqualTo(200);
    }

    @Test
    void answersHealthOnAnyHost() {
        HttpResponse<Map> response = client.toBlocking().exchange(HttpRequest.GET("/health/readiness").header("Host", "10.0.0.7"), Map.class);

        assertThat(response.getStatus().getCode()).isEqualTo(200);
        assertThat(response.body()).containsEntry("status", "UP");
        // Among what readiness asks: whether a graceful shutdown has begun (then DOWN, StoppingReadinessTest).
        assertThat(stopping.stopping()).isFalse();
    }

    @jakarta.inject.Inject
    io.hearth.kit.web.StoppingReadiness stopping;
}
