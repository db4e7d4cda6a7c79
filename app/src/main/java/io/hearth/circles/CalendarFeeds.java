package io.hearth.circles;

import io.hearth.crypto.SecretTokens;
import io.hearth.identity.Caller;
import io.hearth.kit.Refusal;
import io.hearth.kit.outbox.Outbox;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantScope;
import io.hearth.tenancy.TenantSql;
import io.micronaut.context.annotation.Property;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Each person's calendar feed: a secret URL (only its hash is stored; resetting it makes the old one stop working)
 * serving an RFC 5545 calendar of his circle's meetings and what other features add (his events), from a month back
 * to a year ahead.
 */
@Singleton
public class CalendarFeeds {

    private final TenantSql sql;
    private final Circles circles;
    private final String urlTemplate;
    private final Clock clock;

    private final Outbox outbox;
    private final List<CalendarSource> sources;

    public CalendarFeeds(TenantSql sql, Circles circles, Outbox outbox, List<CalendarSource> sources,
                         @Property(name = "hearth.public-url-template") String urlTemplate, Clock clock) {
        this.sources = sources;
        this.sql = sql;
        this.circles = circles;
        this.outbox = outbox;
        this.urlTemplate = urlTemplate;
        this.clock = clock;
    }

    /** Makes (or replaces) the caller's feed and returns its URL. */
    public String reset() {
        Caller caller = Caller.require();
        Tenant tenant = TenantScope.require();
        String token = SecretTokens.newToken();
        sql.write(db -> {
            db.update("insert into calendar_feeds (person_id, token_hash, created_at) values (?, ?, ?) "
                            + "on conflict (person_id) do update set token_hash = excluded.token_hash, created_at = excluded.created_at",
                    caller.person(), SecretTokens.hash(token), clock.instant());
            outbox.publish(new CircleEvent.CalendarFeedReset(TenantScope.requireId(), caller.person()));
            return null;
        });
        return urlTemplate.replace("{slug}", tenant.slug()) + "/api/v1/calendar/" + token + ".ics";
    }

    /** The calendar behind a feed token; 404 for a token that is unknown or was reset. */
    public String calendar(String token) {
        Tenant tenant = TenantScope.require();
        return sql.read(db -> {
            UUID person = db.one("select f.person_id from calendar_feeds f join people p on p.id = f.person_id "
                            + "where f.token_hash = ? and p.status = 'ACTIVE'", rs -> rs.getObject(1, UUID.class), SecretTokens.hash(token))
                    .orElseThrow(() -> Refusal.notFound("No calendar at this address"));
            Instant now = clock.instant();
            Instant from = now.minus(Duration.ofDays(31));
            Instant to = now.plus(Duration.ofDays(366));
            List<ICalendar.Event> events = new ArrayList<>();
            List<UUID> circleIds = db.list("select circle_id from circle_memberships where person_id = ? and left_at is null "
                    + "union select circle_id from circle_facilitators where person_id = ?", rs -> rs.getObject(1, UUID.class), person, person);
            for (UUID circleId : circleIds) {
                CircleView circle = circles.load(circleId).orElseThrow();
                MeetingSchedule schedule = Circles.scheduleOf(circle);
                if (schedule == null || !"ACTIVE".equals(circle.status())) {
                    continue;
                }
                for (MeetingSchedule.Occurrence occurrence : schedule.occurrences(from, to, Meetings.exceptions(db, circleId))) {
                    Instant start = occurrence.cancelled() ? occurrence.plannedStart() : occurrence.start();
                    Instant end = occurrence.cancelled() ? occurrence.plannedStart().plusSeconds(schedule.minutes() * 60L) : occurrence.end();
                    events.add(new ICalendar.Event(circleId + "-" + occurrence.plannedStart().getEpochSecond() + "@" + tenant.slug() + ".hearth",
                            start, end, circle.name(), circle.location() != null ? circle.location() : circle.videoLink(),
                            circle.videoLink() == null ? circle.description() : circle.description() + "\n" + circle.videoLink(), occurrence.cancelled()));
                }
            }
            for (CalendarSource source : sources) {
                events.addAll(source.entriesFor(person, from, to));
            }
            return ICalendar.calendar(tenant.name(), events, now);
        });
    }
}
