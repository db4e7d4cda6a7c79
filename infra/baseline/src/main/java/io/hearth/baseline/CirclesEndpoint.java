package io.hearth.baseline;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code GET /circles?person=…}: the SQL app's {@code GET /api/v1/circles} runs for a member (the page of visible ids,
 * the facilitators, the lines with their counts, the total), in one read-only transaction over plain JDBC on the
 * tenant's schema (set once per connection), answered as JSON of the same shape. No sign-in, no tenant lookup, no
 * limits: the framework's and the database's own cost.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public final class CirclesEndpoint {

    static final String VISIBLE = "from circles c where (cast(? as text) is null or c.status = ?) "
            + "and (cast(? as boolean) is null or c.open_to_join = ?) "
            + "and (cast(? as text) is null or lower(c.name) like ?) "
            + "and (? or c.id in (select circle_id from circle_facilitators where person_id = ?) "
            + "or c.id in (select circle_id from circle_memberships where person_id = ? and left_at is null) "
            + "or (c.open_to_join and c.status = 'ACTIVE'))";

    private final DataSource dataSource;
    private final String schema;

    CirclesEndpoint(DataSource dataSource, @Value("${baseline.schema}") String schema) {
        this.dataSource = dataSource;
        if (!schema.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a schema name: " + schema);
        }
        this.schema = schema;
    }

    @Get("/health/readiness")
    Map<String, String> ready() {
        return Map.of("status", "UP");
    }

    @Get("/circles")
    Map<String, Object> circles(@QueryValue UUID person) throws SQLException {
        int page = 0;
        int size = 50;
        try (Connection connection = dataSource.getConnection()) {
            if (!schema.equals(connection.getSchema())) {
                connection.setSchema(schema);
            }
            connection.setReadOnly(true);
            connection.setAutoCommit(false);
            try {
                List<UUID> ids = new ArrayList<>();
                try (PreparedStatement select = visible(connection, "select c.id " + VISIBLE + " order by lower(c.name), c.id limit ? offset ?", person)) {
                    select.setInt(10, size);
                    select.setLong(11, (long) page * size);
                    try (ResultSet rs = select.executeQuery()) {
                        while (rs.next()) {
                            ids.add(rs.getObject(1, UUID.class));
                        }
                    }
                }
                List<Map<String, Object>> items = ids.isEmpty() ? List.of() : load(connection, ids);
                long total;
                try (PreparedStatement count = visible(connection, "select count(*) " + VISIBLE, person);
                     ResultSet rs = count.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
                connection.commit();
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("items", items);
                answer.put("page", page);
                answer.put("size", size);
                answer.put("totalItems", total);
                return answer;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
                connection.setReadOnly(false);
            }
        }
    }

    private static PreparedStatement visible(Connection connection, String sql, UUID person) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.setNull(1, java.sql.Types.VARCHAR);
        statement.setNull(2, java.sql.Types.VARCHAR);
        statement.setNull(3, java.sql.Types.BOOLEAN);
        statement.setNull(4, java.sql.Types.BOOLEAN);
        statement.setNull(5, java.sql.Types.VARCHAR);
        statement.setNull(6, java.sql.Types.VARCHAR);
        statement.setBoolean(7, false);
        statement.setObject(8, person);
        statement.setObject(9, person);
        return statement;
    }

    private static void bind(Connection connection, PreparedStatement statement, List<UUID> ids) throws SQLException {
        statement.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
    }

    private static List<Map<String, Object>> load(Connection connection, List<UUID> ids) throws SQLException {
        Map<UUID, List<Map<String, Object>>> facilitators = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement("select f.circle_id, p.id as person_id, p.first_name, p.last_name "
                + "from circle_facilitators f join people p on p.id = f.person_id where f.circle_id = any(?) order by lower(p.last_name), p.id")) {
            bind(connection, select, ids);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> ref = new LinkedHashMap<>();
                    ref.put("id", rs.getObject("person_id", UUID.class));
                    ref.put("firstName", rs.getString("first_name"));
                    ref.put("lastName", rs.getString("last_name"));
                    facilitators.computeIfAbsent(rs.getObject("circle_id", UUID.class), k -> new ArrayList<>()).add(ref);
                }
            }
        }
        Map<UUID, Map<String, Object>> byId = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement("select c.*, (select count(*) from circle_memberships m "
                + "where m.circle_id = c.id and m.left_at is null) as member_count, (select count(*) from circle_join_requests r "
                + "where r.circle_id = c.id and r.status = 'OFFERED') as offer_count from circles c where c.id = any(?)")) {
            bind(connection, select, ids);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    UUID id = rs.getObject("id", UUID.class);
                    Map<String, Object> circle = new LinkedHashMap<>();
                    circle.put("id", id);
                    circle.put("name", rs.getString("name"));
                    circle.put("description", rs.getString("description"));
                    circle.put("capacity", rs.getInt("capacity"));
                    circle.put("openToJoin", rs.getBoolean("open_to_join"));
                    circle.put("location", rs.getString("location"));
                    circle.put("videoLink", rs.getString("video_link"));
                    circle.put("facilitators", facilitators.getOrDefault(id, List.of()));
                    if (rs.getString("schedule_rrule") != null) {
                        circle.put("schedule", Map.of("rrule", rs.getString("schedule_rrule"), "firstStart", String.valueOf(rs.getObject("schedule_start")),
                                "timeZone", rs.getString("schedule_time_zone"), "minutes", rs.getInt("meeting_minutes")));
                    }
                    if (rs.getObject("dues_amount_cents") != null) {
                        circle.put("dues", Map.of("amountCents", rs.getLong("dues_amount_cents"), "currency", rs.getString("dues_currency"),
                                "interval", rs.getString("dues_interval")));
                    }
                    long members = rs.getLong("member_count");
                    circle.put("status", rs.getString("status"));
                    circle.put("memberCount", members);
                    circle.put("openSeats", Math.max(0, rs.getInt("capacity") - members - rs.getLong("offer_count")));
                    circle.put("createdAt", rs.getTimestamp("created_at").toInstant().toString());
                    byId.put(id, circle);
                }
            }
        }
        return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }
}
