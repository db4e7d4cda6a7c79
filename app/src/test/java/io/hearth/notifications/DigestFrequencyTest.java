package io.hearth.notifications;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class DigestFrequencyTest {

    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void aDailyDigestIsDueAtSevenOnHisClockTodayOnceItIsPastSevenAndYesterdayBefore() {
        assertThat(DigestFrequency.DAILY.lastDue(Instant.parse("2026-12-07T09:00:00Z"), LONDON)).isEqualTo(Instant.parse("2026-12-07T07:00:00Z"));
        assertThat(DigestFrequency.DAILY.lastDue(Instant.parse("2026-12-07T07:00:00Z"), LONDON)).isEqualTo(Instant.parse("2026-12-07T07:00:00Z"));
        assertThat(DigestFrequency.DAILY.lastDue(Instant.parse("2026-12-07T06:59:00Z"), LONDON)).isEqualTo(Instant.parse("2026-12-06T07:00:00Z"));
        assertThat(DigestFrequency.DAILY.lastDue(Instant.parse("2026-12-07T11:00:00Z"), NEW_YORK))
                .as("07:00 in New York in winter is 12:00 UTC").isEqualTo(Instant.parse("2026-12-06T12:00:00Z"));
    }

    @Test
    void aWeeklyDigestIsDueOnMondayAtSeven() {
        // 2026-12-07 is a Monday
        assertThat(DigestFrequency.WEEKLY.lastDue(Instant.parse("2026-12-07T08:00:00Z"), LONDON)).isEqualTo(Instant.parse("2026-12-07T07:00:00Z"));
        assertThat(DigestFrequency.WEEKLY.lastDue(Instant.parse("2026-12-10T08:00:00Z"), LONDON)).isEqualTo(Instant.parse("2026-12-07T07:00:00Z"));
        assertThat(DigestFrequency.WEEKLY.lastDue(Instant.parse("2026-12-07T06:00:00Z"), LONDON))
                .as("on Monday before seven the last one was a week ago").isEqualTo(Instant.parse("2026-11-30T07:00:00Z"));
    }

    @Test
    void onTheDaysTheClocksChangeItIsStillSevenOnHisClock() {
        // Europe/London goes to BST at 01:00 UTC on 2026-03-29 and back at 01:00 UTC on 2026-10-25
        assertThat(DigestFrequency.DAILY.lastDue(Instant.parse("2026-03-29T12:00:00Z"), LONDON)).isEqualTo(Instant.parse("2026-03-29T06:00:00Z"));
        assertThat(DigestFrequency.DAILY.lastDue(Instant.parse("2026-03-28T12:00:00Z"), LONDON)).isEqualTo(Instant.parse("2026-03-28T07:00:00Z"));
        assertThat(DigestFrequency.DAILY.lastDue(Instant.parse("2026-10-25T12:00:00Z"), LONDON)).isEqualTo(Instant.parse("2026-10-25T07:00:00Z"));
        assertThat(DigestFrequency.DAILY.lastDue(Instant.parse("2026-10-24T12:00:00Z"), LONDON)).isEqualTo(Instant.parse("2026-10-24T06:00:00Z"));
    }
}
