package io.hearth.tenancy;

import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * The events this service has already acted on: what makes its consumers idempotent. Plain JDBC on
 * {@code public.processed_events} for the reason {@link TenantDirectory} gives: consumers run with no tenant in
 * scope, and Micronaut Data would ask the tenant schema resolver, which refuses.
 */
@Singleton
public class ProcessedEvents {

    private final TransactionOperations<Connection> tx;

    public ProcessedEvents(TransactionOperations<Connection> tx) {
        this.tx = tx;
    }

    public boolean contains(UUID eventId) {
        return tx.executeRead(status -> {
            try (PreparedStatement statement = status.getConnection().prepareStatement(
                    "select 1 from public.processed_events where event_id = ?")) {
                statement.setObject(1, eventId);
                try (ResultSet rs = statement.executeQuery()) {
                    return rs.next();
                }
            } catch (SQLException e) {
                throw new DataAccessException("could not read processed events", e);
            }
        });
    }

    /** Records the event in the current transaction; false when it was already recorded. */
    public boolean record(UUID eventId, String type) {
        return tx.executeWrite(status -> {
            try (PreparedStatement statement = status.getConnection().prepareStatement(
                    "insert into public.processed_events (event_id, event_type) values (?, ?) on conflict do nothing")) {
                statement.setObject(1, eventId);
                statement.setString(2, type);
                return statement.executeUpdate() == 1;
            } catch (SQLException e) {
                throw new DataAccessException("could not record processed event", e);
            }
        });
    }
}
