package io.hearth.circles;

import io.hearth.kit.Refusal;
import io.swagger.v3.oas.annotations.media.Schema;
import net.fortuna.ical4j.model.Recur;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * When a circle meets: an RFC 5545 RRULE from a first local start in an IANA time zone. Occurrences are computed in
 * that zone, so a circle meeting at 19:00 stays at 19:00 across daylight-saving changes; single occurrences can be
 * moved or cancelled.
 */
public record MeetingSchedule(String rrule, LocalDateTime firstStart, ZoneId zone, int minutes) {

    private static final int MAX_OCCURRENCES = 1000;

    public MeetingSchedule {
        try {
            Recur<ZonedDateTime> recur = new Recur<>(rrule);
            if (recur.getFrequency() == null) {
                throw new IllegalArgumentException("no FREQ");
            }
        } catch (RuntimeException e) {
            throw Refusal.invalid("schedule.rrule", "is not an RFC 5545 RRULE such as FREQ=WEEKLY;BYDAY=TU");
        }
        if (minutes < 15 || minutes > 1440) {
            throw Refusal.invalid("schedule.minutes", "must be between 15 and 1440");
        }
    }

    public static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (RuntimeException e) {
            throw Refusal.invalid("schedule.timeZone", "is not an IANA time zone such as Europe/London");
        }
    }

    /** One meeting of the schedule: when it was planned, when it happens (null when cancelled). */
    @Schema(name = "MeetingOccurrence")
    @io.micronaut.serde.annotation.Serdeable
    public record Occurrence(Instant plannedStart, Instant start, Instant end, boolean moved, boolean cancelled) {
    }

    /**
     * The occurrences starting in [from, to), with exceptions applied: a moved one appears at its new time, a
     * cancelled one is marked so.
     *
     * @param exceptions planned start -> new start, or null for cancelled
     */
    public List<Occurrence> occurrences(Instant from, Instant to, Map<Instant, Instant> exceptions) {
        Recur<ZonedDateTime> recur = new Recur<>(rrule);
        ZonedDateTime seed = firstStart.atZone(zone);
        // Widen the window by a day each side so that moved occurrences are found from their planned time.
        List<ZonedDateTime> planned = recur.getDates(seed, from.minusSeconds(86_400 * 7).atZone(zone), to.plusSeconds(86_400 * 7).atZone(zone), MAX_OCCURRENCES);
        List<Occurrence> occurrences = new ArrayList<>();
        for (ZonedDateTime start : planned) {
            Instant plannedStart = start.toInstant();
            if (plannedStart.isBefore(seed.toInstant())) {
                continue;
            }
            boolean hasException = exceptions.containsKey(plannedStart);
            Instant actual = hasException ? exceptions.get(plannedStart) : plannedStart;
            boolean cancelled = hasException && actual == null;
            Instant shown = cancelled ? plannedStart : actual;
            if (!shown.isBefore(from) && shown.isBefore(to)) {
                occurrences.add(new Occurrence(plannedStart, cancelled ? null : actual, cancelled ? null : actual.plusSeconds(minutes * 60L),
                        hasException && !cancelled, cancelled));
            }
        }
        occurrences.sort(java.util.Comparator.comparing(o -> o.start() == null ? o.plannedStart() : o.start()));
        return occurrences;
    }

    /** Whether the instant is a planned start of this schedule (to move or cancel it). */
    public boolean plans(Instant start) {
        return occurrences(start, start.plusSeconds(1), Map.of()).stream().anyMatch(o -> o.plannedStart().equals(start));
    }
}
