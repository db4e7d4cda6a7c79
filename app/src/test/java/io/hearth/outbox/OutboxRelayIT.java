package io.hearth.outbox;

import io.hearth.RealStack;
import io.hearth.infra.LocalStack;
import io.hearth.kit.outbox.DomainEvent;
import io.hearth.kit.outbox.Outbox;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The kit's outbox on its own, against the real PostgreSQL and Kafka: events leave in the order they were written,
 * an event Kafka refuses is retried without letting its tenant's later events overtake it (and without holding up
 * other tenants), and an event committed by an instance that died before sending is sent all the same.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutboxRelayIT implements RealStack {

    /** An event on a topic of this test's own. */
    public record Noted(UUID tenantId, String topic, int n) implements DomainEvent {
    }

    @Inject Outbox outbox;
    @Inject TransactionOperations<Connection> tx;
    @Inject JsonMapper json;

    private String topic;
    private KafkaConsumer<String, String> consumer;

    @BeforeEach
    void listen() {
        topic = "hearth.test-outbox-" + UUID.randomUUID().toString().substring(0, 8);
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RealStack.stack().kafkaBootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "outbox-test-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(topic));
    }

    @AfterEach
    void close() {
        consumer.close();
    }

    @Test
    void eventsOfATransactionLeaveInTheOrderTheyWereWritten() {
        UUID tenant = UUID.randomUUID();

        tx.executeWrite(status -> {
            for (int n = 1; n <= 5; n++) {
                outbox.publish(new Noted(tenant, topic, n));
            }
            return null;
        });

        assertThat(numbersReceived(5)).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void anEventKafkaRefusesIsRetriedItsTenantsLaterEventsWaitAndOtherTenantsGoOn() throws Exception {
        UUID stuck = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        // A topic name Kafka refuses: the send fails every time until the row is mended.
        long refused = insert(stuck, "not a topic!", 1);
        insert(stuck, topic, 2);
        insert(other, topic, 3);
        tx.executeWrite(status -> {
            outbox.publish(new Noted(other, topic, 4));
            return null;
        });

        assertThat(numbersReceived(2)).containsExactly(3, 4);
        await().atMost(Duration.ofSeconds(10)).until(() -> attempts(refused) >= 2);
        assertThat(lastError(refused)).isNotBlank();
        assertThat(published(refused)).isFalse();

        sql("update public.outbox set topic = ? where id = ?", topic, refused);

        assertThat(numbersReceived(2)).containsExactly(1, 2);
        assertThat(published(refused)).isTrue();
    }

    @Test
    void anEventCommittedByAnInstanceThatDiedBeforeSendingIsSentByTheRelayAllTheSame() throws Exception {
        // Committed on a plain connection, as by an instance that crashed right after its commit: nobody wakes the relay.
        insert(UUID.randomUUID(), topic, 7);

        assertThat(numbersReceived(1)).containsExactly(7);
    }

    private List<Integer> numbersReceived(int expected) {
        List<Integer> numbers = new ArrayList<>();
        Instant until = Instant.now().plusSeconds(20);
        while (numbers.size() < expected && Instant.now().isBefore(until)) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                numbers.add(numberOf(record.value()));
            }
        }
        return numbers;
    }

    @SuppressWarnings("unchecked")
    private int numberOf(String envelope) {
        try {
            Map<String, Object> read = json.readValue(envelope, Map.class);
            return ((Number) ((Map<String, Object>) read.get("payload")).get("n")).intValue();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An outbox row written and committed on its own connection, as Outbox writes it. */
    private long insert(UUID tenant, String topicName, int n) throws Exception {
        Noted event = new Noted(tenant, topicName, n);
        String envelope = json.writeValueAsString(io.hearth.kit.outbox.EventEnvelope.of(DomainEvent.typeOf(event), tenant, DomainEvent.payloadOf(event)));
        try (Connection c = connection();
             PreparedStatement insert = c.prepareStatement("insert into public.outbox (event_id, topic, event_key, event_type, payload) "
                     + "values (?, ?, ?, ?, ?) returning id")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setString(2, topicName);
            insert.setString(3, tenant.toString());
            insert.setString(4, DomainEvent.typeOf(event));
            insert.setString(5, envelope);
            try (ResultSet rows = insert.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private int attempts(long id) throws Exception {
        return Integer.parseInt(column("attempts", id));
    }

    private String lastError(long id) throws Exception {
        return column("last_error", id);
    }

    private boolean published(long id) throws Exception {
        return column("published_at", id) != null;
    }

    private String column(String name, long id) throws Exception {
        try (Connection c = connection(); PreparedStatement select = c.prepareStatement("select " + name + " from public.outbox where id = ?")) {
            select.setLong(1, id);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }

    private void sql(String statement, Object... parameters) throws Exception {
        try (Connection c = connection(); PreparedStatement update = c.prepareStatement(statement)) {
            for (int i = 0; i < parameters.length; i++) {
                update.setObject(i + 1, parameters[i]);
            }
            update.executeUpdate();
        }
    }

    private static Connection connection() throws Exception {
        LocalStack stack = RealStack.stack();
        return DriverManager.getConnection(stack.jdbcUrl(LocalStack.Database.APP), stack.dbUsername(), stack.dbPassword());
    }
}
