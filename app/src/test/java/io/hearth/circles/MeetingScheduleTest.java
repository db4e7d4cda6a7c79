package io.hearth.circles;

import io.hearth.kit.Refusal;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MeetingScheduleTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    // Tuesdays at 19:00 in London, from 2026-10-06; British Summer Time ends on Sunday 25 October 2026.
    private final MeetingSchedule tuesdays = new MeetingSchedule("FREQ=WEEKLY;BYDAY=TU", LocalDateTime.of(2026, 10, 6, 19, 0), LONDON, 120);

    @Test
    void aMeetingAtSevenStaysAtSevenLocalTimeAcrossTheClockChange() {
        List<MeetingSchedule.Occurrence> occurrences = tuesdays.occurrences(Instant.parse("2026-10-13T00:00:00Z"), Instant.parse("2026-11-04T00:00:00Z"), Map.of());

        assertThat(occurrences).hasSize(4);
        assertThat(occurrences).allSatisfy(o -> assertThat(o.start().atZone(LONDON).toLocalTime()).isEqualTo(LocalTime.of(19, 0)));
        assertThat(occurrences.get(1).start()).isEqualTo(Instant.parse("2026-10-20T18:00:00Z"));
        assertThat(occurrences.get(2).start()).isEqualTo(Instant.parse("2026-10-27T19:00:00Z"));
        assertThat(occurrences.get(0).end()).isEqualTo(occurrences.get(0).start().plusSeconds(7200));
    }

    @Test
    void aMovedMeetingAppearsAtItsNewTimeAndACancelledOneIsMarked() {
        Map<Instant, Instant> exceptions = new HashMap<>();
        exceptions.put(Instant.parse("2026-10-20T18:00:00Z"), Instant.parse("2026-10-21T18:30:00Z"));
        exceptions.put(Instant.parse("2026-10-27T19:00:00Z"), null);

        List<MeetingSchedule.Occurrence> occurrences = tuesdays.occurrences(Instant.parse("2026-10-19T00:00:00Z"), Instant.parse("2026-10-29T00:00:00Z"), exceptions);

        assertThat(occurrences).hasSize(2);
        assertThat(occurrences.get(0).moved()).isTrue();
        assertThat(occurrences.get(0).start()).isEqualTo(Instant.parse("2026-10-21T18:30:00Z"));
        assertThat(occurrences.get(1).cancelled()).isTrue();
        assertThat(occurrences.get(1).start()).isNull();
    }

    @Test
    void nothingBeforeTheFirstMeeting() {
        assertThat(tuesdays.occurrences(Instant.parse("2026-09-01T00:00:00Z"), Instant.parse("2026-10-07T00:00:00Z"), Map.of()))
                .singleElement().satisfies(o -> assertThat(o.plannedStart()).isEqualTo(Instant.parse("2026-10-06T18:00:00Z")));
    }

    @Test
    void knowsItsOwnPlannedStarts() {
        assertThat(tuesdays.plans(Instant.parse("2026-10-27T19:00:00Z"))).isTrue();
        assertThat(tuesdays.plans(Instant.parse("2026-10-27T18:00:00Z"))).isFalse();
    }

    @Test
    void refusesWhatIsNotAnRrule() {
        assertThatThrownBy(() -> new MeetingSchedule("every tuesday", LocalDateTime.now(), LONDON, 60)).isInstanceOf(Refusal.class);
        assertThatThrownBy(() -> MeetingSchedule.zone("Mars/Olympus")).isInstanceOf(Refusal.class);
    }
}
