package io.hearth.circles;

import io.hearth.circles.internal.GoalProgressRepository;
import io.hearth.circles.internal.GoalProgressRow;
import io.hearth.circles.internal.GoalRepository;
import io.hearth.circles.internal.GoalRow;
import io.hearth.identity.Caller;
import io.hearth.kit.Refusal;
import io.hearth.kit.outbox.Outbox;
import io.hearth.tenancy.TenantBound;
import io.hearth.web.Paged;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Sort;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** A man's personal goals: private, or shared with his circle; and the progress he records on them. */
@TenantBound
@Singleton
public class Goals {

    private final GoalRepository goals;
    private final GoalProgressRepository progress;
    private final Circles circles;
    private final Outbox outbox;
    private final Clock clock;

    public Goals(GoalRepository goals, GoalProgressRepository progress, Circles circles, Outbox outbox, Clock clock) {
        this.goals = goals;
        this.progress = progress;
        this.circles = circles;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Schema(name = "Goal")
    @Serdeable
    public record Goal(UUID id, UUID personId, String title, String description, GoalVisibility visibility, GoalStatus status,
                       @Nullable Integer percent, List<Progress> progress, Instant createdAt) {
    }

    @Schema(name = "GoalProgress")
    @Serdeable
    public record Progress(UUID id, String note, @Nullable Integer percent, Instant recordedAt) {
    }

    @Transactional
    public Goal create(Caller caller, String title, @Nullable String description, GoalVisibility visibility) {
        Instant now = clock.instant();
        GoalRow row = goals.save(new GoalRow(UUID.randomUUID(), caller.person(), title.strip(), description == null ? "" : description,
                visibility, GoalStatus.ACTIVE, now, now));
        outbox.publish(new CircleEvent.GoalSet(caller.tenant().id(), row.id(), caller.person(), visibility));
        return views(List.of(row)).get(0);
    }

    @Transactional
    public Goal update(Caller caller, UUID id, String title, @Nullable String description, GoalVisibility visibility, GoalStatus status) {
        GoalRow row = own(id, caller);
        GoalRow changed = goals.update(new GoalRow(row.id(), row.personId(), title.strip(), description == null ? "" : description,
                visibility, status, row.createdAt(), clock.instant()));
        outbox.publish(new CircleEvent.GoalChanged(caller.tenant().id(), id, caller.person(), status, visibility));
        return views(List.of(changed)).get(0);
    }

    @Transactional
    public Goal recordProgress(Caller caller, UUID id, String note, @Nullable Integer percent) {
        GoalRow row = own(id, caller);
        progress.save(new GoalProgressRow(UUID.randomUUID(), id, note, percent, clock.instant()));
        outbox.publish(new CircleEvent.GoalProgressRecorded(caller.tenant().id(), id, caller.person(), percent));
        return views(List.of(row)).get(0);
    }

    @Transactional(readOnly = true)
    public Paged<Goal> mine(Caller caller, int page, int size) {
        return new Paged<>(views(goals.findPage(caller.person(), size, (long) page * size)), page, size,
                goals.countByPersonId(caller.person()));
    }

    /** Goals the circle's current members share with it; for its members and facilitators. */
    @Transactional(readOnly = true)
    public Paged<Goal> sharedIn(Caller caller, UUID circleId, int page, int size) {
        CircleView circle = circles.get(caller, circleId);
        if (!Circles.manages(circle, caller) && !circles.isMember(circleId, caller.person())) {
            throw Refusal.forbidden("Goals shared with a circle are for its members and facilitators");
        }
        return new Paged<>(views(goals.findSharedPage(circleId, size, (long) page * size)), page, size, goals.countShared(circleId));
    }

    private GoalRow own(UUID id, Caller caller) {
        return goals.findById(id).filter(row -> row.personId().equals(caller.person()))
                .orElseThrow(() -> Refusal.notFound("No goal of yours has this id"));
    }

    /** The goals with their progress, oldest entry first, in one query for the progress of all of them. */
    private List<Goal> views(List<GoalRow> rows) {
        Map<UUID, List<Progress>> byGoal = new HashMap<>();
        if (!rows.isEmpty()) {
            progress.findByGoalIdIn(rows.stream().map(GoalRow::id).toList(), Sort.of(Sort.Order.asc("recordedAt"), Sort.Order.asc("id")))
                    .forEach(p -> byGoal.computeIfAbsent(p.goalId(), k -> new ArrayList<>())
                            .add(new Progress(p.id(), p.note(), p.percent(), p.recordedAt())));
        }
        return rows.stream().map(row -> {
            List<Progress> entries = byGoal.getOrDefault(row.id(), List.of());
            Integer percent = entries.stream().map(Progress::percent).filter(Objects::nonNull).reduce((a, b) -> b).orElse(null);
            return new Goal(row.id(), row.personId(), row.title(), row.description(), row.visibility(), row.status(), percent,
                    entries, row.createdAt());
        }).toList();
    }
}
