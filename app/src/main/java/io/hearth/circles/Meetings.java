package io.hearth.circles;

import io.hearth.circles.internal.MeetingRepository;
import io.hearth.circles.internal.MeetingRow;
import io.hearth.circles.internal.PersonName;
import io.hearth.identity.Caller;
import io.hearth.kit.Refusal;
import io.hearth.kit.outbox.Outbox;
import io.hearth.tenancy.TenantBound;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.swagger.v3.oas.annotations.media.Schema;
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
@TenantBound
@Singleton
public class Meetings {

    private final MeetingRepository meetings;
    private final Circles circles;
    private final Outbox outbox;
    private final Clock clock;
    private final int streakAlert;

    public Meetings(MeetingRepository meetings, Circles circles, Outbox outbox, Clock clock,
                    @Property(name = "hearth.circles.absence-streak-alert") int streakAlert) {
        this.meetings = meetings;
        this.circles = circles;
        this.outbox = outbox;
        this.clock = clock;
        this.streakAlert = streakAlert;
    }

    public record Mark(UUID personId, Attendance.Status status) {
    }

    @Schema(name = "MeetingView")
    @Serdeable
    public record MeetingView(UUID id, UUID circleId, Instant startsAt, List<AttendanceView> attendance, @Nullable String notes, Instant recordedAt) {
    }

    @Schema(name = "AttendanceView")
    @Serdeable
    public record AttendanceView(UUID personId, Attendance.Status status) {
    }

    @Schema(name = "MemberFigures")
    @Serdeable
    public record MemberFigures(UUID personId, String firstName, String lastName, int meetings, int present, @Nullable Double rate, int absenceStreak) {
    }

    @Schema(name = "CircleFigures")
    @Serdeable
    public record CircleFigures(UUID circleId, int lastMeetings, @Nullable Double rate, List<MemberFigures> members) {
    }

    /**
     * Records a meeting with every mark at once; each man marked must be a member of the circle. With an idempotency
     * key, a repeat of the same request (an offline queue sending again) answers the meeting it recorded the first time.
     */
    @Transactional
    public MeetingView record(Caller caller, UUID circleId, Instant startsAt, List<Mark> marks, @Nullable String notes, @Nullable String idempotencyKey) {
        CircleView circle = circles.lockForManagement(circleId, caller);
        if (idempotencyKey != null) {
            Optional<UUID> recorded = meetings.findByKey(circleId, idempotencyKey);
            if (recorded.isPresent()) {
                return views(List.of(meetings.findById(recorded.get()).orElseThrow()), true).get(0);
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
        if (meetings.existsByCircleIdAndStartsAt(circleId, startsAt)) {
            throw Refusal.conflict("A meeting at this time is recorded already");
        }
        MeetingRow meeting = meetings.save(new MeetingRow(UUID.randomUUID(), circleId, startsAt, notes == null ? "" : notes, caller.person(),
                clock.instant(), idempotencyKey));
        for (Mark mark : marks) {
            meetings.mark(meeting.id(), mark.personId(), mark.status().name());
        }
        outbox.publish(new CircleEvent.MeetingRecorded(caller.tenant().id(), circleId, meeting.id(), startsAt,
                marks.stream().filter(m -> m.status() == Attendance.Status.PRESENT).count(), marks.size()));
        for (Mark mark : marks) {
            if (mark.status() == Attendance.Status.ABSENT) {
                List<Attendance.Status> history = history(circleId, mark.personId(), streakAlert + 1);
                if (Attendance.reachesAlert(history, streakAlert)) {
                    outbox.publish(new CircleEvent.MemberAbsenceStreakReached(caller.tenant().id(), circleId, mark.personId(), streakAlert,
                            circle.facilitators().stream().map(f -> f.id()).toList()));
                }
            }
        }
        return views(List.of(meeting), true).get(0);
    }

    /** The circle's meetings, newest first; notes only for its facilitators and admins. */
    @Transactional(readOnly = true)
    public io.hearth.web.Paged<MeetingView> list(Caller caller, UUID circleId, int page, int size) {
        CircleView circle = readable(circleId, caller);
        boolean manager = Circles.manages(circle, caller);
        return new io.hearth.web.Paged<>(views(meetings.findPage(circleId, size, (long) page * size), manager), page, size,
                meetings.countByCircleId(circleId));
    }

    /** Attendance rate over the last N meetings and the current absence streak, per current member. */
    @Transactional(readOnly = true)
    public CircleFigures figures(Caller caller, UUID circleId, int lastMeetings) {
        readable(circleId, caller);
        List<MemberFigures> members = new ArrayList<>();
        List<Attendance.Status> all = new ArrayList<>();
        for (PersonName person : meetings.findCurrentMembers(circleId)) {
            List<Attendance.Status> history = history(circleId, person.id(), lastMeetings);
            all.addAll(history);
            members.add(new MemberFigures(person.id(), person.firstName(), person.lastName(), history.size(),
                    (int) history.stream().filter(s -> s == Attendance.Status.PRESENT).count(), Attendance.rate(history),
                    Attendance.absenceStreak(history(circleId, person.id(), 1000))));
        }
        return new CircleFigures(circleId, lastMeetings, Attendance.rate(all), members);
    }

    /** Occurrences of the circle's schedule in [from, to), with moved and cancelled ones marked. */
    @Transactional(readOnly = true)
    public List<MeetingSchedule.Occurrence> occurrences(Caller caller, UUID circleId, Instant from, Instant to) {
        return occurrencesOf(readable(circleId, caller), from, to);
    }

    /**
     * Arranges a meeting outside the circle's schedule (or for a circle without one), as its facilitators do, for
     * example when a meeting-time poll closes; circle members hear of it ({@code MeetingArranged}).
     */
    @Transactional
    public MeetingSchedule.Occurrence arrange(Caller caller, UUID circleId, Instant start, int minutes) {
        CircleView circle = circles.lockForManagement(circleId, caller);
        Circles.requireActive(circle);
        if (!start.isAfter(clock.instant())) {
            throw Refusal.invalid("startsAt", "must be in the future");
        }
        if (minutes < 15 || minutes > 1440) {
            throw Refusal.invalid("minutes", "must be between 15 and 1440");
        }
        if (meetings.arrange(circleId, start, minutes, caller.person(), clock.instant()) == 1) {
            outbox.publish(new CircleEvent.MeetingArranged(caller.tenant().id(), circleId, start, minutes, caller.person()));
        }
        return new MeetingSchedule.Occurrence(start, start, start.plusSeconds(minutes * 60L), false, false);
    }

    /** The schedule's occurrences starting in [from, to), with its exceptions, and the meetings arranged outside it. */
    List<MeetingSchedule.Occurrence> occurrencesOf(CircleView circle, Instant from, Instant to) {
        MeetingSchedule schedule = Circles.scheduleOf(circle);
        List<MeetingSchedule.Occurrence> all = new ArrayList<>(schedule == null ? List.of() : schedule.occurrences(from, to, exceptions(circle.id())));
        for (io.hearth.circles.internal.OneOffLine oneOff : meetings.findOneOffs(circle.id(), from, to)) {
            all.add(new MeetingSchedule.Occurrence(oneOff.startsAt(), oneOff.startsAt(), oneOff.startsAt().plusSeconds(oneOff.minutes() * 60L), false, false));
        }
        all.sort(java.util.Comparator.comparing(o -> o.start() == null ? o.plannedStart() : o.start()));
        return all;
    }

    /** Moves one occurrence (newStart) or cancels it (newStart null). */
    @Transactional
    public MeetingSchedule.Occurrence reschedule(Caller caller, UUID circleId, Instant plannedStart, @Nullable Instant newStart) {
        CircleView circle = circles.lockForManagement(circleId, caller);
        Circles.requireActive(circle);
        MeetingSchedule schedule = Circles.scheduleOf(circle);
        if (schedule == null || !schedule.plans(plannedStart)) {
            throw Refusal.notFound("The schedule has no meeting at " + plannedStart);
        }
        meetings.reschedule(circleId, plannedStart, newStart);
        outbox.publish(newStart == null ? new CircleEvent.MeetingCancelled(caller.tenant().id(), circleId, plannedStart, caller.person())
                : new CircleEvent.MeetingMoved(caller.tenant().id(), circleId, plannedStart, newStart, caller.person()));
        Instant shown = newStart == null ? plannedStart : newStart;
        return schedule.occurrences(shown, shown.plusSeconds(1), exceptions(circleId)).stream()
                .filter(o -> o.plannedStart().equals(plannedStart)).findFirst().orElseThrow();
    }

    /** A meeting of one of a man's circles, for other features to check against (events' conflict warnings). */
    public record Scheduled(UUID circleId, String circleName, Instant start, Instant end) {
    }

    /** The meetings (not cancelled) of the circles he is in or runs that overlap [from, to). */
    @Transactional(readOnly = true)
    public List<Scheduled> meetingsOf(UUID person, Instant from, Instant to) {
        List<Scheduled> scheduled = new ArrayList<>();
        for (UUID circleId : meetings.findCirclesInOrRunBy(person)) {
            CircleView circle = circles.load(circleId).orElseThrow();
            // A meeting lasts at most a day: widen the window so that one starting before it but still going is found.
            for (MeetingSchedule.Occurrence o : occurrencesOf(circle, from.minusSeconds(86_400), to)) {
                if (!o.cancelled() && o.end().isAfter(from) && o.start().isBefore(to)) {
                    scheduled.add(new Scheduled(circleId, circle.name(), o.start(), o.end()));
                }
            }
        }
        return scheduled;
    }

    /** The circles he is in now or runs. */
    List<UUID> circlesInOrRunBy(UUID person) {
        return meetings.findCirclesInOrRunBy(person);
    }

    /** The moved (to a new start) and cancelled (to null) occurrences of the circle's schedule. */
    Map<Instant, Instant> exceptions(UUID circleId) {
        Map<Instant, Instant> exceptions = new HashMap<>();
        meetings.findExceptions(circleId).forEach(line -> exceptions.put(line.originalStart(), line.newStart()));
        return exceptions;
    }

    private CircleView readable(UUID circleId, Caller caller) {
        CircleView circle = circles.load(circleId).filter(c -> circles.visible(c, caller))
                .orElseThrow(() -> Refusal.notFound("No circle with this id"));
        if (!Circles.manages(circle, caller) && !caller.can(io.hearth.identity.Permission.CIRCLES_VIEW_ALL)
                && !circles.isMember(circleId, caller.person())) {
            throw Refusal.forbidden("Only the circle's members, facilitators, leadership and admins see its meetings");
        }
        return circle;
    }

    /** His marks at the circle's meetings, newest first. */
    private List<Attendance.Status> history(UUID circleId, UUID person, int limit) {
        return meetings.findHistory(circleId, person, limit).stream().map(Attendance.Status::valueOf).toList();
    }

    /** The meetings with their marks, in one query for the marks of all of them. */
    private List<MeetingView> views(List<MeetingRow> rows, boolean withNotes) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<AttendanceView>> marks = new HashMap<>();
        meetings.findMarks(rows.stream().map(MeetingRow::id).toList()).forEach(mark -> marks.computeIfAbsent(mark.meetingId(),
                k -> new ArrayList<>()).add(new AttendanceView(mark.personId(), mark.status())));
        return rows.stream().map(row -> new MeetingView(row.id(), row.circleId(), row.startsAt(), marks.getOrDefault(row.id(), List.of()),
                withNotes ? row.notes() : null, row.recordedAt())).toList();
    }
}
