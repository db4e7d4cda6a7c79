package io.hearth.helpdesk;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The service-level clock: due times from the opening, pushed back by the time it waited for the member. */
class ServiceLevelTest {

    private static final Instant OPENED = Instant.parse("2026-12-07T09:00:00Z");

    private static Instant at(int minutes) {
        return OPENED.plus(Duration.ofMinutes(minutes));
    }

    @Test
    void aLevelIsDueItsMinutesAfterTheOpening() {
        ServiceLevel level = ServiceLevel.of(new ServiceLevel.Clock(OPENED, 60, 480, null, null, null, 0), at(30));

        assertThat(level.firstResponseDueAt()).isEqualTo(at(60));
        assertThat(level.resolutionDueAt()).isEqualTo(at(480));
        assertThat(level.firstResponseBreached()).isFalse();
        assertThat(level.paused()).isFalse();
    }

    @Test
    void anUnmetLevelPastItsDueTimeIsBreached() {
        ServiceLevel level = ServiceLevel.of(new ServiceLevel.Clock(OPENED, 60, 480, null, null, null, 0), at(61));

        assertThat(level.firstResponseBreached()).isTrue();
        assertThat(level.resolutionBreached()).isFalse();
    }

    @Test
    void aLevelMetLateStaysBreachedAndOneMetInTimeDoesNot() {
        ServiceLevel late = ServiceLevel.of(new ServiceLevel.Clock(OPENED, 60, 480, at(90), null, null, 0), at(600));
        ServiceLevel inTime = ServiceLevel.of(new ServiceLevel.Clock(OPENED, 60, 480, at(59), at(400), null, 0), at(600));

        assertThat(late.firstResponseBreached()).isTrue();
        assertThat(inTime.firstResponseBreached()).isFalse();
        assertThat(inTime.resolutionBreached()).isFalse();
    }

    @Test
    void whileTheClockIsStoppedNothingMoreIsDueAndTheDueTimesMoveOn() {
        // Answered in time, then waiting for the member since minute 100; now it is minute 700.
        ServiceLevel waiting = ServiceLevel.of(new ServiceLevel.Clock(OPENED, 60, 480, at(30), null, at(100), 0), at(700));

        assertThat(waiting.paused()).isTrue();
        assertThat(waiting.pausedSeconds()).isEqualTo(600 * 60);
        assertThat(waiting.resolutionDueAt()).isEqualTo(at(480 + 600));
        assertThat(waiting.resolutionBreached()).isFalse();
    }

    @Test
    void theTimeItWaitedPushesTheDueTimeBackOnceTheClockRunsAgain() {
        long waited = ServiceLevel.resumed(0, at(100), at(400));
        ServiceLevel resumed = ServiceLevel.of(new ServiceLevel.Clock(OPENED, 60, 480, at(30), null, null, waited), at(700));

        assertThat(waited).isEqualTo(300 * 60);
        assertThat(resumed.resolutionDueAt()).isEqualTo(at(780));
        assertThat(resumed.resolutionBreached()).isFalse();
        assertThat(ServiceLevel.of(new ServiceLevel.Clock(OPENED, 60, 480, at(30), null, null, waited), at(781)).resolutionBreached()).isTrue();
    }

    @Test
    void aCategoryWithoutLevelsIsNeverBreached() {
        ServiceLevel none = ServiceLevel.of(new ServiceLevel.Clock(OPENED, null, null, null, null, null, 0), at(100_000));

        assertThat(none.firstResponseDueAt()).isNull();
        assertThat(none.firstResponseBreached()).isFalse();
        assertThat(none.resolutionBreached()).isFalse();
    }
}
