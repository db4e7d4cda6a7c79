package io.hearth.circles;

import io.hearth.tenancy.TenantBound;
import io.hearth.identity.Caller;
import io.hearth.circles.internal.MeetingRepository;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.swagger.v3.oas.annotations.media.Schema;
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
@TenantBound
@Singleton
public class CircleHealth {

    static final int WINDOW = 4;

    private final MeetingRepository meetings;
    private final Clock clock;

    public CircleHealth(MeetingRepository meetings, Clock clock) {
        this.meetings = meetings;
        this.clock = clock;
    }

    @Schema(name = "CircleHealthTrend")
    public enum Trend { UP, DOWN, FLAT }

    @Schema(name = "CircleHealthRow")
    @Serdeable
    public record Row(UUID circleId, String name, int capacity, long members, long openSeats, @Nullable Instant lastMeetingAt,
                      @Nullable Double attendanceRecent, @Nullable Double attendancePrevious, @Nullable Trend trend, boolean withoutMeeting) {
    }

    @Schema(name = "CircleHealthReport")
    @Serdeable
    public record Report(Instant generatedAt, int weeksWithoutMeeting, Map<Long, Long> circlesBySize, long openSeats,
                         long circlesWithoutMeeting, List<Row> circles) {
    }

    @Transactional(readOnly = true)
    public Report report(Caller caller, int weeksWithoutMeeting) {
        Instant now = clock.instant();
        Instant quietSince = now.minus(Duration.ofDays(7L * weeksWithoutMeeting));
        List<Row> rows = meetings.findHealth().stream().map(line -> new Row(line.id(), line.name(), line.capacity(), line.members(),
                Math.max(0, line.capacity() - line.members() - line.offers()), line.lastMeeting(), null, null, null,
                line.lastMeeting() == null || line.lastMeeting().isBefore(quietSince))).toList();
        // Attendance rate of each active circle's latest meetings, newest first: one query for all circles.
        Map<UUID, List<Double>> rates = new java.util.HashMap<>();
        meetings.findLatestRates(WINDOW * 2).forEach(rate -> rates.computeIfAbsent(rate.circleId(), k -> new ArrayList<>()).add(rate.rate()));
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
