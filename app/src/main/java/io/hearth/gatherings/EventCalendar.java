package io.hearth.gatherings;

import io.hearth.circles.CalendarSource;
import io.hearth.circles.ICalendar;
import io.hearth.tenancy.TenantScope;
import io.hearth.tenancy.TenantSql;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Events in calendars: one entry per event, and a man's registrations in his personal feed. */
@Singleton
public class EventCalendar implements CalendarSource {

    private final TenantSql sql;
    private final Events events;

    public EventCalendar(TenantSql sql, Events events) {
        this.sql = sql;
        this.events = events;
    }

    public static String ics(EventView event) {
        return ICalendar.calendar(event.title(), List.of(entry(event)), Instant.now());
    }

    static ICalendar.Event entry(EventView event) {
        return new ICalendar.Event("event-" + event.id() + "@" + TenantScope.require().slug() + ".hearth", event.startsAt(), event.endsAt(),
                event.title(), event.venue(), event.description(), "CANCELLED".equals(event.status()));
    }

    @Override
    public List<ICalendar.Event> entriesFor(UUID person, Instant from, Instant to) {
        return sql.read(db -> events.loadAll(db, db.list("select e.id from registrations r join events e on e.id = r.event_id where r.person_id = ? "
                        + "and r.status in ('CONFIRMED', 'PENDING_PAYMENT', 'OFFERED') and e.ends_at > ? and e.starts_at < ? "
                        + "union select s.event_id from event_staff s join events e on e.id = s.event_id where s.person_id = ? and e.ends_at > ? and e.starts_at < ?",
                rs -> rs.getObject(1, UUID.class), person, from, to, person, from, to)))
                .stream().map(EventCalendar::entry).toList();
    }
}
