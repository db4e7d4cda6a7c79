package io.hearth.admin.tenants;

import io.hearth.admin.RealStack;
import io.hearth.admin.outbox.Topics;
import io.hearth.kit.outbox.EventEnvelope;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantApiIT implements RealStack {

    @Inject @Client("/") HttpClient client;
    @Inject JsonMapper json;
    String token;
    KafkaConsumer<String, String> consumer;
    final List<EventEnvelope> lifecycle = new ArrayList<>();

    @BeforeAll
    void signIn() {
        Map<?, ?> body = client.toBlocking().retrieve(HttpRequest.POST("/api/v1/auth/login",
                Map.of("email", "operator@hearth.localhost", "password", "hearth-operator-dev")), Map.class);
        token = (String) body.get("accessToken");
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RealStack.stack().kafkaBootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(Topics.TENANT_LIFECYCLE));
    }

    @AfterAll
    void close() {
        consumer.close();
    }

    @Test
    void everyAnswerCarriesTheHardeningHeaders() {
        HttpClientResponseException error = catchThrowableOfType(HttpClientResponseException.class,
                () -> client.toBlocking().exchange(HttpRequest.GET("/api/v1/tenants"), Map.class));
        io.micronaut.http.HttpResponse<Map> list = client.toBlocking().exchange(HttpRequest.GET("/api/v1/tenants").bearerAuth(token), Map.class);

        for (io.micronaut.http.HttpHeaders headers : List.of(error.getResponse().getHeaders(), list.getHeaders())) {
            assertThat(headers.get("Content-Security-Policy")).as("%s", headers.asMap()).contains("frame-ancestors 'none'").contains("script-src 'self';");
            assertThat(headers.get("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(headers.get("Referrer-Policy")).isEqualTo("no-referrer");
            assertThat(headers.get("Permissions-Policy")).contains("microphone=()");
            assertThat(headers.get("Strict-Transport-Security")).startsWith("max-age=");
        }
        assertThat(list.getHeaders().get("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void aNulInAPathVariableIs422NeverAQuery() {
        HttpClientResponseException error = catchThrowableOfType(HttpClientResponseException.class,
                () -> client.toBlocking().exchange(HttpRequest.GET("/api/v1/tenants/%00").bearerAuth(token), Map.class));

        assertProblem(error, 422, "VALIDATION_ERROR");
    }

    @Test
    void wrongPasswordIs401() {
        HttpClientResponseException error = catchThrowableOfType(HttpClientResponseException.class, () -> client.toBlocking().exchange(
                HttpRequest.POST("/api/v1/auth/login", Map.of("email", "operator@hearth.localhost", "password", "wrong-password")), Map.class));

        assertProblem(error, 401, "AUTHENTICATION_ERROR");
    }

    @Test
    void tenantsNeedAnOperatorToken() {
        HttpClientResponseException none = catchThrowableOfType(HttpClientResponseException.class,
                () -> client.toBlocking().exchange(HttpRequest.GET("/api/v1/tenants"), Map.class));
        HttpClientResponseException forged = catchThrowableOfType(HttpClientResponseException.class,
                () -> client.toBlocking().exchange(HttpRequest.GET("/api/v1/tenants").bearerAuth(token.substring(0, token.length() - 4) + "AAAA"), Map.class));

        assertProblem(none, 401, "AUTHENTICATION_ERROR");
        assertProblem(forged, 401, "AUTHENTICATION_ERROR");
    }

    @Test
    void registersATenantAndAnnouncesItOnKafka() throws Exception {
        String slug = "acme-" + UUID.randomUUID().toString().substring(0, 6);

        HttpResponse<Map> response = client.toBlocking().exchange(authed(HttpRequest.POST("/api/v1/tenants",
                Map.of("slug", slug, "name", "Acme Men's Circle", "adminEmail", "Lead@Acme.test", "plan", "standard"))), Map.class);

        assertThat(response.getStatus().getCode()).isEqualTo(202);
        assertThat(response.header("Location")).isEqualTo("/api/v1/tenants/" + slug);
        assertThat(response.body()).containsEntry("status", "PROVISIONING").containsEntry("adminEmail", "lead@acme.test");
        UUID id = UUID.fromString((String) response.body().get("id"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !eventsFor(id).isEmpty());
        EventEnvelope registered = eventsFor(id).get(0);
        assertThat(registered.type()).isEqualTo("TenantRegistered");
        assertThat(registered.payload()).containsEntry("slug", slug).containsEntry("plan", "standard");
    }

    @Test
    void recordsProvisioningOutcomesFromApp() throws Exception {
        String ok = register("ok");
        String bad = register("bad");

        publish(EventEnvelope.of("TenantProvisioned", idOf(ok), Map.of("slug", ok)));
        publish(EventEnvelope.of("TenantProvisioningFailed", idOf(bad), Map.of("slug", bad, "reason", "disk full")));

        await().atMost(Duration.ofSeconds(10)).until(() -> "ACTIVE".equals(get(ok).get("status")));
        await().atMost(Duration.ofSeconds(10)).until(() -> "FAILED".equals(get(bad).get("status")));
        assertThat(get(bad)).containsEntry("failureReason", "disk full");
    }

    @Test
    @SuppressWarnings("unchecked")
    void showsAppsFiguresAndAsksAppToMoveBackUpAndRestoreEachRequestInTheOperatorsLog() throws Exception {
        String slug = register("ops");
        UUID id = idOf(slug);
        publish(EventEnvelope.of("TenantProvisioned", id, Map.of("slug", slug)));
        Map<String, Object> report = new java.util.HashMap<>(Map.of("slug", slug, "cluster", "main", "schemaVersion", "20261209100000",
                "sizeBytes", 4096000, "members", 412, "lastActivityAt", "2026-12-07T08:00:00Z", "lastBackupAt", "2026-12-07T03:30:00Z",
                "rehearsedAt", "2026-12-07T03:31:00Z", "rehearsalOk", true, "rehearsalDetail", "9120 rows restored in 840 ms"));
        report.put("clusters", List.of("main", "pg-2"));
        publish(EventEnvelope.of("TenantOperationsReported", id, report));
        await().atMost(Duration.ofSeconds(10)).until(() -> "main".equals(get(slug).get("cluster")) && "ACTIVE".equals(get(slug).get("status")));

        Map<String, Object> tenant = get(slug);
        assertThat(tenant).containsEntry("schemaVersion", "20261209100000").containsEntry("sizeBytes", 4096000).containsEntry("members", 412)
                .containsEntry("lastActivityAt", "2026-12-07T08:00:00Z").containsEntry("lastBackupAt", "2026-12-07T03:30:00Z");
        assertThat((Map<String, Object>) tenant.get("lastRehearsal")).containsEntry("ok", true).containsEntry("detail", "9120 rows restored in 840 ms");
        List<Map<String, Object>> clusters = client.toBlocking().retrieve(authed(HttpRequest.GET("/api/v1/clusters")),
                io.micronaut.core.type.Argument.listOf(io.micronaut.core.type.Argument.mapOf(String.class, Object.class)));
        assertThat(clusters).extracting(cluster -> cluster.get("name")).contains("main", "pg-2");

        assertProblem(catchThrowableOfType(HttpClientResponseException.class, () -> client.toBlocking().exchange(authed(HttpRequest.POST("/api/v1/tenants/" + slug + "/move",
                Map.of("cluster", "mars"))), Map.class)), 422, "VALIDATION_ERROR");
        assertProblem(catchThrowableOfType(HttpClientResponseException.class, () -> client.toBlocking().exchange(authed(HttpRequest.POST("/api/v1/tenants/" + slug + "/move",
                Map.of("cluster", "main"))), Map.class)), 409, "RESOURCE_CONFLICT");
        HttpResponse<Map> moving = client.toBlocking().exchange(authed(HttpRequest.POST("/api/v1/tenants/" + slug + "/move", Map.of("cluster", "pg-2"))),
                Map.class);
        assertThat(moving.getStatus().getCode()).isEqualTo(202);
        assertThat((Map<String, Object>) moving.body().get("move")).containsEntry("target", "pg-2").containsEntry("state", "REQUESTED");
        HttpResponse<Map> backup = client.toBlocking().exchange(authed(HttpRequest.POST("/api/v1/tenants/" + slug + "/backups", "")), Map.class);
        assertThat(backup.getStatus().getCode()).isEqualTo(202);
        assertThat(backup.body()).containsEntry("state", "REQUESTED");
        String backupId = (String) backup.body().get("id");
        assertProblem(catchThrowableOfType(HttpClientResponseException.class, () -> client.toBlocking().exchange(authed(HttpRequest.GET("/api/v1/tenants/" + slug + "/export")), Map.class)),
                409, "NO_BACKUP");
        assertProblem(catchThrowableOfType(HttpClientResponseException.class, () -> client.toBlocking().exchange(authed(HttpRequest.POST("/api/v1/tenants/" + slug + "/restore",
                Map.of("backup", backupId))), Map.class)), 422, "VALIDATION_ERROR");

        await().atMost(Duration.ofSeconds(10)).until(() -> eventsFor(id).size() >= 3);
        assertThat(eventsFor(id)).extracting(EventEnvelope::type).containsSubsequence("TenantRegistered", "TenantMoveRequested", "TenantBackupRequested");
        assertThat(eventsFor(id).stream().filter(event -> event.type().equals("TenantMoveRequested")).findFirst().orElseThrow().payload())
                .containsEntry("cluster", "pg-2");

        publish(EventEnvelope.of("TenantBackupFinished", id, Map.of("backupId", backupId, "state", "DONE", "rows", 9120, "sizeBytes", 2048000,
                "finishedAt", "2026-12-07T10:00:00Z", "location", "not-in-this-store.zip")));
        await().atMost(Duration.ofSeconds(10)).until(() -> "DONE".equals(backups(slug).get(0).get("state")));
        assertThat(backups(slug).get(0)).containsEntry("rows", 9120);
        HttpResponse<Map> copy = client.toBlocking().exchange(authed(HttpRequest.POST("/api/v1/tenants/" + slug + "/restore",
                Map.of("backup", backupId, "newSlug", slug + "-copy"))), Map.class);
        assertThat(copy.getStatus().getCode()).isEqualTo(202);
        assertThat(copy.body()).containsEntry("slug", slug + "-copy").containsEntry("status", "PROVISIONING");
        UUID copyId = UUID.fromString((String) copy.body().get("id"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !eventsFor(copyId).isEmpty());
        assertThat(eventsFor(copyId).get(0).payload()).containsEntry("restoreFrom", backupId).containsEntry("slug", slug + "-copy");

        String request = (String) eventsFor(id).stream().filter(event -> event.type().equals("TenantMoveRequested")).findFirst().orElseThrow()
                .payload().get("requestId");
        publish(EventEnvelope.of("TenantOperationFailed", id, Map.of("operation", "move", "reason", "schema exists on pg-2 already",
                "requestId", request)));
        await().atMost(Duration.ofSeconds(10)).until(() -> get(slug).get("operationFailed") != null);
        assertThat((Map<String, Object>) get(slug).get("move")).containsEntry("state", "FAILED");

        List<Map<String, Object>> log = (List<Map<String, Object>>) client.toBlocking()
                .retrieve(authed(HttpRequest.GET("/api/v1/operators/audit?limit=50")), Map.class).get("items");
        assertThat(log).extracting(line -> line.get("action")).contains("MOVE_REQUESTED", "BACKUP_REQUESTED", "RESTORE_REQUESTED");
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> backups(String slug) {
        return client.toBlocking().retrieve(authed(HttpRequest.GET("/api/v1/tenants/" + slug + "/backups")),
                io.micronaut.core.type.Argument.listOf(io.micronaut.core.type.Argument.mapOf(String.class, Object.class)));
    }

    @Test
    void suspendsAndReactivatesAnActiveTenant() throws Exception {
        String slug = register("life");
        publish(EventEnvelope.of("TenantProvisioned", idOf(slug), Map.of("slug", slug)));
        await().atMost(Duration.ofSeconds(10)).until(() -> "ACTIVE".equals(get(slug).get("status")));

        Map<?, ?> suspended = client.toBlocking().retrieve(authed(HttpRequest.POST("/api/v1/tenants/" + slug + "/suspend", "")), Map.class);
        Map<?, ?> again = client.toBlocking().retrieve(authed(HttpRequest.POST("/api/v1/tenants/" + slug + "/suspend", "")), Map.class);
        Map<?, ?> reactivated = client.toBlocking().retrieve(authed(HttpRequest.POST("/api/v1/tenants/" + slug + "/reactivate", "")), Map.class);

        assertThat(suspended.get("status")).isEqualTo("SUSPENDED");
        assertThat(again.get("status")).isEqualTo("SUSPENDED");
        assertThat(reactivated.get("status")).isEqualTo("ACTIVE");
        await().atMost(Duration.ofSeconds(10)).until(() -> eventsFor(idOf(slug)).size() >= 3);
        assertThat(eventsFor(idOf(slug))).extracting(EventEnvelope::type)
                .containsExactly("TenantRegistered", "TenantSuspended", "TenantReactivated");
    }

    @Test
    void anOperatorGivesAnOrganisationItsOwnTextingNumberWhichNoOtherMayHaveAndTakesItAway() throws Exception {
        String slug = register("texting");
        String rival = register("texting-rival");
        String number = "+4477009" + String.format("%05d", new java.util.Random().nextInt(100000));

        Map<?, ?> given = client.toBlocking().retrieve(authed(HttpRequest.PUT("/api/v1/tenants/" + slug + "/sms-number", Map.of("number", " " + number + " "))), Map.class);
        HttpClientResponseException taken = catchThrowableOfType(HttpClientResponseException.class, () -> client.toBlocking().exchange(
                authed(HttpRequest.PUT("/api/v1/tenants/" + rival + "/sms-number", Map.of("number", number))), Map.class));
        HttpClientResponseException bad = catchThrowableOfType(HttpClientResponseException.class, () -> client.toBlocking().exchange(
                authed(HttpRequest.PUT("/api/v1/tenants/" + rival + "/sms-number", Map.of("number", "07700 900123"))), Map.class));
        Map<String, Object> none = new java.util.HashMap<>();
        none.put("number", null);
        Map<?, ?> shared = client.toBlocking().retrieve(authed(HttpRequest.PUT("/api/v1/tenants/" + slug + "/sms-number", none)), Map.class);

        assertThat(given.get("smsNumber")).isEqualTo(number);
        assertProblem(taken, 409, "RESOURCE_CONFLICT");
        assertProblem(bad, 422, "VALIDATION_ERROR");
        assertThat(shared.get("smsNumber")).isNull();
        await().atMost(Duration.ofSeconds(10)).until(() -> eventsFor(idOf(slug)).size() >= 3);
        assertThat(eventsFor(idOf(slug))).extracting(EventEnvelope::type)
                .containsExactly("TenantRegistered", "TenantSmsNumberChanged", "TenantSmsNumberChanged");
        assertThat(eventsFor(idOf(slug)).get(1).payload()).containsEntry("number", number).containsEntry("slug", slug);
        assertThat(eventsFor(idOf(slug)).get(2).payload().get("number")).isNull();
        assertThat(get(rival).get("smsNumber")).isNull();
    }

    @Test
    void anOperatorRetriesAFailedProvisioning() throws Exception {
        String slug = register("retry");
        publish(EventEnvelope.of("TenantProvisioningFailed", idOf(slug), Map.of("slug", slug, "reason", "the database was down")));
        await().atMost(Duration.ofSeconds(10)).until(() -> "FAILED".equals(get(slug).get("status")));

        HttpResponse<Map> retried = client.toBlocking().exchange(authed(HttpRequest.POST("/api/v1/tenants/" + slug + "/retry-provisioning", "")), Map.class);

        assertThat(retried.getStatus().getCode()).isEqualTo(202);
        assertThat(retried.body()).containsEntry("status", "PROVISIONING").doesNotContainKey("failureReason");
        await().atMost(Duration.ofSeconds(10)).until(() -> eventsFor(idOf(slug)).size() >= 2);
        EventEnvelope retry = eventsFor(idOf(slug)).get(1);
        assertThat(retry.type()).isEqualTo("TenantProvisioningRetried");
        assertThat(retry.payload()).containsEntry("slug", slug).containsEntry("adminEmail", "admin@" + slug + ".test").containsEntry("plan", "standard");

        publish(EventEnvelope.of("TenantProvisioned", idOf(slug), Map.of("slug", slug)));
        await().atMost(Duration.ofSeconds(10)).until(() -> "ACTIVE".equals(get(slug).get("status")));
        assertProblem(catchThrowableOfType(HttpClientResponseException.class, () -> client.toBlocking().exchange(
                authed(HttpRequest.POST("/api/v1/tenants/" + slug + "/retry-provisioning", "")), Map.class)), 409, "RESOURCE_CONFLICT");
    }

    @Test
    void anOperatorResendsTheFirstAdminsInvitationOfAnActiveTenant() throws Exception {
        String slug = register("resend");
        assertProblem(catchThrowableOfType(HttpClientResponseException.class, () -> client.toBlocking().exchange(
                authed(HttpRequest.POST("/api/v1/tenants/" + slug + "/resend-invitation", "")), Map.class)), 409, "RESOURCE_CONFLICT");
        publish(EventEnvelope.of("TenantProvisioned", idOf(slug), Map.of("slug", slug)));
        await().atMost(Duration.ofSeconds(10)).until(() -> "ACTIVE".equals(get(slug).get("status")));

        HttpResponse<Map> resent = client.toBlocking().exchange(authed(HttpRequest.POST("/api/v1/tenants/" + slug + "/resend-invitation", "")), Map.class);

        assertThat(resent.getStatus().getCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> eventsFor(idOf(slug)).size() >= 2);
        assertThat(eventsFor(idOf(slug))).extracting(EventEnvelope::type).containsExactly("TenantRegistered", "FirstAdminInvitationResent");
        assertThat(eventsFor(idOf(slug)).get(1).payload()).containsEntry("adminEmail", "admin@" + slug + ".test");
        assertProblem(catchThrowableOfType(HttpClientResponseException.class, () -> client.toBlocking().exchange(
                authed(HttpRequest.POST("/api/v1/tenants/nobody-here/resend-invitation", "")), Map.class)), 404, "RESOURCE_NOT_FOUND");
    }

    @Test
    void cannotSuspendATenantStillProvisioning() {
        String slug = register("early");

        HttpClientResponseException error = catchThrowableOfType(HttpClientResponseException.class,
                () -> client.toBlocking().exchange(authed(HttpRequest.POST("/api/v1/tenants/" + slug + "/suspend", "")), Map.class));

        assertProblem(error, 409, "RESOURCE_CONFLICT");
    }

    @ParameterizedTest
    @ValueSource(strings = {"admin", "api", "www", "app", "mail", "static", "assets", "status", "support", "help", "hearth",
            "public", "information_schema", "pg", "pgsql", "pg-demo", "ab", "Acme", "acme-", "1acme", "ac_me", "ac.me",
            "thirtyonecharacterslongslugabcd", "acme corp", ""})
    void refusesReservedOrMalformedSlugsWith422(String slug) {
        HttpClientResponseException error = catchThrowableOfType(HttpClientResponseException.class, () -> client.toBlocking().exchange(
                authed(HttpRequest.POST("/api/v1/tenants", Map.of("slug", slug, "name", "X", "adminEmail", "a@b.test", "plan", "standard"))), Map.class));

        Map<String, Object> body = assertProblem(error, 422, "VALIDATION_ERROR");
        assertThat((List<Map<String, Object>>) body.get("errors")).extracting(e -> e.get("field")).contains("slug");
    }

    @Test
    void refusesATakenSlugWith409() {
        String slug = register("dup");

        HttpClientResponseException error = catchThrowableOfType(HttpClientResponseException.class, () -> client.toBlocking().exchange(
                authed(HttpRequest.POST("/api/v1/tenants", Map.of("slug", slug, "name", "X", "adminEmail", "a@b.test", "plan", "standard"))), Map.class));

        assertProblem(error, 409, "RESOURCE_CONFLICT");
    }

    @Test
    void answersMalformedBodiesWithProblems() {
        assertProblem(catchThrowableOfType(HttpClientResponseException.class, () -> client.toBlocking().exchange(
                authed(HttpRequest.POST("/api/v1/tenants", "{\"slug\": ").contentType(MediaType.APPLICATION_JSON_TYPE)), Map.class)), 400, "VALIDATION_ERROR");
        assertProblem(catchThrowableOfType(HttpClientResponseException.class, () -> client.toBlocking().exchange(
                authed(HttpRequest.POST("/api/v1/tenants", "{\"slug\": [1,2]}").contentType(MediaType.APPLICATION_JSON_TYPE)), Map.class)), 400, "VALIDATION_ERROR");
        assertProblem(catchThrowableOfType(HttpClientResponseException.class, () -> client.toBlocking().exchange(
                authed(HttpRequest.POST("/api/v1/tenants", "{}").contentType(MediaType.APPLICATION_JSON_TYPE)), Map.class)), 422, "VALIDATION_ERROR");
        assertProblem(catchThrowableOfType(HttpClientResponseException.class, () -> client.toBlocking().exchange(
                authed(HttpRequest.POST("/api/v1/tenants", "slug=x").contentType(MediaType.TEXT_PLAIN_TYPE)), Map.class)), 415, "UNSUPPORTED_MEDIA_TYPE");
        assertProblem(catchThrowableOfType(HttpClientResponseException.class, () -> client.toBlocking().exchange(
                authed(HttpRequest.POST("/api/v1/tenants", "{\"name\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}")
                        .contentType(MediaType.APPLICATION_JSON_TYPE)), Map.class)), 413, "PAYLOAD_TOO_LARGE");
        assertProblem(catchThrowableOfType(HttpClientResponseException.class, () -> client.toBlocking().exchange(
                authed(HttpRequest.DELETE("/api/v1/tenants")), Map.class)), 405, "METHOD_NOT_ALLOWED");
        assertProblem(catchThrowableOfType(HttpClientResponseException.class, () -> client.toBlocking().exchange(
                authed(HttpRequest.GET("/api/v1/no-such-thing")), Map.class)), 404, "RESOURCE_NOT_FOUND");
        assertProblem(catchThrowableOfType(HttpClientResponseException.class, () -> client.toBlocking().exchange(
                authed(HttpRequest.GET("/api/v1/tenants/no-such-org")), Map.class)), 404, "RESOURCE_NOT_FOUND");
    }

    @Test
    void listsTenantsWithTheirStatus() {
        String slug = register("listed");

        Map<?, ?> page = client.toBlocking().retrieve(authed(HttpRequest.GET("/api/v1/tenants?size=200")), Map.class);

        assertThat((List<Map<String, Object>>) page.get("items")).anySatisfy(tenant -> {
            assertThat(tenant).containsEntry("slug", slug).containsEntry("status", "PROVISIONING");
        });
    }

    @Test
    void searchesTenantsBySlugOrNameAndFiltersByStatus() {
        String slug = register("searched");
        String other = register("other");

        Map<?, ?> bySlug = client.toBlocking().retrieve(authed(HttpRequest.GET("/api/v1/tenants?q=" + slug.toUpperCase())), Map.class);
        Map<?, ?> byName = client.toBlocking().retrieve(authed(HttpRequest.GET("/api/v1/tenants?q=org%20" + slug)), Map.class);
        Map<?, ?> wildcard = client.toBlocking().retrieve(authed(HttpRequest.GET("/api/v1/tenants?q=%25")), Map.class);
        Map<?, ?> active = client.toBlocking().retrieve(authed(HttpRequest.GET("/api/v1/tenants?status=ACTIVE&q=" + slug)), Map.class);

        assertThat((List<Map<String, Object>>) bySlug.get("items")).extracting(tenant -> tenant.get("slug")).containsExactly(slug);
        assertThat(bySlug.get("totalItems")).isEqualTo(1);
        assertThat((List<Map<String, Object>>) byName.get("items")).extracting(tenant -> tenant.get("slug")).containsExactly(slug);
        assertThat((List<?>) wildcard.get("items")).as("%% is a character, not a wildcard").isEmpty();
        assertThat((List<?>) active.get("items")).as("%s is still provisioning", slug).isEmpty();
        assertThat(other).isNotEqualTo(slug);
    }

    @Test
    void anUnknownStatusFilterIs400() {
        HttpClientResponseException error = catchThrowableOfType(HttpClientResponseException.class, () -> client.toBlocking().exchange(
                authed(HttpRequest.GET("/api/v1/tenants?status=SLEEPING")), Map.class));

        assertThat(error.getStatus().getCode()).isIn(400, 422);
    }

    private String register(String prefix) {
        String slug = prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
        client.toBlocking().exchange(authed(HttpRequest.POST("/api/v1/tenants",
                Map.of("slug", slug, "name", "Org " + slug, "adminEmail", "admin@" + slug + ".test", "plan", "standard"))), Map.class);
        return slug;
    }

    private Map<String, Object> get(String slug) {
        return client.toBlocking().retrieve(authed(HttpRequest.GET("/api/v1/tenants/" + slug)), Map.class);
    }

    private UUID idOf(String slug) {
        return UUID.fromString((String) get(slug).get("id"));
    }

    private void publish(EventEnvelope event) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealStack.stack().kafkaBootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.TENANT_PROVISIONING, event.tenantId().toString(), json.writeValueAsString(event))).get();
        }
    }

    private synchronized List<EventEnvelope> eventsFor(UUID tenantId) throws Exception {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
            lifecycle.add(json.readValue(record.value(), EventEnvelope.class));
        }
        return lifecycle.stream().filter(event -> event.tenantId().equals(tenantId)).toList();
    }

    private <T> MutableHttpRequest<T> authed(MutableHttpRequest<T> request) {
        return request.bearerAuth(token);
    }

    private static Map<String, Object> assertProblem(HttpClientResponseException error, int status, String code) {
        assertThat(error).as("expected an error response").isNotNull();
        assertThat(error.getStatus().getCode()).isEqualTo(status);
        assertThat(error.getResponse().getContentType().map(MediaType::toString)).hasValue("application/problem+json");
        Map<String, Object> body = error.getResponse().getBody(Map.class).orElseThrow();
        assertThat(body).containsEntry("code", code).containsEntry("status", status);
        return body;
    }

    @Test
    void itsMetricsAreServedOnTheirOwnPortTaggedWithTheServiceInAFormPromtoolAccepts(io.hearth.kit.metrics.MetricsServer metrics) throws Exception {
        java.net.http.HttpResponse<String> scrape = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + metrics.port() + "/prometheus")).GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).contains("service=\"hearth-tenant-admin\"", "hearth_outbox_backlog{", "hearth_http_server_latency_seconds_bucket{",
                "hikaricp_connections_active{");
        io.hearth.infra.Promtool.Verdict verdict = io.hearth.infra.Promtool.checkMetrics(scrape.body());
        assertThat(verdict.accepted()).as("promtool check metrics: %s", verdict.output()).isTrue();
        String onTheConsolesPort;
        try {
            onTheConsolesPort = client.toBlocking().retrieve(HttpRequest.GET("/prometheus"), String.class);
        } catch (HttpClientResponseException e) {
            onTheConsolesPort = e.getResponse().getBody(String.class).orElse("");
        }
        assertThat(onTheConsolesPort).as("not on the console's own port").doesNotContain("# TYPE");
    }
}
