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
 * The queue of outgoing web pushes ({@code public.outgoing_pushes}). Plain JDBC on the caller's connection, for the
 * reason {@link OutgoingMailTable} gives: queued under any tenant's schema, read by the relay with none. Once a push
 * is sent or given up, its payload and the device's keys are erased.
 */
public final class OutgoingPushTable {

    private static final String TABLE = "public.outgoing_pushes";

    private OutgoingPushTable() {
    }

    /** One push due to be sent; {@code expiresAt} is when it stops being worth sending (its TTL at the push service starts then). */
    public record Due(long id, UUID tenantId, String endpoint, String p256dh, String auth, String sealedPayload, String urgency,
                      Instant expiresAt, int attempts) {
    }

    public static void insert(Connection connection, UUID tenantId, String endpoint, String p256dh, String auth, String sealedPayload,
                              String urgency, Instant expiresAt) {
        try (PreparedStatement statement = connection.prepareStatement("insert into " + TABLE
                + " (tenant_id, endpoint, p256dh, auth, sealed_payload, urgency, expires_at) values (?, ?, ?, ?, ?, ?, ?)")) {
            statement.setObject(1, tenantId);
            statement.setString(2, endpoint);
            statement.setString(3, p256dh);
            statement.setString(4, auth);
            statement.setString(5, sealedPayload);
            statement.setString(6, urgency);
            statement.setTimestamp(7, Timestamp.from(expiresAt));
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException("could not queue a push", e);
        }
    }

    public static List<Due> claimDue(Connection connection, int limit) {
        try (PreparedStatement statement = connection.prepareStatement(
                "select id, tenant_id, endpoint, p256dh, auth, sealed_payload, urgency, expires_at, attempts from " + TABLE
                        + " where sent_at is null and given_up_at is null and next_attempt_at <= now() order by next_attempt_at, id limit ? "
                        + "for update skip locked")) {
            statement.setInt(1, limit);
            List<Due> due = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    due.add(new Due(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), rs.getTimestamp(8).toInstant(), rs.getInt(9)));
                }
            }
            return due;
        } catch (SQLException e) {
            throw new DataAccessException("could not read the push queue", e);
        }
    }

    public static void markSent(Connection connection, long id) {
        OutgoingRows.markSent(connection, TABLE, "sealed_payload", id);
        eraseKeys(connection, id);
    }

    public static void retryAt(Connection connection, long id, Instant next, String error) {
        OutgoingRows.retryAt(connection, TABLE, id, next, error);
    }

    public static void giveUp(Connection connection, long id, String error) {
        OutgoingRows.giveUp(connection, TABLE, "sealed_payload", id, error);
        eraseKeys(connection, id);
    }

    private static void eraseKeys(Connection connection, long id) {
        try (PreparedStatement statement = connection.prepareStatement("update " + TABLE + " set p256dh = null, auth = null where id = ?")) {
            statement.setLong(1, id);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException("could not erase the keys of push " + id, e);
        }
    }

    /** Binds a sealed payload to its endpoint: a payload moved to another row does not open. */
    public static String associatedData(String endpoint) {
        return "outgoing-push:" + endpoint;
    }
}
