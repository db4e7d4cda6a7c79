package io.hearth.conversations;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A time during which a man may read a conversation: from his joining until he left (null: still in it). A circle's
 * chat follows its membership over time, so a man reads what was written in his windows and nothing else.
 */
public record Window(@Nullable Instant from, @Nullable Instant until) {

    /** The whole of a conversation's life. */
    public static final Window ALWAYS = new Window(null, null);

    private static final DateTimeFormatter SQL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSxxx").withZone(ZoneOffset.UTC);

    public boolean contains(Instant at) {
        return (from == null || !at.isBefore(from)) && (until == null || at.isBefore(until));
    }

    /** The windows as a PostgreSQL {@code tstzmultirange} literal; no windows reads nothing. */
    public static String multirange(List<Window> windows) {
        return windows.stream().map(w -> "[" + bound(w.from) + "," + bound(w.until) + ")")
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static String bound(@Nullable Instant at) {
        return at == null ? "" : "\"" + SQL.format(at) + "\"";
    }
}
