package io.hearth.gatherings;

import io.hearth.circles.CalendarSource;
import io.hearth.circles.ICalendar;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Events in calendars: one entry per event, and a man's registrations in his personal feed. */
@TenantBound
@Singleton
public class EventCalendar implements CalendarSource {

    private final Gatherings events;

    public EventCalendar(Gatherings events) {
        this.events = events;
    }

    public static String ics(Tenant tenant, EventView event) {
        return ICalendar.calendar(event.title(), List.of(entry(tenant, event)), Instant.now());
    }

    static ICalendar.Event entry(Tenant tenant, EventView event) {
        return new ICalendar.Event("event-" + event.id() + "@" + tenant.slug() + ".hearth", event.startsAt(), event.endsAt(),
                event.title(), event.venue(), event.description(), "CANCELLED".equals(event.status()));
    }

    @Override
    @Transactional(readOnly = true)
    public List<ICalendar.Event> entriesFor(Tenant tenant, UUID person, Instant from, Instant to) {
        return events.of(person, from, to).stream().map(event -> entry(tenant, event)).toList();
    }
}
