package io.hearth.circles;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** Attendance rules: the rate over recent meetings and the current streak of absences. */
public final class Attendance {

    @Schema(name = "AttendanceStatus")
    public enum Status {
        PRESENT,
        ABSENT,
        EXCUSED
    }

    private Attendance() {
    }

    /**
     * Unexcused absences in a row, counting back from the most recent meeting. An excused absence or a presence
     * ends the streak: the streak is about a man quietly dropping away.
     *
     * @param newestFirst his attendance at the circle's meetings, most recent first
     */
    public static int absenceStreak(List<Status> newestFirst) {
        int streak = 0;
        for (Status status : newestFirst) {
            if (status != Status.ABSENT) {
                break;
            }
            streak++;
        }
        return streak;
    }

    /** Share of the meetings he was present at (excused counts as not present); null with no meetings. */
    public static Double rate(List<Status> meetings) {
        if (meetings.isEmpty()) {
            return null;
        }
        long present = meetings.stream().filter(status -> status == Status.PRESENT).count();
        return Math.round(1000.0 * present / meetings.size()) / 1000.0;
    }

    /** Whether this meeting is the one that brought his streak to the alert threshold (alert once per streak). */
    public static boolean reachesAlert(List<Status> newestFirst, int threshold) {
        return absenceStreak(newestFirst) == threshold;
    }
}
