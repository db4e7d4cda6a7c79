package io.hearth.kit.outbox;

import io.hearth.kit.outbox.internal.OutboxTable;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;

/** Records events in the transaction of the change they describe; {@link OutboxRelay} sends them after commit. */
@Singleton
public class Outbox {

    private final TransactionOperations<Connection> tx;
    private final JsonMapper json;
    private final OutboxRelay relay;

    public Outbox(TransactionOperations<Connection> tx, JsonMapper json, OutboxRelay relay) {
        this.tx = tx;
        this.json = json;
        this.relay = relay;
    }

    /** Publishes a domain event in the current transaction (call it inside the transaction of the change). */
    public void publish(DomainEvent event) {
        append(event.topic(), EventEnvelope.of(DomainEvent.typeOf(event), event.tenantId(), DomainEvent.payloadOf(event)));
    }

    private void append(String topic, EventEnvelope event) {
        String payload;
        try {
            payload = json.writeValueAsString(event);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write event " + event.type(), e);
        }
        tx.executeWrite(status -> {
            OutboxTable.insert(status.getConnection(), event.eventId(), topic, event.tenantId().toString(), event.type(), payload,
                    io.hearth.kit.tracing.Tracing.traceparent());
            status.registerSynchronization(new io.micronaut.transaction.support.TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    relay.wake();
                }
            });
            return null;
        });
    }
}
