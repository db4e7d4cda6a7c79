package io.hearth.circles;

import io.hearth.tenancy.TenantSql;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Circle health across the organisation, for leadership: size and open seats, attendance over the last four
 * meetings against the four before (the trend), and circles that have not met for N weeks.
 */
@Singleton
public class CircleHealth {

    static final int WINDOW = 4;

    private final TenantSql sql;
    private final Clock clock;

    public CircleHealth(TenantSql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    public enum Trend { UP, DOWN, FLAT }

    @Serdeable
    public record Row(UUID circleId, String name, int capacity, long members, long openSeats, @Nullable Instant lastMeetingAt,
                      @Nullable Double attendanceRecent, @Nullable Double attendancePrevious, @Nullable Trend trend, boolean withoutMeeting) {
    }

    @Serdeable
    public record Report(Instant generatedAt, int weeksWithoutMeeting, Map<Long, Long> circlesBySize, long openSeats,
                         long circlesWithoutMeeting, List<Row> circles) {
    }

    public Report report(int weeksWithoutMeeting) {
        Instant now = clock.instant();
        Instant quietSince = now.minus(Duration.ofDays(7L * weeksWithoutMeeting));
        return sql.read(db -> {
            List<Row> rows = db.list("select c.id, c.name, c.capacity, "
                    + "(select count(*) from circle_memberships m where m.circle_id = c.id and m.left_at is null) as members, "
                    + "(select count(*) from circle_join_requests r where r.circle_id = c.id and r.status = 'OFFERED') as offers, "
                    + "(select max(starts_at) from circle_meetings g where g.circle_id = c.id) as last_meeting "
                    + "from circles c where c.status = 'ACTIVE' order by lower(c.name), c.id", rs -> {
                        UUID id = rs.getObject("id", UUID.class);
                        int capacity = rs.getInt("capacity");
                        long members = rs.getLong("members");
                        Instant last = TenantSql.instant(rs, "last_meeting");
                        return new Row(id, rs.getString("name"), capacity, members, Math.max(0, capacity - members - rs.getLong("offers")), last,
                                null, null, null, last == null || last.isBefore(quietSince));
                    });
            // Attendance rate of each active circle's latest meetings, newest first: one query for all circles.
            Map<UUID, List<Double>> rates = new java.util.HashMap<>();
            db.list("select circle_id, rate from (select g.circle_id, g.starts_at, avg(case when a.status = 'PRESENT' then 1.0 else 0.0 end) as rate, "
                    + "row_number() over (partition by g.circle_id order by g.starts_at desc) as n from circle_meetings g "
                    + "join circle_attendance a on a.meeting_id = g.id join circles c on c.id = g.circle_id and c.status = 'ACTIVE' "
                    + "group by g.circle_id, g.id, g.starts_at) latest where n <= ? order by circle_id, n",
                    rs -> rates.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>()).add(rs.getDouble(2)), WINDOW * 2);
            List<Row> withAttendance = new ArrayList<>();
            for (Row row : rows) {
                List<Double> latest = rates.getOrDefault(row.circleId(), List.of());
                Double recent = average(latest.subList(0, Math.min(WINDOW, latest.size())));
                Double previous = latest.size() > WINDOW ? average(latest.subList(WINDOW, latest.size())) : null;
                withAttendance.add(new Row(row.circleId(), row.name(), row.capacity(), row.members(), row.openSeats(), row.lastMeetingAt(),
                        recent, previous, trend(recent, previous), row.withoutMeeting()));
            }
            Map<Long, Long> bySize = new TreeMap<>();
            withAttendance.forEach(row -> bySize.merge(row.members(), 1L, Long::sum));
            return new Report(now, weeksWithoutMeeting, bySize, withAttendance.stream().mapToLong(Row::openSeats).sum(),
                    withAttendance.stream().filter(Row::withoutMeeting).count(), withAttendance);
        });
    }

    /** Up or down when attendance moved by five points or more; flat otherwise; unknown without both windows. */
    static Trend trend(Double recent, Double previous) {
        if (recent == null || previous == null) {
            return null;
        }
        double change = recent - previous;
        return change >= 0.05 ? Trend.UP : change <= -0.05 ? Trend.DOWN : Trend.FLAT;
    }

    public static String csv(Report report) {
        StringBuilder out = new StringBuilder("circle_id,name,capacity,members,open_seats,last_meeting_at,attendance_recent,attendance_previous,trend,without_meeting\r\n");
        for (Row row : report.circles()) {
            out.append(row.circleId()).append(',').append(cell(row.name())).append(',').append(row.capacity()).append(',').append(row.members())
                    .append(',').append(row.openSeats()).append(',').append(row.lastMeetingAt() == null ? "" : row.lastMeetingAt())
                    .append(',').append(row.attendanceRecent() == null ? "" : round(row.attendanceRecent()))
                    .append(',').append(row.attendancePrevious() == null ? "" : round(row.attendancePrevious()))
                    .append(',').append(row.trend() == null ? "" : row.trend()).append(',').append(row.withoutMeeting()).append("\r\n");
        }
        return out.toString();
    }

    /** RFC 4180 quoting, and a leading quote for what a spreadsheet would run as a formula. */
    static String cell(String value) {
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")
                ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }

    private static String round(double value) {
        return String.format(java.util.Locale.ROOT, "%.3f", value);
    }

    private static Double average(List<Double> values) {
        return values.isEmpty() ? null : Math.round(1000.0 * values.stream().mapToDouble(Double::doubleValue).average().orElse(0)) / 1000.0;
    }
}
