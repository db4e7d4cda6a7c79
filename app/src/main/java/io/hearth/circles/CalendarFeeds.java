package io.hearth.circles;

import io.hearth.circles.internal.CalendarFeedRepository;
import io.hearth.crypto.SecretTokens;
import io.hearth.identity.Caller;
import io.hearth.kit.Refusal;
import io.hearth.kit.outbox.Outbox;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import io.micronaut.context.annotation.Property;
import io.micronaut.transaction.annotation.Transactional;
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
@TenantBound
@Singleton
public class CalendarFeeds {

    private final CalendarFeedRepository feeds;
    private final Circles circles;
    private final Meetings meetings;
    private final Outbox outbox;
    private final List<CalendarSource> sources;
    private final String urlTemplate;
    private final Clock clock;

    public CalendarFeeds(CalendarFeedRepository feeds, Circles circles, Meetings meetings, Outbox outbox, List<CalendarSource> sources,
                         @Property(name = "hearth.public-url-template") String urlTemplate, Clock clock) {
        this.feeds = feeds;
        this.circles = circles;
        this.meetings = meetings;
        this.outbox = outbox;
        this.sources = sources;
        this.urlTemplate = urlTemplate;
        this.clock = clock;
    }

    /** Makes (or replaces) the caller's feed and returns its URL. */
    @Transactional
    public String reset(Caller caller) {
        Tenant tenant = caller.tenant();
        String token = SecretTokens.newToken();
        feeds.reset(caller.person(), SecretTokens.hash(token), clock.instant());
        outbox.publish(new CircleEvent.CalendarFeedReset(caller.tenant().id(), caller.person()));
        return urlTemplate.replace("{slug}", tenant.slug()) + "/api/v1/calendar/" + token + ".ics";
    }

    /** The calendar behind a feed token; 404 for a token that is unknown or was reset. */
    @Transactional(readOnly = true)
    public String calendar(Tenant tenant, String token) {
        UUID person = feeds.findActiveOwner(SecretTokens.hash(token)).orElseThrow(() -> Refusal.notFound("No calendar at this address"));
        Instant now = clock.instant();
        Instant from = now.minus(Duration.ofDays(31));
        Instant to = now.plus(Duration.ofDays(366));
        List<ICalendar.Event> events = new ArrayList<>();
        for (UUID circleId : meetings.circlesInOrRunBy(person)) {
            CircleView circle = circles.load(circleId).orElseThrow();
            MeetingSchedule schedule = Circles.scheduleOf(circle);
            if (!"ACTIVE".equals(circle.status())) {
                continue;
            }
            for (MeetingSchedule.Occurrence occurrence : meetings.occurrencesOf(circle, from, to)) {
                Instant start = occurrence.cancelled() ? occurrence.plannedStart() : occurrence.start();
                Instant end = occurrence.cancelled() ? occurrence.plannedStart().plusSeconds(schedule.minutes() * 60L) : occurrence.end();
                events.add(new ICalendar.Event(circleId + "-" + occurrence.plannedStart().getEpochSecond() + "@" + tenant.slug() + ".hearth",
                        start, end, circle.name(), circle.location() != null ? circle.location() : circle.videoLink(),
                        circle.videoLink() == null ? circle.description() : circle.description() + "\n" + circle.videoLink(), occurrence.cancelled()));
            }
        }
        for (CalendarSource source : sources) {
            events.addAll(source.entriesFor(tenant, person, from, to));
        }
        return ICalendar.calendar(tenant.name(), events, now);
    }
}
