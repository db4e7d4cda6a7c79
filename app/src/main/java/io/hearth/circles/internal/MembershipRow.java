package io.hearth.circles.internal;

import io.hearth.circles.LeaveReason;
import io.hearth.circles.Memberships;
import io.hearth.circles.PaymentStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

@MappedEntity("circle_memberships")
public record MembershipRow(@Id UUID id, UUID circleId, UUID personId, Instant joinedAt, @Nullable Instant leftAt,
                            @Nullable LeaveReason leaveReason, PaymentStatus paymentStatus) {

    /** A membership that starts now, paid up. */
    public static MembershipRow starting(UUID circleId, UUID personId, Instant at) {
        return new MembershipRow(UUID.randomUUID(), circleId, personId, at, null, null, PaymentStatus.CURRENT);
    }
}
