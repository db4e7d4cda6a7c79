package io.hearth.polls;

import io.hearth.ErrorCode;
import io.hearth.circles.CircleView;
import io.hearth.circles.Circles;
import io.hearth.circles.MeetingSchedule;
import io.hearth.circles.Meetings;
import io.hearth.circles.Memberships;
import io.hearth.gatherings.Registrations;
import io.hearth.identity.Caller;
import io.hearth.identity.People;
import io.hearth.identity.Permission;
import io.hearth.kit.Refusal;
import io.hearth.kit.outbox.Outbox;
import io.hearth.polls.internal.AnswerLine;
import io.hearth.polls.internal.OptionRepository;
import io.hearth.polls.internal.OptionRow;
import io.hearth.polls.internal.PollRepository;
import io.hearth.polls.internal.PollRow;
import io.hearth.realtime.Frame;
import io.hearth.realtime.Realtime;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import io.hearth.web.Paged;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Polls: a circle's facilitators (or an admin) ask the circle, and admins or leadership the whole organisation, to
 * choose a meeting time or answer a question. Answers are counted live (a {@code poll} frame to everyone asked); a
 * slot is marked where it clashes with a man's other circle meeting or an event he is registered for; closing a
 * circle's meeting-time poll arranges the meeting, or moves the one it replaces, through circles' own use case.
 */
@TenantBound
@Singleton
public class Polls {

    /** How long before its deadline a poll reminds those who have not answered. */
    static final Duration REMINDER_BEFORE = Duration.ofHours(24);
    private static final int DEFAULT_MINUTES = 90;

    private final PollRepository polls;
    private final OptionRepository options;
    private final Circles circles;
    private final Memberships memberships;
    private final Meetings meetings;
    private final Registrations registrations;
    private final People people;
    private final Outbox outbox;
    private final Realtime realtime;
    private final Clock clock;

    public Polls(PollRepository polls, OptionRepository options, Circles circles, Memberships memberships, Meetings meetings,
                 Registrations registrations, People people, Outbox outbox, Realtime realtime, Clock clock) {
        this.polls = polls;
        this.options = options;
        this.circles = circles;
        this.memberships = memberships;
        this.meetings = meetings;
        this.registrations = registrations;
        this.people = people;
        this.outbox = outbox;
        this.realtime = realtime;
        this.clock = clock;
    }

    /** What the asker writes. */
    public record Draft(PollScope scope, @Nullable UUID circleId, PollKind kind, String question, @Nullable String description,
                        List<PollRules.Offered> options, boolean multiple, boolean anonymous, @Nullable Instant deadline,
                        @Nullable Integer quorum, boolean lockTimeZone, @Nullable Instant replacesMeeting) {
    }

    /** OPEN takes answers; ENDED is past its deadline and waits to be closed; CLOSED is decided. */
    @Schema(name = "PollStatus")
    public enum Status {
        OPEN, ENDED, CLOSED
    }

    /** What clashes with a slot: another circle's meeting, or an event he is registered for. */
    @Schema(name = "PollClashKind")
    public enum ClashKind {
        CIRCLE_MEETING, EVENT
    }

    /**
     * A poll as one man sees it. {@code timeZone} set means the slots are shown in that zone (the circle's, locked by
     * its facilitator), else in each man's own. {@code audience} is how many are asked, {@code respondents} how many
     * answered.
     */
    @Schema(name = "Poll")
    @Serdeable
    public record Poll(UUID id, PollScope scope, @Nullable UUID circleId, @Nullable String circleName, PollKind kind, String question,
                       @Nullable String description, boolean multiple, boolean anonymous, @Nullable String timeZone, @Nullable Integer quorum,
                       @Nullable Instant deadline, @Nullable Instant replacesMeeting, Status status, UUID createdBy, String createdByName,
                       Instant createdAt, @Nullable Instant closedAt, @Nullable UUID chosenOptionId, @Nullable Instant meetingStart, int audience,
                       int respondents, boolean answered, boolean canAnswer, boolean canClose, List<Option> options) {
    }

    /**
     * One option with its tally. {@code mine} is his own answer (YES, IF_NEED_BE, NO, or CHOSEN). For a circle's slot,
     * {@code facilitatorCan} and {@code meetsQuorum} say whether it counts; {@code voters} is empty in an anonymous
     * poll; {@code clashes} is filled when one poll is read, and names what clashes only to the man himself.
     */
    @Schema(name = "PollOption")
    @Serdeable
    public record Option(UUID id, @Nullable String label, @Nullable Instant startsAt, @Nullable Instant endsAt, @Nullable Integer capacity,
                         boolean full, int yes, int ifNeedBe, int no, int chosen, @Nullable String mine, @Nullable Boolean facilitatorCan,
                         @Nullable Boolean meetsQuorum, List<Voter> voters, List<Clash> clashes) {
    }

    @Schema(name = "PollVoter")
    @Serdeable
    public record Voter(UUID personId, String name, String answer) {
    }

    @Schema(name = "PollClash")
    @Serdeable
    public record Clash(UUID personId, String name, ClashKind kind, @Nullable String what) {
    }

    /** A poll's live tally, to everyone it asks: the counts only (each man reads his own answers and names through the API). */
    @Serdeable
    public record PollFrame(String type, UUID pollId, Status status, int respondents, List<Tally> options) implements Frame {
        public PollFrame(UUID pollId, Status status, int respondents, List<Tally> options) {
            this("poll", pollId, status, respondents, options);
        }
    }

    @Schema(name = "PollTally")
    @Serdeable
    public record Tally(UUID optionId, int yes, int ifNeedBe, int no, int chosen) {
    }

    /** A poll created, and whether this answer repeats an earlier one with the same Idempotency-Key. */
    public record Created(Poll poll, boolean repeated) {
    }

    @Transactional
    public Created create(Caller caller, Draft draft, @Nullable String idempotencyKey) {
        if (idempotencyKey != null) {
            Optional<PollRow> earlier = polls.findByKey(caller.person(), idempotencyKey);
            if (earlier.isPresent()) {
                return new Created(view(caller, earlier.get(), true), true);
            }
        }
        Instant now = clock.instant();
        String question = draft.question() == null ? "" : draft.question().strip();
        if (question.isEmpty() || question.length() > PollRules.MAX_QUESTION) {
            throw Refusal.invalid("question", "must be 1 to " + PollRules.MAX_QUESTION + " characters");
        }
        String description = draft.description() == null || draft.description().isBlank() ? null : draft.description().strip();
        if (description != null && description.length() > PollRules.MAX_DESCRIPTION) {
            throw Refusal.invalid("description", "must be at most " + PollRules.MAX_DESCRIPTION + " characters");
        }
        if (draft.deadline() != null && !draft.deadline().isAfter(now)) {
            throw Refusal.invalid("deadline", "must be in the future");
        }
        CircleView circle = null;
        if (draft.scope() == PollScope.CIRCLE) {
            if (draft.circleId() == null) {
                throw Refusal.invalid("circleId", "is required for a circle's poll");
            }
            circle = circles.get(caller, draft.circleId());
            if (!Circles.manages(circle, caller)) {
                throw Refusal.forbidden("Only the circle's facilitators and admins ask the circle");
            }
            if (!"ACTIVE".equals(circle.status())) {
                throw new Refusal(Refusal.Kind.CONFLICT, ErrorCode.CIRCLE_ARCHIVED, "The circle is archived: it takes no new polls");
            }
        } else {
            if (draft.circleId() != null) {
                throw Refusal.invalid("circleId", "is only for a circle's poll (scope CIRCLE)");
            }
            if (!caller.can(Permission.ANNOUNCEMENTS_POST)) {
                throw Refusal.forbidden("Only admins and leadership ask the whole organisation");
            }
        }
        if (draft.kind() == PollKind.MEETING_TIME) {
            if (draft.multiple() || draft.anonymous()) {
                throw Refusal.invalid(draft.multiple() ? "multiple" : "anonymous", "is only for a question (kind CHOICE): slots are answered by name");
            }
        } else if (draft.quorum() != null || draft.replacesMeeting() != null || draft.lockTimeZone()) {
            throw Refusal.invalid(draft.quorum() != null ? "quorum" : draft.replacesMeeting() != null ? "replacesMeeting" : "lockTimeZone",
                    "is only for a meeting-time poll");
        }
        if (circle == null && (draft.quorum() != null || draft.replacesMeeting() != null)) {
            throw Refusal.invalid(draft.quorum() != null ? "quorum" : "replacesMeeting", "is only for a circle's poll");
        }
        if (draft.quorum() != null && (draft.quorum() < 1 || draft.quorum() > 100)) {
            throw Refusal.invalid("quorum", "must be between 1 and 100");
        }
        MeetingSchedule.Occurrence replaced = null;
        if (draft.replacesMeeting() != null) {
            Instant planned = draft.replacesMeeting();
            replaced = meetings.occurrences(caller, circle.id(), planned.minus(Duration.ofDays(8)), planned.plus(Duration.ofDays(8))).stream()
                    .filter(o -> o.plannedStart().equals(planned) && !o.cancelled()).findFirst()
                    .orElseThrow(() -> Refusal.invalid("replacesMeeting", "is not a planned meeting of the circle"));
            if (!replaced.plannedStart().isAfter(now)) {
                throw Refusal.invalid("replacesMeeting", "is in the past");
            }
        }
        CircleView.Schedule schedule = circle == null ? null : circle.schedule();
        int defaultMinutes = schedule != null ? schedule.minutes() : DEFAULT_MINUTES;
        List<PollRules.Offered> offered = PollRules.options(draft.kind(), draft.options(), now, defaultMinutes);
        String zone = null;
        if (draft.lockTimeZone()) {
            zone = schedule != null ? schedule.timeZone() : people.timeZone();
        }

        UUID id = UUID.randomUUID();
        PollRow row = polls.save(new PollRow(id, draft.scope(), circle == null ? null : circle.id(), draft.kind(), question, description,
                draft.multiple(), draft.anonymous(), zone, draft.quorum(), draft.deadline(), replaced == null ? null : replaced.plannedStart(),
                caller.person(), now, null, null, null, null, null, idempotencyKey));
        for (int i = 0; i < offered.size(); i++) {
            PollRules.Offered option = offered.get(i);
            options.save(new OptionRow(UUID.randomUUID(), id, i, option.label(), option.startsAt(), option.minutes(), option.capacity()));
        }
        outbox.publish(new PollEvent.PollOpened(caller.tenant().id(), id, draft.scope(), row.circleId(), draft.kind(), question, draft.deadline(),
                caller.person()));
        return new Created(view(caller, row, true), false);
    }

    /** The polls he may read, newest first: the organisation's and his circles' ones, or one circle's ({@code circleId}). */
    @Transactional(readOnly = true)
    public Paged<Poll> list(Caller caller, @Nullable UUID circleId, boolean openOnly, int page, int size) {
        boolean organisation;
        List<UUID> circleIds;
        if (circleId != null) {
            CircleView circle = circles.get(caller, circleId);
            if (!mayRead(caller, circle)) {
                throw Refusal.forbidden("Only the circle's men, its facilitators, leadership and admins see its polls");
            }
            organisation = false;
            circleIds = List.of(circleId);
        } else {
            organisation = true;
            circleIds = circlesOf(caller.person());
        }
        List<PollRow> rows = polls.findFor(organisation, circleIds, openOnly, size, (long) page * size);
        long total = polls.countFor(organisation, circleIds, openOnly);
        Map<UUID, List<OptionRow>> optionsOf = optionsOf(rows);
        Map<UUID, List<AnswerLine>> answersOf = answersOf(rows);
        Supplier<Set<UUID>> everyone = memo(() -> new HashSet<>(people.active()));
        List<Poll> views = new ArrayList<>();
        for (PollRow row : rows) {
            views.add(view(caller, row, access(caller, row, everyone), optionsOf.getOrDefault(row.id(), List.of()),
                    answersOf.getOrDefault(row.id(), List.of()), false));
        }
        return new Paged<>(views, page, size, total);
    }

    @Transactional(readOnly = true)
    public Poll get(Caller caller, UUID id) {
        return view(caller, readable(caller, polls.findById(id)), true);
    }

    /** His answer to a meeting-time poll: an availability per slot. It replaces his earlier answer whole. */
    @Transactional
    public Poll answerSlots(Caller caller, UUID id, Map<UUID, Availability> answers) {
        PollRow poll = answerable(caller, id);
        if (poll.kind() != PollKind.MEETING_TIME) {
            throw Refusal.invalid("choices", "this poll is a question: answer it with choices");
        }
        List<OptionRow> own = options.findOf(List.of(id));
        PollRules.slotAnswers(answers, own.stream().map(OptionRow::id).toList());
        List<AnswerLine> all = polls.findAnswers(List.of(id));
        for (OptionRow option : own) {
            if (answers.get(option.id()) == Availability.YES) {
                requireRoom(caller, option, all, Availability.YES.name());
            }
        }
        polls.withdraw(id, caller.person());
        Instant now = clock.instant();
        answers.forEach((option, availability) -> polls.answer(option, id, caller.person(), availability.name(), now));
        return answered(caller, poll);
    }

    /** His answer to a question: the options he chooses (none withdraws his answer). */
    @Transactional
    public Poll choose(Caller caller, UUID id, List<UUID> chosen) {
        PollRow poll = answerable(caller, id);
        if (poll.kind() != PollKind.CHOICE) {
            throw Refusal.invalid("answers", "this poll asks for a meeting time: answer each slot YES, IF_NEED_BE or NO");
        }
        List<OptionRow> own = options.findOf(List.of(id));
        PollRules.choices(chosen, poll.multiple(), own.stream().map(OptionRow::id).toList());
        List<AnswerLine> all = polls.findAnswers(List.of(id));
        for (OptionRow option : own) {
            if (chosen.contains(option.id())) {
                requireRoom(caller, option, all, "CHOSEN");
            }
        }
        polls.withdraw(id, caller.person());
        Instant now = clock.instant();
        chosen.forEach(option -> polls.answer(option, id, caller.person(), "CHOSEN", now));
        return answered(caller, poll);
    }

    /**
     * Closes the poll. For a meeting time, {@code slot} (an option's id or its start) is the time chosen: a circle's
     * poll then arranges that meeting, or moves the one it replaces, unless the slot falls short of the quorum and
     * {@code despiteQuorum} is not said. For a question, {@code slot} may name the outcome; without it, the option most
     * chosen wins when it is alone at the top. Closing again with the same outcome answers the poll as it is.
     */
    @Transactional
    public Poll close(Caller caller, UUID id, @Nullable String slot, boolean despiteQuorum) {
        PollRow poll = readable(caller, polls.lock(id));
        Access access = access(caller, poll, memo(() -> new HashSet<>(people.active())));
        if (!access.manage()) {
            throw Refusal.forbidden("Only who asked, the circle's facilitators and admins close a poll");
        }
        List<OptionRow> own = options.findOf(List.of(id));
        List<AnswerLine> answers = polls.findAnswers(List.of(id));
        OptionRow chosen = slot == null || slot.isBlank() ? null : option(own, slot);
        if (chosen == null && poll.kind() == PollKind.CHOICE && (slot == null || slot.isBlank())) {
            chosen = mostChosen(own, answers);
        }
        if (poll.closedAt() != null) {
            if (java.util.Objects.equals(poll.chosenOption(), chosen == null ? null : chosen.id()) || slot == null) {
                return view(caller, poll, true);
            }
            throw new Refusal(Refusal.Kind.CONFLICT, ErrorCode.POLL_CLOSED, "The poll is already closed");
        }
        Instant meetingStart = null;
        if (chosen != null && poll.kind() == PollKind.MEETING_TIME && poll.scope() == PollScope.CIRCLE) {
            Map<UUID, Availability> forSlot = slotAnswers(chosen.id(), answers);
            PollRules.Standing standing = PollRules.standing(access.facilitators(), forSlot, poll.quorum());
            if (!standing.meetsQuorum() && !despiteQuorum) {
                throw new Refusal(Refusal.Kind.CONFLICT, ErrorCode.QUORUM_NOT_MET, standing.facilitatorCan()
                        ? standing.menWhoCan() + " men can come at this time; the quorum is " + poll.quorum() + " (close with despiteQuorum to choose it anyway)"
                        : "No facilitator can come at this time (close with despiteQuorum to choose it anyway)");
            }
            MeetingSchedule.Occurrence meeting = poll.replacesMeeting() != null
                    ? meetings.reschedule(caller, poll.circleId(), poll.replacesMeeting(), chosen.startsAt())
                    : meetings.arrange(caller, poll.circleId(), chosen.startsAt(), chosen.minutes());
            meetingStart = meeting.start();
        }
        Instant now = clock.instant();
        polls.close(id, now, caller.person(), chosen == null ? null : chosen.id(), meetingStart);
        outbox.publish(new PollEvent.PollClosed(caller.tenant().id(), id, poll.circleId(), poll.kind(), poll.question(),
                chosen == null ? null : chosen.id(), chosen == null ? null : chosen.label(), chosen == null ? null : chosen.startsAt(),
                meetingStart, caller.person()));
        PollRow closed = polls.findById(id).orElseThrow();
        tell(caller.tenant(), closed, access, own, polls.findAnswers(List.of(id)));
        return view(caller, closed, true);
    }

    /** Who a poll asks (for notices): a circle's men and facilitators now, or every active man of the organisation. */
    @Transactional(readOnly = true)
    public List<UUID> audience(UUID pollId) {
        return polls.findById(pollId).map(poll -> List.copyOf(audienceOf(poll, memo(() -> new HashSet<>(people.active()))).everyone()))
                .orElse(List.of());
    }

    /**
     * Reminds, once, the men who have not answered the open polls whose deadline is within a day (a poll made less
     * than two hours before its deadline reminds nobody); each poll is claimed by one instance. Returns how many polls.
     */
    @Transactional
    public int remindDue(Tenant tenant) {
        Instant now = clock.instant();
        List<PollRow> due = polls.lockReminderDue(now, now.plus(REMINDER_BEFORE), 100);
        if (due.isEmpty()) {
            return 0;
        }
        Supplier<Set<UUID>> everyone = memo(() -> new HashSet<>(people.active()));
        Map<UUID, List<AnswerLine>> answersOf = answersOf(due);
        for (PollRow poll : due) {
            polls.reminded(poll.id(), now);
            Set<UUID> unanswered = new LinkedHashSet<>(audienceOf(poll, everyone).everyone());
            answersOf.getOrDefault(poll.id(), List.of()).forEach(a -> unanswered.remove(a.personId()));
            if (!unanswered.isEmpty()) {
                outbox.publish(new PollEvent.PollReminderDue(tenant.id(), poll.id(), poll.question(), poll.deadline(), List.copyOf(unanswered)));
            }
        }
        return due.size();
    }

    private record Audience(Set<UUID> members, Set<UUID> facilitators, @Nullable CircleView circle) {
        Set<UUID> everyone() {
            Set<UUID> all = new LinkedHashSet<>(facilitators);
            all.addAll(members);
            return all;
        }
    }

    private record Access(boolean read, boolean answer, boolean manage, Audience audience) {
        Set<UUID> facilitators() {
            return audience.facilitators();
        }
    }

    private Audience audienceOf(PollRow poll, Supplier<Set<UUID>> everyone) {
        if (poll.scope() == PollScope.ORGANISATION) {
            return new Audience(everyone.get(), Set.of(), null);
        }
        CircleView circle = circles.find(poll.circleId()).orElseThrow();
        Set<UUID> facilitators = new LinkedHashSet<>();
        circle.facilitators().forEach(f -> facilitators.add(f.id()));
        return new Audience(new LinkedHashSet<>(memberships.currentMembers(circle.id())), facilitators, circle);
    }

    private Access access(Caller caller, PollRow poll, Supplier<Set<UUID>> everyone) {
        Audience audience = audienceOf(poll, everyone);
        boolean asked = audience.everyone().contains(caller.person());
        boolean asker = poll.createdBy().equals(caller.person());
        if (poll.scope() == PollScope.ORGANISATION) {
            return new Access(true, asked, asker || caller.can(Permission.ORGANISATION_MANAGE), audience);
        }
        boolean manage = asker || Circles.manages(audience.circle(), caller);
        return new Access(asked || manage || caller.can(Permission.CIRCLES_VIEW_ALL), asked, manage, audience);
    }

    private boolean mayRead(Caller caller, CircleView circle) {
        return Circles.manages(circle, caller) || caller.can(Permission.CIRCLES_VIEW_ALL) || memberships.isMember(circle.id(), caller.person())
                || circle.facilitators().stream().anyMatch(f -> f.id().equals(caller.person()));
    }

    /** A poll he may read, or 404 as if it did not exist. */
    private PollRow readable(Caller caller, Optional<PollRow> found) {
        return found.filter(poll -> access(caller, poll, memo(() -> new HashSet<>(people.active()))).read())
                .orElseThrow(() -> Refusal.notFound("No poll with this id"));
    }

    /** A poll he may answer now, locked so that answers to a full option are counted one at a time. */
    private PollRow answerable(Caller caller, UUID id) {
        PollRow poll = readable(caller, polls.lock(id));
        if (!access(caller, poll, memo(() -> new HashSet<>(people.active()))).answer()) {
            throw Refusal.forbidden("Only the men the poll asks answer it");
        }
        if (status(poll) != Status.OPEN) {
            throw new Refusal(Refusal.Kind.CONFLICT, ErrorCode.POLL_CLOSED, status(poll) == Status.CLOSED ? "The poll is closed" : "The poll's deadline has passed");
        }
        return poll;
    }

    private static void requireRoom(Caller caller, OptionRow option, List<AnswerLine> answers, String taking) {
        long taken = answers.stream().filter(a -> a.optionId().equals(option.id()) && a.answer().equals(taking) && !a.personId().equals(caller.person())).count();
        if (!PollRules.hasRoom(option.capacity(), taken)) {
            throw new Refusal(Refusal.Kind.CONFLICT, ErrorCode.OPTION_FULL, "This option is full (" + option.capacity() + " places)");
        }
    }

    private Poll answered(Caller caller, PollRow poll) {
        List<OptionRow> own = options.findOf(List.of(poll.id()));
        List<AnswerLine> answers = polls.findAnswers(List.of(poll.id()));
        tell(caller.tenant(), poll, access(caller, poll, memo(() -> new HashSet<>(people.active()))), own, answers);
        return view(caller, poll, true);
    }

    /** The live tally to everyone the poll asks and to who asked. */
    private void tell(Tenant tenant, PollRow poll, Access access, List<OptionRow> own, List<AnswerLine> answers) {
        Set<UUID> to = new LinkedHashSet<>(access.audience().everyone());
        to.add(poll.createdBy());
        List<Tally> tallies = own.stream().map(option -> tally(option.id(), answers)).toList();
        realtime.send(tenant, to, new PollFrame(poll.id(), status(poll), respondents(answers), tallies));
    }

    private static Tally tally(UUID option, List<AnswerLine> answers) {
        int yes = 0;
        int ifNeedBe = 0;
        int no = 0;
        int chosen = 0;
        for (AnswerLine answer : answers) {
            if (!answer.optionId().equals(option)) {
                continue;
            }
            switch (answer.answer()) {
                case "YES" -> yes++;
                case "IF_NEED_BE" -> ifNeedBe++;
                case "NO" -> no++;
                default -> chosen++;
            }
        }
        return new Tally(option, yes, ifNeedBe, no, chosen);
    }

    private static int respondents(List<AnswerLine> answers) {
        return (int) answers.stream().map(AnswerLine::personId).distinct().count();
    }

    private Status status(PollRow poll) {
        if (poll.closedAt() != null) {
            return Status.CLOSED;
        }
        return poll.deadline() != null && !poll.deadline().isAfter(clock.instant()) ? Status.ENDED : Status.OPEN;
    }

    private static Map<UUID, Availability> slotAnswers(UUID option, List<AnswerLine> answers) {
        Map<UUID, Availability> forSlot = new HashMap<>();
        answers.stream().filter(a -> a.optionId().equals(option)).forEach(a -> forSlot.put(a.personId(), Availability.valueOf(a.answer())));
        return forSlot;
    }

    /** The option named by its id or, for a slot, by its start. */
    private static OptionRow option(List<OptionRow> own, String slot) {
        Optional<OptionRow> found = Optional.empty();
        try {
            UUID id = UUID.fromString(slot);
            found = own.stream().filter(o -> o.id().equals(id)).findFirst();
        } catch (IllegalArgumentException notAnId) {
            try {
                Instant start = Instant.parse(slot);
                found = own.stream().filter(o -> start.equals(o.startsAt())).findFirst();
            } catch (DateTimeParseException notAnInstant) {
                // Neither an id nor a start: refused below.
            }
        }
        return found.orElseThrow(() -> Refusal.invalid("slot", "is not an option of this poll (give an option's id, or a slot's start)"));
    }

    private static OptionRow mostChosen(List<OptionRow> own, List<AnswerLine> answers) {
        Map<UUID, Integer> counts = new HashMap<>();
        answers.forEach(a -> counts.merge(a.optionId(), 1, Integer::sum));
        int best = counts.values().stream().max(Integer::compare).orElse(0);
        List<OptionRow> top = own.stream().filter(o -> best > 0 && counts.getOrDefault(o.id(), 0) == best).toList();
        return top.size() == 1 ? top.get(0) : null;
    }

    private List<UUID> circlesOf(UUID person) {
        Set<UUID> ids = new LinkedHashSet<>(circles.facilitatedBy(person));
        memberships.stintsOf(person).stream().filter(s -> s.leftAt() == null).forEach(s -> ids.add(s.circleId()));
        return List.copyOf(ids);
    }

    private Map<UUID, List<OptionRow>> optionsOf(List<PollRow> rows) {
        Map<UUID, List<OptionRow>> of = new HashMap<>();
        if (!rows.isEmpty()) {
            options.findOf(rows.stream().map(PollRow::id).toList()).forEach(o -> of.computeIfAbsent(o.pollId(), k -> new ArrayList<>()).add(o));
        }
        return of;
    }

    private Map<UUID, List<AnswerLine>> answersOf(List<PollRow> rows) {
        Map<UUID, List<AnswerLine>> of = new HashMap<>();
        if (!rows.isEmpty()) {
            Map<UUID, UUID> pollOf = new HashMap<>();
            List<AnswerLine> answers = polls.findAnswers(rows.stream().map(PollRow::id).toList());
            options.findOf(rows.stream().map(PollRow::id).toList()).forEach(o -> pollOf.put(o.id(), o.pollId()));
            answers.forEach(a -> of.computeIfAbsent(pollOf.get(a.optionId()), k -> new ArrayList<>()).add(a));
        }
        return of;
    }

    private Poll view(Caller caller, PollRow row, boolean withClashes) {
        Access access = access(caller, row, memo(() -> new HashSet<>(people.active())));
        return view(caller, row, access, options.findOf(List.of(row.id())), polls.findAnswers(List.of(row.id())), withClashes);
    }

    private Poll view(Caller caller, PollRow row, Access access, List<OptionRow> own, List<AnswerLine> answers, boolean withClashes) {
        Set<UUID> named = new HashSet<>();
        named.add(row.createdBy());
        if (!row.anonymous()) {
            answers.forEach(a -> named.add(a.personId()));
        }
        Map<UUID, List<Clash>> clashes = withClashes && row.kind() == PollKind.MEETING_TIME && row.closedAt() == null
                ? clashes(caller, row, access, own) : Map.of();
        clashes.values().forEach(list -> list.forEach(c -> named.add(c.personId())));
        Map<UUID, String> names = people.names(named);
        boolean circleSlots = row.kind() == PollKind.MEETING_TIME && row.scope() == PollScope.CIRCLE;
        List<Option> views = new ArrayList<>();
        for (OptionRow option : own) {
            Tally tally = tally(option.id(), answers);
            String mine = answers.stream().filter(a -> a.optionId().equals(option.id()) && a.personId().equals(caller.person()))
                    .map(AnswerLine::answer).findFirst().orElse(null);
            long taken = row.kind() == PollKind.MEETING_TIME ? tally.yes() : tally.chosen();
            PollRules.Standing standing = circleSlots ? PollRules.standing(access.facilitators(), slotAnswers(option.id(), answers), row.quorum()) : null;
            List<Voter> voters = row.anonymous() ? List.of() : answers.stream().filter(a -> a.optionId().equals(option.id()))
                    .map(a -> new Voter(a.personId(), names.getOrDefault(a.personId(), "Someone"), a.answer()))
                    .sorted(Comparator.comparing(Voter::name)).toList();
            List<Clash> named2 = clashes.getOrDefault(option.id(), List.of()).stream()
                    .map(c -> new Clash(c.personId(), names.getOrDefault(c.personId(), "Someone"), c.kind(), c.what())).toList();
            views.add(new Option(option.id(), option.label(), option.startsAt(),
                    option.startsAt() == null ? null : option.startsAt().plusSeconds(option.minutes() * 60L), option.capacity(),
                    !PollRules.hasRoom(option.capacity(), taken), tally.yes(), tally.ifNeedBe(), tally.no(), tally.chosen(), mine,
                    standing == null ? null : standing.facilitatorCan(), standing == null ? null : standing.meetsQuorum(), voters, named2));
        }
        CircleView circle = access.audience().circle();
        boolean answered = answers.stream().anyMatch(a -> a.personId().equals(caller.person()));
        Status status = status(row);
        return new Poll(row.id(), row.scope(), row.circleId(), circle == null ? null : circle.name(), row.kind(), row.question(), row.description(),
                row.multiple(), row.anonymous(), row.timeZone(), row.quorum(), row.deadline(), row.replacesMeeting(), status, row.createdBy(),
                names.getOrDefault(row.createdBy(), "Someone"), row.createdAt(), row.closedAt(), row.chosenOption(), row.meetingStart(),
                access.audience().everyone().size(), respondents(answers), answered, access.answer() && status == Status.OPEN,
                access.manage() && status != Status.CLOSED, views);
    }

    /**
     * Per slot, the men for whom it clashes with another circle's meeting or an event they are registered for: every
     * man of a circle's poll, or only him in an organisation's. What clashes is named to the man himself alone.
     */
    private Map<UUID, List<Clash>> clashes(Caller caller, PollRow poll, Access access, List<OptionRow> own) {
        List<OptionRow> slots = own.stream().filter(o -> o.startsAt() != null).toList();
        if (slots.isEmpty()) {
            return Map.of();
        }
        Instant from = slots.stream().map(OptionRow::startsAt).min(Comparator.naturalOrder()).orElseThrow();
        Instant to = slots.stream().map(o -> o.startsAt().plusSeconds(o.minutes() * 60L)).max(Comparator.naturalOrder()).orElseThrow();
        Set<UUID> men = poll.scope() == PollScope.CIRCLE ? access.audience().everyone() : Set.of(caller.person());
        Map<UUID, List<Clash>> clashes = new HashMap<>();
        for (UUID man : men) {
            boolean himself = man.equals(caller.person());
            List<Meetings.Scheduled> otherMeetings = meetings.meetingsOf(man, from, to).stream()
                    .filter(m -> !m.circleId().equals(poll.circleId())).toList();
            List<Registrations.Commitment> events = registrations.commitmentsOf(man, from, to);
            for (OptionRow slot : slots) {
                Instant start = slot.startsAt();
                Instant end = start.plusSeconds(slot.minutes() * 60L);
                for (Meetings.Scheduled meeting : otherMeetings) {
                    if (meeting.start().isBefore(end) && meeting.end().isAfter(start)) {
                        clashes.computeIfAbsent(slot.id(), k -> new ArrayList<>()).add(new Clash(man, "", ClashKind.CIRCLE_MEETING,
                                himself ? meeting.circleName() : null));
                        break;
                    }
                }
                for (Registrations.Commitment event : events) {
                    if (event.startsAt().isBefore(end) && event.endsAt().isAfter(start)) {
                        clashes.computeIfAbsent(slot.id(), k -> new ArrayList<>()).add(new Clash(man, "", ClashKind.EVENT, himself ? event.title() : null));
                        break;
                    }
                }
            }
        }
        return clashes;
    }

    private static <T> Supplier<T> memo(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }
}
