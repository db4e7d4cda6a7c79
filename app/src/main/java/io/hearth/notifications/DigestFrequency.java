package io.hearth.notifications;

import io.swagger.v3.oas.annotations.media.Schema;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;

/** How often his digest mail comes: every morning, or on Monday mornings, at {@link #AT} on his clock. */
@Schema(name = "DigestFrequency")
public enum DigestFrequency {
    DAILY,
    WEEKLY;

    /** The hour of a digest, on his clock. */
    public static final LocalTime AT = LocalTime.of(7, 0);

    /**
     * The latest digest time at or before {@code now} in this zone: what was gathered before it goes in the digest sent
     * then (on a day whose 07:00 does not exist, the first instant after the gap).
     */
    public Instant lastDue(Instant now, ZoneId zone) {
        ZonedDateTime local = now.atZone(zone);
        ZonedDateTime due = local.toLocalDate().atTime(AT).atZone(zone);
        if (this == WEEKLY) {
            due = local.toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atTime(AT).atZone(zone);
            if (due.isAfter(local)) {
                due = due.minusWeeks(1).toLocalDate().atTime(AT).atZone(zone);
            }
        } else if (due.isAfter(local)) {
            due = local.toLocalDate().minusDays(1).atTime(AT).atZone(zone);
        }
        return due.toInstant();
    }
}
