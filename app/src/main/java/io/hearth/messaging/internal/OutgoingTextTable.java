package io.hearth.messaging.internal;

import io.micronaut.data.exceptions.DataAccessException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The queue of outgoing text messages ({@code public.outgoing_texts}). Plain JDBC on the caller's connection, for
 * the reason {@link OutgoingMailTable} gives: queued under any tenant's schema, read by the relay with none. Once a
 * text is sent or given up, its body is erased and its number masked.
 */
public final class OutgoingTextTable {

    private static final String TABLE = "public.outgoing_texts";

    private OutgoingTextTable() {
    }

    /** One text due to be sent; {@code expiresAt} is when it stops being worth sending. */
    public record Due(long id, UUID tenantId, String recipient, String sealedBody, Instant expiresAt, int attempts) {
    }

    public static void insert(Connection connection, UUID tenantId, String recipient, String sealedBody, Instant expiresAt) {
        try (PreparedStatement statement = connection.prepareStatement(
                "insert into " + TABLE + " (tenant_id, recipient, sealed_body, expires_at) values (?, ?, ?, ?)")) {
            statement.setObject(1, tenantId);
            statement.setString(2, recipient);
            statement.setString(3, sealedBody);
            statement.setTimestamp(4, Timestamp.from(expiresAt));
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException("could not queue a text message", e);
        }
    }

    /** The texts whose time has come, oldest first, locked so that another relay skips them. */
    public static List<Due> claimDue(Connection connection, int limit) {
        try (PreparedStatement statement = connection.prepareStatement(
                "select id, tenant_id, recipient, sealed_body, expires_at, attempts from " + TABLE + " where sent_at is null and given_up_at is null "
                        + "and next_attempt_at <= now() order by next_attempt_at, id limit ? for update skip locked")) {
            statement.setInt(1, limit);
            List<Due> due = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    due.add(new Due(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4), rs.getTimestamp(5).toInstant(), rs.getInt(6)));
                }
            }
            return due;
        } catch (SQLException e) {
            throw new DataAccessException("could not read the text message queue", e);
        }
    }

    public static void markSent(Connection connection, long id) {
        OutgoingRows.markSent(connection, TABLE, "sealed_body", id);
        maskRecipient(connection, id);
    }

    public static void retryAt(Connection connection, long id, Instant next, String error) {
        OutgoingRows.retryAt(connection, TABLE, id, next, error);
    }

    public static void giveUp(Connection connection, long id, String error) {
        OutgoingRows.giveUp(connection, TABLE, "sealed_body", id, error);
        maskRecipient(connection, id);
    }

    /** Once done with, the number is kept only as its first 3 and last 2 digits: phone numbers are sealed at rest. */
    private static void maskRecipient(Connection connection, long id) {
        try (PreparedStatement statement = connection.prepareStatement("update " + TABLE + " set recipient = left(recipient, 3) || "
                + "repeat('*', greatest(length(recipient) - 5, 0)) || right(recipient, 2) where id = ? and length(recipient) > 5")) {
            statement.setLong(1, id);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException("could not mask the number of text " + id, e);
        }
    }

    /** Binds a sealed body to its recipient: a body moved to another row does not open. */
    public static String associatedData(String recipient) {
        return "outgoing-text:" + recipient;
    }
}
