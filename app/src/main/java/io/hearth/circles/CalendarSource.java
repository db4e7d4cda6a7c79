package io.hearth.circles;

import io.hearth.tenancy.Tenant;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Something else a person's calendar feed shows (his events, for one): other features provide it, the feed asks. */
public interface CalendarSource {

    /** His entries overlapping [from, to), in the tenant in scope. */
    List<ICalendar.Event> entriesFor(Tenant tenant, UUID person, Instant from, Instant to);
}
