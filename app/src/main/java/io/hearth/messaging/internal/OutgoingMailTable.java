package io.hearth.messaging.internal;

import io.micronaut.data.exceptions.DataAccessException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The queue of outgoing mail ({@code public.outgoing_mail}). Plain JDBC on the caller's connection: a mail is queued
 * in the transaction of whatever change sends it, under any tenant's schema, and the relay reads the queue with no
 * tenant in scope, which Micronaut Data's schema-per-tenant mode refuses.
 */
public final class OutgoingMailTable {

    private static final String TABLE = "public.outgoing_mail";
    /** What is erased once a mail is sent or given up: its body and HTML part (links with tokens) and headers (an unsubscribe link). */
    private static final List<String> ERASED = List.of("body", "html", "headers");

    private OutgoingMailTable() {
    }

    /**
     * One mail due to be sent, with the headers it carries besides the usual ones (in their order).
     *
     * @param html its HTML part, sent beside the plain-text body; null for a plain-text mail
     */
    public record Due(long id, UUID tenantId, String recipient, String subject, String body, String html, Map<String, String> headers, int attempts) {
    }

    /** Headers are checked by the caller ({@code Mailer}): a name of letters, digits and hyphens, a value on one line. {@code html} may be null. */
    public static void insert(Connection connection, UUID tenantId, String recipient, String subject, String body, String html,
                              Map<String, String> headers) {
        try (PreparedStatement statement = connection.prepareStatement(
                "insert into " + TABLE + " (tenant_id, recipient, subject, body, html, headers) values (?, ?, ?, ?, ?, ?)")) {
            statement.setObject(1, tenantId);
            statement.setString(2, recipient);
            statement.setString(3, subject);
            statement.setString(4, body);
            statement.setString(5, html);
            statement.setString(6, headers.isEmpty() ? null : headerLines(headers));
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException("could not queue mail", e);
        }
    }

    /** The mail whose time has come, oldest first, locked so that another relay skips it. */
    public static List<Due> claimDue(Connection connection, int limit) {
        try (PreparedStatement statement = connection.prepareStatement(
                "select id, tenant_id, recipient, subject, body, html, headers, attempts from " + TABLE + " where sent_at is null and given_up_at is null "
                        + "and next_attempt_at <= now() order by next_attempt_at, id limit ? for update skip locked")) {
            statement.setInt(1, limit);
            List<Due> due = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    due.add(new Due(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                            headers(rs.getString(7)), rs.getInt(8)));
                }
            }
            return due;
        } catch (SQLException e) {
            throw new DataAccessException("could not read the mail queue", e);
        }
    }

    public static void markSent(Connection connection, long id) {
        OutgoingRows.markSent(connection, TABLE, ERASED, id);
    }

    public static void retryAt(Connection connection, long id, Instant next, String error) {
        OutgoingRows.retryAt(connection, TABLE, id, next, error);
    }

    public static void giveUp(Connection connection, long id, String error) {
        OutgoingRows.giveUp(connection, TABLE, ERASED, id, error);
    }

    /** "Name: value", one a line. */
    static String headerLines(Map<String, String> headers) {
        StringBuilder lines = new StringBuilder();
        headers.forEach((name, value) -> lines.append(name).append(": ").append(value).append('\n'));
        return lines.toString();
    }

    static Map<String, String> headers(String lines) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (lines != null) {
            for (String line : lines.split("\n")) {
                int colon = line.indexOf(": ");
                if (colon > 0) {
                    headers.put(line.substring(0, colon), line.substring(colon + 2));
                }
            }
        }
        return headers;
    }
}
