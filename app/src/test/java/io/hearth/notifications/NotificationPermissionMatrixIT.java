package io.hearth.notifications;

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

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every role against every notifications endpoint. Each is his own: signed in, anyone reaches his own notifications
 * and settings; nobody else's (an id that is not his is 404, whoever asks).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotificationPermissionMatrixIT implements RealStack {

    @Inject @Client("/") HttpClient client;
    @Inject TenantProvisioning provisioning;
    @Inject TenantDirectory directory;
    Org org;
    final Map<Role, Org.Member> people = new EnumMap<>(Role.class);

    @BeforeAll
    void organisation() {
        org = Org.create(provisioning, directory, client, "hear-matrix");
        for (Role role : Role.values()) {
            people.put(role, org.member(role));
        }
    }

    List<Row> rows() {
        String unknown = UUID.randomUUID().toString();
        return List.of(
                new Row(HttpMethod.GET, "/api/v1/notifications", null, 401, 200, 200, 200, 200, 200, 200),
                new Row(HttpMethod.GET, "/api/v1/notifications?unread", null, 401, 200, 200, 200, 200, 200, 200),
                new Row(HttpMethod.POST, "/api/v1/notifications/read-all", Map.of(), 401, 200, 200, 200, 200, 200, 200),
                new Row(HttpMethod.POST, "/api/v1/notifications/" + unknown + "/read", Map.of(), 401, 404, 404, 404, 404, 404, 404),
                new Row(HttpMethod.POST, "/api/v1/notifications/" + unknown + "/acknowledge", Map.of(), 401, 404, 404, 404, 404, 404, 404),
                new Row(HttpMethod.GET, "/api/v1/me/notification-preferences", null, 401, 200, 200, 200, 200, 200, 200),
                new Row(HttpMethod.PUT, "/api/v1/me/notification-preferences", Map.of("items", List.of(
                        Map.of("kind", "ANNOUNCEMENT", "channel", "EMAIL", "level", "DIRECT"))), 401, 200, 200, 200, 200, 200, 200),
                new Row(HttpMethod.GET, "/api/v1/me/quiet-hours", null, 401, 200, 200, 200, 200, 200, 200),
                new Row(HttpMethod.PUT, "/api/v1/me/quiet-hours", Map.of("from", "23:00", "to", "06:30", "timeZone", "Europe/London"),
                        401, 200, 200, 200, 200, 200, 200),
                new Row(HttpMethod.GET, "/api/v1/me/notification-schedule", null, 401, 200, 200, 200, 200, 200, 200),
                new Row(HttpMethod.PUT, "/api/v1/me/notification-schedule", Map.of("digest", "WEEKLY"), 401, 200, 200, 200, 200, 200, 200),
                new Row(HttpMethod.GET, "/api/v1/me/muted-circles", null, 401, 200, 200, 200, 200, 200, 200),
                new Row(HttpMethod.PUT, "/api/v1/me/muted-circles/" + unknown, Map.of(), 401, 404, 404, 404, 404, 404, 404),
                new Row(HttpMethod.DELETE, "/api/v1/me/muted-circles/" + unknown, null, 401, 200, 200, 200, 200, 200, 200),
                // The organisation's defaults: its admins only.
                new Row(HttpMethod.GET, "/api/v1/organisation/notification-defaults", null, 401, 403, 403, 403, 200, 403, 403),
                new Row(HttpMethod.PUT, "/api/v1/organisation/notification-defaults", Map.of("items", List.of(
                        Map.of("kind", "ANNOUNCEMENT", "channel", "PUSH", "level", "ALL"))), 401, 403, 403, 403, 200, 403, 403),
                new Row(HttpMethod.GET, "/api/v1/push/vapid-public-key", null, 401, 200, 200, 200, 200, 200, 200),
                new Row(HttpMethod.GET, "/api/v1/me/push-subscriptions", null, 401, 200, 200, 200, 200, 200, 200),
                new Row(HttpMethod.POST, "/api/v1/me/push-subscriptions", Map.of("endpoint", "https://10.1.2.3/x", "keys",
                        Map.of("p256dh", "x", "auth", "y")), 401, 422, 422, 422, 422, 422, 422),
                new Row(HttpMethod.DELETE, "/api/v1/me/push-subscriptions?endpoint=https%3A%2F%2Ffcm.googleapis.com%2Fx", null,
                        401, 204, 204, 204, 204, 204, 204),
                new Row(HttpMethod.GET, "/api/v1/crisis-lines", null, 401, 200, 200, 200, 200, 200, 200),
                new Row(HttpMethod.PUT, "/api/v1/crisis-lines", Map.of("lines", List.of()), 401, 403, 403, 403, 200, 403, 403),
                new Row(HttpMethod.POST, "/api/v1/reach-out", Map.of("alert", false), 401, 201, 201, 201, 201, 201, 201),
                new Row(HttpMethod.GET, "/api/v1/reach-outs", null, 401, 200, 200, 200, 200, 200, 200),
                new Row(HttpMethod.GET, "/api/v1/reach-outs/" + unknown, null, 401, 404, 404, 404, 404, 404, 404),
                new Row(HttpMethod.POST, "/api/v1/reach-outs/" + unknown + "/take", Map.of(), 401, 404, 404, 404, 404, 404, 404),
                new Row(HttpMethod.GET, "/api/v1/reports/reach-outs", null, 401, 403, 403, 403, 200, 200, 403),
                // Named men: admins and support only; a circle or an event: those who run it.
                new Row(HttpMethod.POST, "/api/v1/safety-messages", Map.of("personIds", List.of(people.get(Role.MEMBER).id().toString()),
                        "text", "Please call the office"), 401, 403, 403, 403, 201, 403, 201),
                new Row(HttpMethod.GET, "/api/v1/safety-messages/" + unknown, null, 401, 404, 404, 404, 404, 404, 404));
    }

    Stream<Arguments> matrix() {
        return PermissionMatrix.cases(rows());
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("matrix")
    void answersEachRoleForHisOwnNotificationsOnly(String caller, Row row, int expected) {
        String token = "NONE".equals(caller) ? null : people.get(Role.valueOf(caller)).accessToken();

        var reply = org.api().send(row.method(), row.path(), row.body(), token);

        assertThat(reply.status()).as("%s %s: %s", caller, row, reply.body()).isEqualTo(expected);
    }
}
