package io.hearth.messaging.internal;

import io.micronaut.data.exceptions.DataAccessException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/** What the outgoing mail and text queues do alike to a row once it was tried. Table and column names are constants. */
final class OutgoingRows {

    private OutgoingRows() {
    }

    /** What waits in a queue: how many rows are still to send, and how long the oldest has waited in seconds (0: none). */
    record Backlog(long count, double oldestAgeSeconds) {
    }

    static Backlog backlog(Connection connection, String table) {
        try (PreparedStatement statement = connection.prepareStatement("select count(*), coalesce(extract(epoch from now() - min(created_at)), 0) from "
                + table + " where sent_at is null and given_up_at is null")) {
            // A measurement that cannot be had quickly is not worth a held connection.
            statement.setQueryTimeout(5);
            java.sql.ResultSet rs = statement.executeQuery();
            rs.next();
            return new Backlog(rs.getLong(1), rs.getDouble(2));
        } catch (SQLException e) {
            throw new DataAccessException("could not measure " + table, e);
        }
    }

    /** Sent: the body is erased. */
    static void markSent(Connection connection, String table, String body, long id) {
        markSent(connection, table, List.of(body), id);
    }

    /** Sent: these columns (the body, and whatever else held its secrets) are erased. */
    static void markSent(Connection connection, String table, List<String> erased, long id) {
        try (PreparedStatement statement = connection.prepareStatement(
                "update " + table + " set sent_at = now(), attempts = attempts + 1, " + nulls(erased) + ", last_error = null where id = ?")) {
            statement.setLong(1, id);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException("could not mark " + table + " " + id + " sent", e);
        }
    }

    static void retryAt(Connection connection, String table, long id, Instant next, String error) {
        try (PreparedStatement statement = connection.prepareStatement(
                "update " + table + " set attempts = attempts + 1, next_attempt_at = ?, last_error = ? where id = ?")) {
            statement.setTimestamp(1, Timestamp.from(next));
            statement.setString(2, error);
            statement.setLong(3, id);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException("could not reschedule " + table + " " + id, e);
        }
    }

    /** Given up: the body is erased, the last error kept. */
    static void giveUp(Connection connection, String table, String body, long id, String error) {
        giveUp(connection, table, List.of(body), id, error);
    }

    /** Given up: these columns are erased, the last error kept. */
    static void giveUp(Connection connection, String table, List<String> erased, long id, String error) {
        try (PreparedStatement statement = connection.prepareStatement(
                "update " + table + " set attempts = attempts + 1, given_up_at = now(), " + nulls(erased) + ", last_error = ? where id = ?")) {
            statement.setString(1, error);
            statement.setLong(2, id);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException("could not give up " + table + " " + id, e);
        }
    }

    private static String nulls(List<String> columns) {
        return columns.stream().map(column -> column + " = null").collect(Collectors.joining(", "));
    }
}
