package io.hearth.payments;

import io.hearth.Api;
import io.hearth.PermissionMatrix;
import io.hearth.PermissionMatrix.Row;
import io.hearth.RealStack;
import io.hearth.identity.Org;
import io.hearth.identity.Role;
import io.hearth.tenancy.TenantDirectory;
import io.hearth.tenancy.TenantProvisioning;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every role against every payments endpoint, in an organisation that has not connected Stripe (nothing here may
 * reach it). The PTM created the event, so he staffs it and sees its payments. Ids that name nothing show that a
 * permitted caller gets as far as the lookup (404) while the others are stopped before it (403).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PaymentPermissionMatrixIT implements RealStack {

    @Inject @Client("/") HttpClient client;
    @Inject TenantProvisioning provisioning;
    @Inject TenantDirectory directory;
    Org org;
    final Map<Role, Org.Member> people = new EnumMap<>(Role.class);
    String event;

    @BeforeAll
    void organisation() {
        org = Org.create(provisioning, directory, client, "pay-matrix");
        for (Role role : Role.values()) {
            people.put(role, org.member(role));
        }
        event = org.api().post("/api/v1/events", Map.of("type", "WORKSHOP", "title", "Matrix workshop",
                "startsAt", Instant.now().plus(Duration.ofDays(9)).toString(), "endsAt", Instant.now().plus(Duration.ofDays(9)).plusSeconds(7200).toString(),
                "timeZone", "Europe/London", "capacity", 20, "visibility", "MEMBERS"), people.get(Role.PTM).accessToken()).string("id");
    }

    List<Row> rows() {
        String unknown = UUID.randomUUID().toString();
        return List.of(
                new Row(HttpMethod.GET, "/api/v1/payments/policy", null, 401, 403, 403, 403, 200, 403, 403),
                new Row(HttpMethod.PUT, "/api/v1/payments/policy", Map.of("lapsedPlan", "KEEP"), 401, 403, 403, 403, 200, 403, 403),
                new Row(HttpMethod.GET, "/api/v1/payments", null, 401, 403, 403, 403, 200, 403, 403),
                new Row(HttpMethod.GET, "/api/v1/payments/" + unknown + "/refund-quote", null, 401, 403, 403, 403, 404, 403, 403),
                new Row(HttpMethod.POST, "/api/v1/payments/" + unknown + "/refunds", Map.of("reason", "Matrix"), 401, 403, 403, 403, 404, 403, 403),
                new Row(HttpMethod.GET, "/api/v1/payments/" + unknown + "/refunds", null, 401, 403, 403, 403, 404, 403, 403),
                new Row(HttpMethod.GET, "/api/v1/payments/stripe", null, 401, 403, 403, 403, 200, 403, 403),
                new Row(HttpMethod.GET, "/api/v1/payments/interventions", null, 401, 403, 403, 403, 200, 403, 200),
                new Row(HttpMethod.POST, "/api/v1/payments/interventions/DUES_PAST_DUE/" + unknown, Map.of("action", "RESOLVE", "note", "Matrix"),
                        401, 403, 403, 403, 404, 403, 404),
                new Row(HttpMethod.POST, "/api/v1/events/" + event + "/registrations/" + unknown + "/checkout", Map.of(), 401, 404, 404, 404, 404, 404, 404),
                new Row(HttpMethod.GET, "/api/v1/events/" + event + "/payments", null, 401, 403, 403, 200, 200, 403, 403),
                new Row(HttpMethod.GET, "/api/v1/me/payments", null, 401, 200, 200, 200, 200, 200, 200),
                new Row(HttpMethod.GET, "/api/v1/me/payments/" + unknown + "/receipt", null, 401, 404, 404, 404, 404, 404, 404),
                new Row(HttpMethod.GET, "/api/v1/reports/payments", null, 401, 403, 403, 403, 200, 200, 403),
                new Row(HttpMethod.GET, "/api/v1/reports/payments/export.csv", null, 401, 403, 403, 403, 200, 200, 403),
                new Row(HttpMethod.POST, "/api/v1/fund/gifts", Map.of("amountCents", 1_000, "currency", "GBP"), 401, 409, 409, 409, 409, 409, 409),
                new Row(HttpMethod.GET, "/api/v1/fund", null, 401, 403, 403, 403, 200, 200, 403),
                new Row(HttpMethod.GET, "/api/v1/fund/candidates", null, 401, 403, 403, 403, 200, 403, 403),
                new Row(HttpMethod.POST, "/api/v1/fund/grants", Map.of("registrationId", unknown, "amountCents", 500), 401, 403, 403, 403, 404, 403, 403),
                new Row(HttpMethod.POST, "/api/v1/circles/" + unknown + "/dues/checkout", Map.of(), 401, 404, 404, 404, 404, 404, 404),
                new Row(HttpMethod.GET, "/api/v1/me/dues", null, 401, 200, 200, 200, 200, 200, 200),
                new Row(HttpMethod.POST, "/api/v1/me/dues/" + unknown + "/portal", Map.of(), 401, 404, 404, 404, 404, 404, 404),
                // Stripe's door is on the platform's own host only; there no token counts, only Stripe's signature (PaymentsIT).
                new Row(HttpMethod.POST, "/api/v1/stripe/webhooks", Map.of("id", "evt_matrix", "type", "charge.refunded"), 404, 404, 404, 404, 404, 404, 404),
                // Onboarding last: it connects the organisation's account at the stand-in.
                new Row(HttpMethod.POST, "/api/v1/payments/stripe/onboarding", Map.of(), 401, 403, 403, 403, 200, 403, 403));
    }

    Stream<Arguments> matrix() {
        return PermissionMatrix.cases(rows());
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("matrix")
    void answersEachRoleAsThePaymentRulesSay(String caller, Row row, int expected) {
        String token = "NONE".equals(caller) ? null : people.get(Role.valueOf(caller)).accessToken();

        Api.Reply reply = org.api().send(row.method(), row.path(), row.body(), token);

        assertThat(reply.status()).as("%s %s: %s", caller, row, reply.body()).isEqualTo(expected);
    }
}
