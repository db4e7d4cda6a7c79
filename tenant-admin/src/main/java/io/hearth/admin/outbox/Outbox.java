package io.hearth.admin.outbox;

import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

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

    public void append(String topic, EventEnvelope event) {
        String payload;
        try {
            payload = json.writeValueAsString(event);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write event " + event.type(), e);
        }
        tx.executeWrite(status -> {
            try (PreparedStatement statement = status.getConnection().prepareStatement(
                    "insert into public.outbox (event_id, topic, event_key, event_type, payload) values (?, ?, ?, ?, ?)")) {
                statement.setObject(1, event.eventId());
                statement.setString(2, topic);
                statement.setString(3, event.tenantId().toString());
                statement.setString(4, event.type());
                statement.setString(5, payload);
                statement.executeUpdate();
            } catch (SQLException e) {
                throw new DataAccessException("could not append " + event.type() + " to the outbox", e);
            }
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
