package io.hearth.circles;

import io.hearth.identity.Caller;
import io.hearth.kit.Refusal;
import io.hearth.kit.outbox.Outbox;
import io.hearth.tenancy.TenantScope;
import io.hearth.tenancy.TenantSql;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Meetings held and attendance taken in one request, the schedule's occurrences with their exceptions, and the
 * attendance figures. When a man's unexcused absences in a row reach the threshold, his facilitators are told
 * (a {@code MemberAbsenceStreakReached} event).
 */
@Singleton
public class Meetings {

    private final TenantSql sql;
    private final Circles circles;
    private final Outbox outbox;
    private final Clock clock;
    private final int streakAlert;

    public Meetings(TenantSql sql, Circles circles, Outbox outbox, Clock clock,
                    @Property(name = "hearth.circles.absence-streak-alert") int streakAlert) {
        this.sql = sql;
        this.circles = circles;
        this.outbox = outbox;
        this.clock = clock;
        this.streakAlert = streakAlert;
    }

    public record Mark(UUID personId, Attendance.Status status) {
    }

    @Serdeable
    public record MeetingView(UUID id, UUID circleId, Instant startsAt, List<AttendanceView> attendance, @Nullable String notes, Instant recordedAt) {
    }

    @Serdeable
    public record AttendanceView(UUID personId, Attendance.Status status) {
    }

    @Serdeable
    public record MemberFigures(UUID personId, String firstName, String lastName, int meetings, int present, @Nullable Double rate, int absenceStreak) {
    }

    @Serdeable
    public record CircleFigures(UUID circleId, int lastMeetings, @Nullable Double rate, List<MemberFigures> members) {
    }

    /**
     * Records a meeting with every mark at once; each man marked must be a member of the circle. With an idempotency
     * key, a repeat of the same request (an offline queue sending again) answers the meeting it recorded the first time.
     */
    public MeetingView record(UUID circleId, Instant startsAt, List<Mark> marks, @Nullable String notes, @Nullable String idempotencyKey) {
        Caller caller = Caller.require();
        return sql.write(db -> {
            CircleView circle = circles.lockForManagement(circleId, caller);
            if (idempotencyKey != null) {
                Optional<UUID> recorded = db.one("select id from circle_meetings where circle_id = ? and idempotency_key = ?",
                        rs -> rs.getObject("id", UUID.class), circleId, idempotencyKey);
                if (recorded.isPresent()) {
                    return meeting(db, recorded.get(), true);
                }
            }
            Circles.requireActive(circle);
            Set<UUID> seen = new HashSet<>();
            for (Mark mark : marks) {
                if (!seen.add(mark.personId())) {
                    throw Refusal.invalid("attendance", "marks " + mark.personId() + " twice");
                }
                if (!circles.isMember(circleId, mark.personId())) {
                    throw Refusal.invalid("attendance", "marks " + mark.personId() + ", who is not a member of this circle");
                }
            }
            if (db.count("select count(*) from circle_meetings where circle_id = ? and starts_at = ?", circleId, startsAt) > 0) {
                throw Refusal.conflict("A meeting at this time is recorded already");
            }
            UUID id = UUID.randomUUID();
            db.update("insert into circle_meetings (id, circle_id, starts_at, notes, recorded_by, recorded_at, idempotency_key) values (?, ?, ?, ?, ?, ?, ?)",
                    id, circleId, startsAt, notes == null ? "" : notes, caller.person(), clock.instant(), idempotencyKey);
            for (Mark mark : marks) {
                db.update("insert into circle_attendance (meeting_id, person_id, status) values (?, ?, ?)", id, mark.personId(), mark.status());
            }
            outbox.publish(new CircleEvent.MeetingRecorded(TenantScope.requireId(), circleId, id, startsAt, marks.stream().filter(m -> m.status() == Attendance.Status.PRESENT).count(), marks.size()));
            for (Mark mark : marks) {
                if (mark.status() == Attendance.Status.ABSENT) {
                    List<Attendance.Status> history = history(db, circleId, mark.personId(), streakAlert + 1);
                    if (Attendance.reachesAlert(history, streakAlert)) {
                        outbox.publish(new CircleEvent.MemberAbsenceStreakReached(TenantScope.requireId(), circleId, mark.personId(), streakAlert,
                                circle.facilitators().stream().map(f -> f.id()).toList()));
                    }
                }
            }
            return meeting(db, id, true);
        });
    }

    /** The circle's meetings, newest first; notes only for its facilitators and admins. */
    public io.hearth.web.Paged<MeetingView> list(UUID circleId, int page, int size) {
        Caller caller = Caller.require();
        return sql.read(db -> {
            CircleView circle = readable(db, circleId, caller);
            boolean manager = Circles.manages(circle, caller);
            List<UUID> ids = db.list("select id from circle_meetings where circle_id = ? order by starts_at desc, id limit ? offset ?",
                    rs -> rs.getObject(1, UUID.class), circleId, size, (long) page * size);
            List<MeetingView> meetings = new ArrayList<>();
            for (UUID id : ids) {
                meetings.add(meeting(db, id, manager));
            }
            return new io.hearth.web.Paged<>(meetings, page, size, db.count("select count(*) from circle_meetings where circle_id = ?", circleId));
        });
    }

    /** Attendance rate over the last N meetings and the current absence streak, per current member. */
    public CircleFigures figures(UUID circleId, int lastMeetings) {
        Caller caller = Caller.require();
        return sql.read(db -> {
            readable(db, circleId, caller);
            List<MemberFigures> members = new ArrayList<>();
            List<Attendance.Status> all = new ArrayList<>();
            List<Object[]> people = db.list("select p.id, p.first_name, p.last_name from circle_memberships m join people p on p.id = m.person_id "
                    + "where m.circle_id = ? and m.left_at is null order by lower(p.last_name), p.id", rs -> new Object[]{rs.getObject(1, UUID.class),
                    rs.getString(2), rs.getString(3)}, circleId);
            for (Object[] person : people) {
                UUID id = (UUID) person[0];
                List<Attendance.Status> history = history(db, circleId, id, lastMeetings);
                all.addAll(history);
                members.add(new MemberFigures(id, (String) person[1], (String) person[2], history.size(),
                        (int) history.stream().filter(s -> s == Attendance.Status.PRESENT).count(), Attendance.rate(history),
                        Attendance.absenceStreak(history(db, circleId, id, 1000))));
            }
            return new CircleFigures(circleId, lastMeetings, Attendance.rate(all), members);
        });
    }

    /** Occurrences of the circle's schedule in [from, to), with moved and cancelled ones marked. */
    public List<MeetingSchedule.Occurrence> occurrences(UUID circleId, Instant from, Instant to) {
        Caller caller = Caller.require();
        return sql.read(db -> {
            CircleView circle = readable(db, circleId, caller);
            MeetingSchedule schedule = Circles.scheduleOf(circle);
            return schedule == null ? List.<MeetingSchedule.Occurrence>of() : schedule.occurrences(from, to, exceptions(db, circleId));
        });
    }

    /** Moves one occurrence (newStart) or cancels it (newStart null). */
    public MeetingSchedule.Occurrence reschedule(UUID circleId, Instant plannedStart, @Nullable Instant newStart) {
        Caller caller = Caller.require();
        return sql.write(db -> {
            CircleView circle = circles.lockForManagement(circleId, caller);
            Circles.requireActive(circle);
            MeetingSchedule schedule = Circles.scheduleOf(circle);
            if (schedule == null || !schedule.plans(plannedStart)) {
                throw Refusal.notFound("The schedule has no meeting at " + plannedStart);
            }
            db.update("insert into circle_schedule_exceptions (circle_id, original_start, new_start) values (?, ?, ?) "
                    + "on conflict (circle_id, original_start) do update set new_start = excluded.new_start", circleId, plannedStart, newStart);
            outbox.publish(newStart == null ? new CircleEvent.MeetingCancelled(TenantScope.requireId(), circleId, plannedStart, caller.person())
                    : new CircleEvent.MeetingMoved(TenantScope.requireId(), circleId, plannedStart, newStart, caller.person()));
            Map<Instant, Instant> exceptions = exceptions(db, circleId);
            Instant shown = newStart == null ? plannedStart : newStart;
            return schedule.occurrences(shown, shown.plusSeconds(1), exceptions).stream()
                    .filter(o -> o.plannedStart().equals(plannedStart)).findFirst().orElseThrow();
        });
    }

    /** A meeting of one of a man's circles, for other features to check against (events' conflict warnings). */
    public record Scheduled(UUID circleId, String circleName, Instant start, Instant end) {
    }

    /** The meetings of the circle he is in (not cancelled) that overlap [from, to). */
    public List<Scheduled> meetingsOf(UUID person, Instant from, Instant to) {
        return sql.read(db -> {
            List<Scheduled> meetings = new ArrayList<>();
            List<UUID> circleIds = db.list("select circle_id from circle_memberships where person_id = ? and left_at is null",
                    rs -> rs.getObject(1, UUID.class), person);
            for (UUID circleId : circleIds) {
                CircleView circle = circles.load(circleId).orElseThrow();
                MeetingSchedule schedule = Circles.scheduleOf(circle);
                if (schedule == null) {
                    continue;
                }
                Instant widened = from.minusSeconds(schedule.minutes() * 60L);
                for (MeetingSchedule.Occurrence o : schedule.occurrences(widened, to, exceptions(db, circleId))) {
                    if (!o.cancelled() && o.end().isAfter(from) && o.start().isBefore(to)) {
                        meetings.add(new Scheduled(circleId, circle.name(), o.start(), o.end()));
                    }
                }
            }
            return meetings;
        });
    }

    static Map<Instant, Instant> exceptions(TenantSql.Sql db, UUID circleId) {
        Map<Instant, Instant> exceptions = new HashMap<>();
        db.list("select original_start, new_start from circle_schedule_exceptions where circle_id = ?", rs -> {
            exceptions.put(TenantSql.instant(rs, "original_start"), TenantSql.instant(rs, "new_start"));
            return null;
        }, circleId);
        return exceptions;
    }

    private CircleView readable(TenantSql.Sql db, UUID circleId, Caller caller) {
        CircleView circle = circles.load(circleId).filter(c -> circles.visible(c, caller))
                .orElseThrow(() -> Refusal.notFound("No circle with this id"));
        if (!Circles.manages(circle, caller) && !caller.can(io.hearth.identity.Permission.CIRCLES_VIEW_ALL)
                && !circles.isMember(circleId, caller.person())) {
            throw Refusal.forbidden("Only the circle's members, facilitators, leadership and admins see its meetings");
        }
        return circle;
    }

    /** His marks at the circle's meetings, newest first. */
    private static List<Attendance.Status> history(TenantSql.Sql db, UUID circleId, UUID person, int limit) {
        return db.list("select a.status from circle_attendance a join circle_meetings m on m.id = a.meeting_id "
                        + "where m.circle_id = ? and a.person_id = ? order by m.starts_at desc limit ?",
                rs -> Attendance.Status.valueOf(rs.getString(1)), circleId, person, limit);
    }

    private static MeetingView meeting(TenantSql.Sql db, UUID id, boolean withNotes) {
        List<AttendanceView> attendance = db.list("select person_id, status from circle_attendance where meeting_id = ? order by person_id",
                rs -> new AttendanceView(rs.getObject(1, UUID.class), Attendance.Status.valueOf(rs.getString(2))), id);
        return db.one("select id, circle_id, starts_at, notes, recorded_at from circle_meetings where id = ?", rs -> new MeetingView(
                rs.getObject("id", UUID.class), rs.getObject("circle_id", UUID.class), TenantSql.instant(rs, "starts_at"), attendance,
                withNotes ? rs.getString("notes") : null, TenantSql.instant(rs, "recorded_at")), id).orElseThrow();
    }
}
