package io.hearth.tenancy;

import io.hearth.RealStack;
import io.hearth.infra.MailCatcher;
import io.hearth.kit.outbox.EventEnvelope;
import io.hearth.outbox.Topics;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** tenant-admin's events arrive over the real broker; app's answers leave over it. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProvisioningOverKafkaIT implements RealStack {

    @Inject TenantDirectory directory;
    @Inject JsonMapper json;
    @Inject @Client("/") HttpClient client;
    KafkaProducer<String, String> producer;
    KafkaConsumer<String, String> consumer;
    final List<EventEnvelope> answers = new ArrayList<>();

    @BeforeAll
    void connect() {
        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealStack.stack().kafkaBootstrapServers());
        producer = new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer());
        Properties consumerProps = new Properties();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RealStack.stack().kafkaBootstrapServers());
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(Topics.TENANT_PROVISIONING));
    }

    @AfterAll
    void disconnect() {
        producer.close();
        consumer.close();
    }

    @Test
    void provisionsARegisteredTenantOnceEvenWhenTheEventArrivesTwice() throws Exception {
        UUID id = UUID.randomUUID();
        String slug = TenantFixtures.uniqueSlug("kafka");
        EventEnvelope registered = TenantFixtures.registered(id, slug);

        send(registered);
        send(registered);

        await().atMost(Duration.ofSeconds(10)).until(() -> directory.findById(new TenantId(id))
                .map(tenant -> tenant.status() == TenantStatus.ACTIVE).orElse(false));
        await().atMost(Duration.ofSeconds(10)).until(() -> answersFor(id).size() >= 1);
        Thread.sleep(1500);
        assertThat(answersFor(id)).extracting(EventEnvelope::type).filteredOn(type -> type.startsWith("TenantProvision"))
                .containsExactly("TenantProvisioned");
        // Each provisioning is followed by a report of where the organisation lives, for the operators' console.
        assertThat(answersFor(id)).filteredOn(event -> event.type().equals("TenantOperationsReported")).isNotEmpty()
                .allSatisfy(report -> assertThat(report.payload()).containsKey("cluster").containsKey("clusters"));
        assertThat(answersFor(id).get(0).payload()).containsEntry("slug", slug);
        List<MailCatcher.Mail> invitations = await().atMost(Duration.ofSeconds(10)).until(() -> RealStack.stack().mailCatcher().messages().stream()
                .filter(mail -> mail.to().contains("admin@" + slug + ".test")).toList(), found -> !found.isEmpty());
        assertThat(invitations).hasSize(1);
        assertThat(invitations.get(0).body()).contains("http://" + slug + ".localhost:8080/invitations/");
    }

    @Test
    void anOperatorsRetryProvisionsAgainAndTheResendMailsANewLinkUntilTheAdminJoins() throws Exception {
        UUID id = UUID.randomUUID();
        String slug = TenantFixtures.uniqueSlug("retry");
        String admin = "admin@" + slug + ".test";
        EventEnvelope registered = TenantFixtures.registered(id, slug);
        // The retry of a provisioning whose first attempt app never finished: the same steps, from the start.
        send(EventEnvelope.of("TenantProvisioningRetried", id, registered.payload()));
        await().atMost(Duration.ofSeconds(10)).until(() -> directory.findById(new TenantId(id))
                .map(tenant -> tenant.status() == TenantStatus.ACTIVE).orElse(false));
        List<String> first = await().atMost(Duration.ofSeconds(10)).until(() -> linksTo(admin), links -> links.size() == 1);

        send(EventEnvelope.of("FirstAdminInvitationResent", id, Map.of("slug", slug, "adminEmail", admin)));
        List<String> both = await().atMost(Duration.ofSeconds(10)).until(() -> linksTo(admin), links -> links.size() == 2);
        assertThat(both.get(1)).isNotEqualTo(first.get(0));
        HttpRequest<?> old = HttpRequest.POST("/api/v1/auth/invitations/" + first.get(0) + "/accept",
                Map.of("password", "a long and unusual passphrase 42", "firstName", "Ann", "lastName", "Admin")).header("Host", slug + ".localhost");
        assertThat(status(old)).as("the replaced link").isIn(404, 410);
        HttpRequest<?> fresh = HttpRequest.POST("/api/v1/auth/invitations/" + both.get(1) + "/accept",
                Map.of("password", "a long and unusual passphrase 42", "firstName", "Ann", "lastName", "Admin")).header("Host", slug + ".localhost");
        assertThat(status(fresh)).isEqualTo(201);

        // He has joined: a resend sends nothing, and a retry of the provisioning changes nothing.
        send(EventEnvelope.of("FirstAdminInvitationResent", id, Map.of("slug", slug, "adminEmail", admin)));
        send(EventEnvelope.of("TenantProvisioningRetried", id, registered.payload()));
        await().atMost(Duration.ofSeconds(10)).until(() -> answersFor(id).size() >= 2);
        Thread.sleep(1500);
        assertThat(linksTo(admin)).hasSize(2);
        assertThat(answersFor(id)).extracting(EventEnvelope::type).filteredOn(type -> type.startsWith("TenantProvision"))
                .containsExactly("TenantProvisioned", "TenantProvisioned");
    }

    private static List<String> linksTo(String email) {
        java.util.regex.Pattern link = java.util.regex.Pattern.compile("/invitations/([A-Za-z0-9_-]{20,})");
        return RealStack.stack().mailCatcher().messages().stream().filter(mail -> mail.to().contains(email)).map(mail -> {
            java.util.regex.Matcher matcher = link.matcher(mail.body());
            return matcher.find() ? matcher.group(1) : "";
        }).toList();
    }

    @Test
    void answersAReservedSlugWithProvisioningFailed() throws Exception {
        UUID id = UUID.randomUUID();

        send(TenantFixtures.registered(id, "pgadmin"));

        await().atMost(Duration.ofSeconds(10)).until(() -> !answersFor(id).isEmpty());
        assertThat(answersFor(id).get(0).type()).isEqualTo("TenantProvisioningFailed");
        assertThat(answersFor(id).get(0).payload().get("reason").toString()).contains("reserved");
        assertThat(directory.findById(new TenantId(id))).isEmpty();
    }

    @Test
    void suspendsAndReactivatesTheHostWithinFiveSeconds() throws Exception {
        UUID id = UUID.randomUUID();
        String slug = TenantFixtures.uniqueSlug("life");
        send(TenantFixtures.registered(id, slug));
        HttpRequest<?> request = HttpRequest.GET("/api/v1/organisation").header("Host", slug + ".localhost");
        await().atMost(Duration.ofSeconds(10)).until(() -> status(request) == 200);

        send(EventEnvelope.of("TenantSuspended", id, Map.of("slug", slug)));
        await().atMost(Duration.ofSeconds(5)).until(() -> status(request) == 404);
        send(EventEnvelope.of("TenantReactivated", id, Map.of("slug", slug)));
        await().atMost(Duration.ofSeconds(5)).until(() -> status(request) == 200);
    }

    private int status(HttpRequest<?> request) {
        try {
            return client.toBlocking().exchange(request, Map.class).getStatus().getCode();
        } catch (HttpClientResponseException e) {
            return e.getStatus().getCode();
        }
    }

    private void send(EventEnvelope event) throws Exception {
        producer.send(new ProducerRecord<>(Topics.TENANT_LIFECYCLE, event.tenantId().toString(), json.writeValueAsString(event))).get();
    }

    private synchronized List<EventEnvelope> answersFor(UUID tenantId) throws Exception {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
            answers.add(json.readValue(record.value(), EventEnvelope.class));
        }
        return answers.stream().filter(event -> event.tenantId().equals(tenantId)).toList();
    }
}
