package io.hearth.circles;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.hearth.circles.Attendance.Status.ABSENT;
import static io.hearth.circles.Attendance.Status.EXCUSED;
import static io.hearth.circles.Attendance.Status.PRESENT;
import static org.assertj.core.api.Assertions.assertThat;

class AttendanceTest {

    @Test
    void streakCountsUnexcusedAbsencesBackFromTheLatestMeeting() {
        assertThat(Attendance.absenceStreak(List.of(ABSENT, ABSENT, PRESENT, ABSENT))).isEqualTo(2);
    }

    @Test
    void aPresenceOrAnExcuseEndsTheStreak() {
        assertThat(Attendance.absenceStreak(List.of(PRESENT, ABSENT, ABSENT))).isZero();
        assertThat(Attendance.absenceStreak(List.of(EXCUSED, ABSENT, ABSENT))).isZero();
    }

    @Test
    void noMeetingsNoStreakAndNoRate() {
        assertThat(Attendance.absenceStreak(List.of())).isZero();
        assertThat(Attendance.rate(List.of())).isNull();
    }

    @Test
    void rateIsPresencesOverMeetingsWithExcusedNotPresent() {
        assertThat(Attendance.rate(List.of(PRESENT, PRESENT, EXCUSED, ABSENT))).isEqualTo(0.5);
    }

    @Test
    void alertsOnceWhenTheStreakReachesTheThresholdNotAgainAfter() {
        assertThat(Attendance.reachesAlert(List.of(ABSENT, ABSENT, ABSENT, PRESENT), 3)).isTrue();
        assertThat(Attendance.reachesAlert(List.of(ABSENT, ABSENT, ABSENT, ABSENT), 3)).isFalse();
        assertThat(Attendance.reachesAlert(List.of(ABSENT, ABSENT, PRESENT), 3)).isFalse();
    }
}
