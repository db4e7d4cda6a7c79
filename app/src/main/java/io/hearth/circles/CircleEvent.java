package io.hearth.circles;

import io.hearth.tenancy.TenantEvent;
import io.hearth.tenancy.TenantId;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Circles' domain events, on {@code hearth.circles} (contracts in docs/events.md). {@code by} is who did it. */
public sealed interface CircleEvent extends TenantEvent {

    String TOPIC = "hearth.circles";

    @Override
    default String topic() {
        return TOPIC;
    }

    record CircleCreated(TenantId tenant, UUID circleId, String name, Integer capacity, List<UUID> facilitatorIds, UUID by) implements CircleEvent {
    }

    record CircleChanged(TenantId tenant, UUID circleId, String name, Integer capacity, UUID by) implements CircleEvent {
    }

    record CircleArchived(TenantId tenant, UUID circleId, UUID by) implements CircleEvent {
    }

    record MemberJoinedCircle(TenantId tenant, UUID circleId, UUID personId, UUID by, Instant at) implements CircleEvent {
    }

    /** {@code by} is absent when the circle's archiving ended the membership. */
    record MemberLeftCircle(TenantId tenant, UUID circleId, UUID personId, LeaveReason reason, UUID by, Instant at) implements CircleEvent {
    }

    record MemberMovedCircle(TenantId tenant, UUID transferId, UUID personId, UUID fromCircleId, UUID toCircleId, Instant at) implements CircleEvent {
    }

    record MemberPaymentStatusChanged(TenantId tenant, UUID circleId, UUID personId, PaymentStatus status, UUID by) implements CircleEvent {
    }

    record JoinRequested(TenantId tenant, UUID circleId, UUID requestId, UUID personId) implements CircleEvent {
    }

    record JoinWaitlisted(TenantId tenant, UUID circleId, UUID requestId, UUID personId) implements CircleEvent {
    }

    record CircleSeatOffered(TenantId tenant, UUID circleId, UUID requestId, UUID personId) implements CircleEvent {
    }

    record JoinRequestApproved(TenantId tenant, UUID circleId, UUID requestId, UUID personId, UUID by) implements CircleEvent {
    }

    record JoinRequestDeclined(TenantId tenant, UUID circleId, UUID requestId, UUID personId, UUID by) implements CircleEvent {
    }

    record JoinRequestWithdrawn(TenantId tenant, UUID circleId, UUID requestId, UUID personId) implements CircleEvent {
    }

    record TransferRequested(TenantId tenant, UUID transferId, UUID personId, UUID fromCircleId, UUID toCircleId) implements CircleEvent {
    }

    record TransferApproved(TenantId tenant, UUID transferId, UUID by, boolean fromSide, boolean toSide) implements CircleEvent {
    }

    record TransferDeclined(TenantId tenant, UUID transferId, UUID by) implements CircleEvent {
    }

    record TransferWithdrawn(TenantId tenant, UUID transferId, UUID by) implements CircleEvent {
    }

    record MeetingRecorded(TenantId tenant, UUID circleId, UUID meetingId, Instant startsAt, long present, int marked) implements CircleEvent {
    }

    record MeetingMoved(TenantId tenant, UUID circleId, Instant plannedStart, Instant newStart, UUID by) implements CircleEvent {
    }

    record MeetingCancelled(TenantId tenant, UUID circleId, Instant plannedStart, UUID by) implements CircleEvent {
    }

    /** A meeting outside the schedule was arranged (by its facilitators, or by closing a meeting-time poll). */
    record MeetingArranged(TenantId tenant, UUID circleId, Instant startsAt, int minutes, UUID by) implements CircleEvent {
    }

    record MemberAbsenceStreakReached(TenantId tenant, UUID circleId, UUID personId, int streak, List<UUID> facilitatorIds) implements CircleEvent {
    }

    record GoalSet(TenantId tenant, UUID goalId, UUID personId, GoalVisibility visibility) implements CircleEvent {
    }

    record GoalChanged(TenantId tenant, UUID goalId, UUID personId, GoalStatus status, GoalVisibility visibility) implements CircleEvent {
    }

    record GoalProgressRecorded(TenantId tenant, UUID goalId, UUID personId, @Nullable Integer percent) implements CircleEvent {
    }

    record CalendarFeedReset(TenantId tenant, UUID personId) implements CircleEvent {
    }
}
