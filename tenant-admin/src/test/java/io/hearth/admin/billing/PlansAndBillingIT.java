package io.hearth.admin.billing;

import io.hearth.admin.RealStack;
import io.hearth.admin.outbox.Topics;
import io.hearth.kit.outbox.EventEnvelope;
import io.micronaut.http.HttpRequest;
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

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/** Plans and their fees, told to app per organisation; billing from app's payment events, each counted once. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlansAndBillingIT implements RealStack {

    @Inject @Client("/") HttpClient client;
    @Inject JsonMapper json;
    String token;
    KafkaConsumer<String, String> consumer;
    KafkaProducer<String, String> producer;
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
        Properties producing = new Properties();
        producing.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealStack.stack().kafkaBootstrapServers());
        producer = new KafkaProducer<>(producing, new StringSerializer(), new StringSerializer());
    }

    @AfterAll
    void close() {
        consumer.close();
        producer.close();
    }

    @Test
    void anOrganisationOnAnUnknownPlanIsRefused() {
        HttpClientResponseException error = catchThrowableOfType(HttpClientResponseException.class, () -> client.toBlocking().exchange(
                authed(HttpRequest.POST("/api/v1/tenants", Map.of("slug", "plan-" + suffix(), "name", "X", "adminEmail", "a@b.test", "plan", "gold"))),
                Map.class));

        assertThat(error.getStatus().getCode()).isEqualTo(422);
        assertThat(error.getResponse().getBody(String.class).orElse("")).contains("plan").contains("standard");
    }

    @Test
    void aNewOrganisationCarriesItsPlansFeeAndAChangedFeeIsToldForEveryOrganisationOnThePlan() throws Exception {
        String plan = "p" + suffix();
        client.toBlocking().exchange(authed(HttpRequest.PUT("/api/v1/plans/" + plan, Map.of("name", "Trial", "feePercent", 1.5, "feeFixedCents", 20))), Map.class);
        UUID first = register(plan);
        UUID second = register(plan);

        Map<?, ?> changed = client.toBlocking().retrieve(authed(HttpRequest.PUT("/api/v1/plans/" + plan,
                Map.of("name", "Trial", "feePercent", 3.25, "feeFixedCents", 0))), Map.class);

        assertThat(changed.get("feePercent").toString()).isEqualTo("3.25");
        await().atMost(Duration.ofSeconds(15)).until(() -> eventsFor(first, "TenantPlanChanged").size() == 1 && eventsFor(second, "TenantPlanChanged").size() == 1);
        assertThat(eventsFor(first, "TenantRegistered").get(0).payload()).containsEntry("plan", plan).containsEntry("feeFixedCents", 20);
        assertThat(eventsFor(first, "TenantRegistered").get(0).payload().get("feePercent").toString()).isEqualTo("1.5");
        assertThat(eventsFor(second, "TenantPlanChanged").get(0).payload().get("feePercent").toString()).isEqualTo("3.25");
        Map<?, ?> plans = client.toBlocking().retrieve(authed(HttpRequest.GET("/api/v1/plans")), Map.class);
        assertThat(plans.get("plans").toString()).contains(plan);
    }

    @Test
    void movingAnOrganisationToAnotherPlanTellsAppItsFee() throws Exception {
        String plan = "q" + suffix();
        client.toBlocking().exchange(authed(HttpRequest.PUT("/api/v1/plans/" + plan, Map.of("name", "Reduced", "feePercent", 1, "feeFixedCents", 0))), Map.class);
        String slug = "move-" + suffix();
        UUID id = register("standard", slug);

        client.toBlocking().exchange(authed(HttpRequest.PUT("/api/v1/tenants/" + slug + "/plan", Map.of("plan", plan))), Map.class);

        await().atMost(Duration.ofSeconds(15)).until(() -> eventsFor(id, "TenantPlanChanged").size() == 1);
        assertThat(eventsFor(id, "TenantPlanChanged").get(0).payload()).containsEntry("plan", plan);
    }

    @Test
    void theConsoleSeesEachOrganisationsStripeStatusAndFeesPerMonthEachEventCountedOnce() throws Exception {
        UUID tenant = register("standard");
        EventEnvelope created = EventEnvelope.of("StripeAccountCreated", tenant, Map.of("accountId", "acct_1", "livemode", false));
        EventEnvelope ready = new EventEnvelope(UUID.randomUUID(), "StripeAccountStatusChanged", tenant, Instant.now().plusSeconds(1), 1,
                Map.of("accountId", "acct_1", "status", "READY"));
        EventEnvelope paid = EventEnvelope.of("PaymentSucceeded", tenant, Map.of("paymentId", UUID.randomUUID().toString(), "currency", "GBP",
                "amountCents", 10_000, "applicationFeeCents", 250, "seat", "CONFIRMED", "instalments", 1, "kind", "EVENT_FEE"));
        EventEnvelope firstOfThree = EventEnvelope.of("PaymentSucceeded", tenant, Map.of("paymentId", UUID.randomUUID().toString(), "currency", "GBP",
                "amountCents", 30_000, "applicationFeeCents", 750, "seat", "CONFIRMED", "instalments", 3, "kind", "EVENT_FEE"));
        EventEnvelope instalment = EventEnvelope.of("InstalmentPaid", tenant, Map.of("paymentId", UUID.randomUUID().toString(), "currency", "GBP",
                "amountCents", 10_000, "applicationFeeCents", 250, "number", 1, "of", 3));
        EventEnvelope refund = EventEnvelope.of("RefundIssued", tenant, Map.of("paymentId", UUID.randomUUID().toString(), "currency", "GBP",
                "amountCents", 4_000, "applicationFeeRefundedCents", 100, "reason", "x", "refundId", "re_1"));

        for (EventEnvelope event : List.of(ready, created, paid, paid, firstOfThree, instalment, refund, refund)) {
            producer.send(new ProducerRecord<>(Topics.PAYMENTS, tenant.toString(), json.writeValueAsString(event))).get();
        }

        await().atMost(Duration.ofSeconds(15)).until(() -> revenueOf(tenant) == 250 + 250 - 100);
        Map<?, ?> statuses = client.toBlocking().retrieve(authed(HttpRequest.GET("/api/v1/billing/stripe")), Map.class);
        assertThat(statuses.get("organisations").toString()).contains(tenant.toString()).contains("status=READY");
    }

    private long revenueOf(UUID tenant) {
        Map<?, ?> report = client.toBlocking().retrieve(authed(HttpRequest.GET("/api/v1/billing/revenue?months=2")), Map.class);
        return ((List<?>) report.get("rows")).stream().map(row -> (Map<?, ?>) row).filter(row -> tenant.toString().equals(row.get("tenantId")))
                .mapToLong(row -> ((Number) row.get("feeCents")).longValue()).sum();
    }

    private UUID register(String plan) {
        return register(plan, "bill-" + suffix());
    }

    private UUID register(String plan, String slug) {
        Map<?, ?> tenant = client.toBlocking().retrieve(authed(HttpRequest.POST("/api/v1/tenants",
                Map.of("slug", slug, "name", "Billing Test", "adminEmail", "admin@" + slug + ".test", "plan", plan))), Map.class);
        return UUID.fromString((String) tenant.get("id"));
    }

    private synchronized List<EventEnvelope> eventsFor(UUID tenantId, String type) throws Exception {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
            lifecycle.add(json.readValue(record.value(), EventEnvelope.class));
        }
        return lifecycle.stream().filter(event -> event.tenantId().equals(tenantId) && event.type().equals(type)).toList();
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private <T> io.micronaut.http.MutableHttpRequest<T> authed(io.micronaut.http.MutableHttpRequest<T> request) {
        return request.bearerAuth(token);
    }
}
