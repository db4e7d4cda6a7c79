package io.hearth.gatherings;

import io.hearth.circles.CalendarSource;
import io.hearth.circles.ICalendar;
import io.hearth.tenancy.TenantScope;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Events in calendars: one entry per event, and a man's registrations in his personal feed. */
@Singleton
public class EventCalendar implements CalendarSource {

    private final Events events;

    public EventCalendar(Events events) {
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
    @Transactional(readOnly = true)
    public List<ICalendar.Event> entriesFor(UUID person, Instant from, Instant to) {
        return events.of(person, from, to).stream().map(EventCalendar::entry).toList();
    }
}
