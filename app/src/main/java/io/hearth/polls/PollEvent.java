package io.hearth.polls;

import io.hearth.tenancy.TenantEvent;
import io.hearth.tenancy.TenantId;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Polls' domain events, on {@code hearth.polls} (contracts in docs/events.md). {@code by} is who did it. */
public sealed interface PollEvent extends TenantEvent {

    String TOPIC = "hearth.polls";

    @Override
    default String topic() {
        return TOPIC;
    }

    /** A poll was opened to a circle ({@code circleId}) or the whole organisation. */
    record PollOpened(TenantId tenant, UUID pollId, PollScope scope, @Nullable UUID circleId, PollKind kind, String question,
                      @Nullable Instant deadline, UUID by) implements PollEvent {
    }

    /** Its deadline is near: the men who have not answered yet are reminded, once. */
    record PollReminderDue(TenantId tenant, UUID pollId, String question, Instant deadline, List<UUID> unanswered) implements PollEvent {
    }

    /**
     * The poll closed: with the option chosen ({@code chosenLabel} for a question, {@code chosenStart} for a slot) or
     * none; {@code meetingStart} is the circle meeting it arranged or moved (circles tell of that meeting themselves).
     */
    record PollClosed(TenantId tenant, UUID pollId, @Nullable UUID circleId, PollKind kind, String question, @Nullable UUID chosenOptionId,
                      @Nullable String chosenLabel, @Nullable Instant chosenStart, @Nullable Instant meetingStart, UUID by) implements PollEvent {
    }
}
