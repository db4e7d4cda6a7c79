package io.hearth.notifications.internal;

import io.micronaut.data.exceptions.DataAccessException;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Writes one notification for each of many men in one statement. Plain JDBC because an announcement to the whole
 * organisation is thousands of rows, and one {@code insert ... select from unnest(...) on conflict do nothing
 * returning} both writes them in one round trip and says which were new (a redelivered event inserts none).
 */
public final class NotificationTable {

    private NotificationTable() {
    }

    public static Set<UUID> insertNew(Connection connection, List<NotificationRow> rows) {
        if (rows.isEmpty()) {
            return Set.of();
        }
        int n = rows.size();
        Object[] ids = new Object[n];
        Object[] people = new Object[n];
        String[] titles = new String[n];
        String[] bodies = new String[n];
        Boolean[] inApp = new Boolean[n];
        Boolean[] forDigest = new Boolean[n];
        String[] tried = new String[n];
        for (int i = 0; i < n; i++) {
            NotificationRow row = rows.get(i);
            ids[i] = row.id();
            people[i] = row.personId();
            titles[i] = row.sealedTitle();
            bodies[i] = row.sealedBody();
            inApp[i] = row.inApp();
            forDigest[i] = row.forDigest();
            tried[i] = row.tried();
        }
        NotificationRow first = rows.get(0);
        try (PreparedStatement statement = connection.prepareStatement(
                "insert into notifications (id, person_id, kind, source, direct, in_app, sealed_title, sealed_body, link, created_at, for_digest, "
                        + "next_step_at, sent_by, tried) "
                        + "select u.id, u.person_id, ?, ?, ?, u.in_app, u.title, u.body, ?, ?, u.for_digest, ?, ?, u.tried "
                        + "from unnest(?::uuid[], ?::uuid[], ?::boolean[], ?::text[], ?::text[], ?::boolean[], ?::text[]) "
                        + "as u (id, person_id, in_app, title, body, for_digest, tried) "
                        + "on conflict (person_id, source) do nothing returning person_id")) {
            statement.setString(1, first.kind());
            statement.setString(2, first.source());
            statement.setBoolean(3, first.direct());
            statement.setString(4, first.link());
            statement.setTimestamp(5, Timestamp.from(first.createdAt()));
            statement.setTimestamp(6, first.nextStepAt() == null ? null : Timestamp.from(first.nextStepAt()));
            statement.setObject(7, first.sentBy());
            statement.setArray(8, array(connection, "uuid", ids));
            statement.setArray(9, array(connection, "uuid", people));
            statement.setArray(10, array(connection, "boolean", inApp));
            statement.setArray(11, array(connection, "text", titles));
            statement.setArray(12, array(connection, "text", bodies));
            statement.setArray(13, array(connection, "boolean", forDigest));
            statement.setArray(14, array(connection, "text", tried));
            Set<UUID> inserted = new HashSet<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    inserted.add(rs.getObject(1, UUID.class));
                }
            }
            return inserted;
        } catch (SQLException e) {
            throw new DataAccessException("could not write notifications", e);
        }
    }

    private static Array array(Connection connection, String type, Object[] values) throws SQLException {
        return connection.createArrayOf(type, values);
    }
}
