package io.hearth.kit.outbox.internal;

import io.micronaut.data.exceptions.DataAccessException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The {@code public.outbox} table. Plain JDBC on the caller's connection, because the same rows are written inside
 * a tenant's transaction (whose connection is set to the tenant's schema) and read by the relay with no tenant at
 * all; a repository would ask the tenant resolver, which refuses a query without a tenant.
 */
public final class OutboxTable {

    private OutboxTable() {
    }

    /** One unsent event, with the trace it was written in (a W3C {@code traceparent}, or null). */
    public record Pending(long id, String topic, String key, String type, String payload, String traceParent) {
    }

    public static void insert(Connection connection, UUID eventId, String topic, String key, String type, String payload, String traceParent) {
        try (PreparedStatement statement = connection.prepareStatement(
                "insert into public.outbox (event_id, topic, event_key, event_type, payload, trace_parent) values (?, ?, ?, ?, ?, ?)")) {
            statement.setObject(1, eventId);
            statement.setString(2, topic);
            statement.setString(3, key);
            statement.setString(4, type);
            statement.setString(5, payload);
            statement.setString(6, traceParent);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException("could not append " + type + " to the outbox", e);
        }
    }

    /** What waits to be sent: how many rows, and the age of the oldest in seconds (0 when none waits). */
    public record Backlog(long count, double oldestAgeSeconds) {
    }

    public static Backlog backlog(Connection connection) {
        try (PreparedStatement statement = connection.prepareStatement(
                "select count(*), coalesce(extract(epoch from now() - min(created_at)), 0) from public.outbox where published_at is null")) {
            // A measurement that cannot be had quickly is not worth a held connection.
            statement.setQueryTimeout(5);
            ResultSet rs = statement.executeQuery();
            rs.next();
            return new Backlog(rs.getLong(1), rs.getDouble(2));
        } catch (SQLException e) {
            throw new DataAccessException("could not measure the outbox", e);
        }
    }

    /** The oldest unsent rows, locked so that another relay skips them. */
    public static List<Pending> claim(Connection connection, int limit) {
        try (PreparedStatement statement = connection.prepareStatement(
                "select id, topic, event_key, event_type, payload, trace_parent from public.outbox where published_at is null "
                        + "order by id limit ? for update skip locked")) {
            statement.setInt(1, limit);
            List<Pending> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Pending(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new DataAccessException("could not read the outbox", e);
        }
    }

    public static void markSent(Connection connection, long id) {
        update(connection, "update public.outbox set published_at = now(), attempts = attempts + 1 where id = ?", id, null);
    }

    public static void markFailed(Connection connection, long id, String error) {
        update(connection, "update public.outbox set attempts = attempts + 1, last_error = ? where id = ?", id, error);
    }

    private static void update(Connection connection, String sql, long id, String error) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int index = 1;
            if (error != null) {
                statement.setString(index++, error);
            }
            statement.setLong(index, id);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException("could not update the outbox", e);
        }
    }
}
