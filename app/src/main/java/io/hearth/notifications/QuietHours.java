package io.hearth.notifications;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * A man's quiet hours in his own time zone: from {@code from} (inclusive) to {@code to} (exclusive); a span whose
 * start is after its end wraps midnight (22:00 to 07:00). Inside them only the safety class is pushed or texted.
 */
public record QuietHours(LocalTime from, LocalTime to, ZoneId zone) {

    public QuietHours {
        if (from.equals(to)) {
            throw new IllegalArgumentException("quiet hours start and end at the same time");
        }
    }

    /** Whether this instant falls inside them, on his clock (a day of a daylight-saving change included). */
    public boolean covers(Instant instant) {
        LocalTime local = instant.atZone(zone).toLocalTime();
        if (from.isBefore(to)) {
            return !local.isBefore(from) && local.isBefore(to);
        }
        return !local.isBefore(from) || local.isBefore(to);
    }
}
