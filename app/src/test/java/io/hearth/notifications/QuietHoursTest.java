package io.hearth.notifications;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QuietHoursTest {

    static final ZoneId LONDON = ZoneId.of("Europe/London");

    @Test
    void hoursThatWrapMidnightCoverTheLateEveningAndTheEarlyMorning() {
        QuietHours night = new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0), LONDON);

        assertThat(night.covers(Instant.parse("2026-12-06T22:00:00Z"))).isTrue();
        assertThat(night.covers(Instant.parse("2026-12-06T23:59:00Z"))).isTrue();
        assertThat(night.covers(Instant.parse("2026-12-07T06:59:00Z"))).isTrue();
        assertThat(night.covers(Instant.parse("2026-12-07T07:00:00Z"))).as("the end is not inside").isFalse();
        assertThat(night.covers(Instant.parse("2026-12-06T12:00:00Z"))).isFalse();
        assertThat(night.covers(Instant.parse("2026-12-06T21:59:00Z"))).isFalse();
    }

    @Test
    void hoursWithinOneDayCoverOnlyThatSpan() {
        QuietHours afternoon = new QuietHours(LocalTime.of(13, 0), LocalTime.of(15, 0), LONDON);

        assertThat(afternoon.covers(Instant.parse("2026-12-06T13:30:00Z"))).isTrue();
        assertThat(afternoon.covers(Instant.parse("2026-12-06T15:00:00Z"))).isFalse();
        assertThat(afternoon.covers(Instant.parse("2026-12-06T02:00:00Z"))).isFalse();
    }

    @Test
    void theyFollowHisClockNotUtc() {
        QuietHours night = new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0), LONDON);

        // 21:30 UTC in July is 22:30 in London (summer time).
        assertThat(night.covers(Instant.parse("2026-07-06T21:30:00Z"))).isTrue();
        // 06:30 UTC in July is 07:30 in London: past his quiet hours.
        assertThat(night.covers(Instant.parse("2026-07-07T06:30:00Z"))).isFalse();
        assertThat(new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0), ZoneId.of("Pacific/Auckland"))
                .covers(Instant.parse("2026-12-06T12:00:00Z"))).as("01:00 in Auckland").isTrue();
    }

    @Test
    void hoursThatStartWhenTheyEndAreRefused() {
        assertThatThrownBy(() -> new QuietHours(LocalTime.of(7, 0), LocalTime.of(7, 0), LONDON)).isInstanceOf(IllegalArgumentException.class);
    }
}
