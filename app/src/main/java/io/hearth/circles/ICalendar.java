package io.hearth.circles;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Writes RFC 5545 calendars: CRLF lines folded at 75 octets, text escaped, times in UTC. */
public final class ICalendar {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private ICalendar() {
    }

    /** One event of a feed; {@code end} may be null for a cancelled one. */
    public record Event(String uid, Instant start, Instant end, String summary, String location, String description, boolean cancelled) {
    }

    public static String calendar(String name, List<Event> events, Instant stamp) {
        StringBuilder out = new StringBuilder();
        line(out, "BEGIN:VCALENDAR");
        line(out, "VERSION:2.0");
        line(out, "PRODID:-//Hearth//Circles//EN");
        line(out, "CALSCALE:GREGORIAN");
        line(out, "METHOD:PUBLISH");
        line(out, "X-WR-CALNAME:" + text(name));
        for (Event event : events) {
            line(out, "BEGIN:VEVENT");
            line(out, "UID:" + event.uid());
            line(out, "DTSTAMP:" + UTC.format(stamp));
            line(out, "DTSTART:" + UTC.format(event.start()));
            if (event.end() != null) {
                line(out, "DTEND:" + UTC.format(event.end()));
            }
            line(out, "SUMMARY:" + text(event.summary()));
            if (event.location() != null && !event.location().isBlank()) {
                line(out, "LOCATION:" + text(event.location()));
            }
            if (event.description() != null && !event.description().isBlank()) {
                line(out, "DESCRIPTION:" + text(event.description()));
            }
            line(out, "STATUS:" + (event.cancelled() ? "CANCELLED" : "CONFIRMED"));
            line(out, "END:VEVENT");
        }
        line(out, "END:VCALENDAR");
        return out.toString();
    }

    static String text(String value) {
        return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n");
    }

    /** Appends a content line, folded so no line is longer than 75 octets (continuations start with a space). */
    static void line(StringBuilder out, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        int start = 0;
        boolean first = true;
        while (start < bytes.length) {
            int limit = first ? 75 : 74;
            int end = Math.min(start + limit, bytes.length);
            // Never split a UTF-8 sequence: back off to a lead byte.
            while (end < bytes.length && (bytes[end] & 0xC0) == 0x80) {
                end--;
            }
            if (!first) {
                out.append(' ');
            }
            out.append(new String(bytes, start, end - start, StandardCharsets.UTF_8)).append("\r\n");
            start = end;
            first = false;
        }
        if (bytes.length == 0) {
            out.append("\r\n");
        }
    }
}
