package io.hearth.circles.internal;

import io.hearth.circles.LeaveReason;
import io.hearth.circles.Memberships;
import io.hearth.circles.PaymentStatus;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.UUID;

/** A membership with the man's name. */
@Introspected
public record MemberLine(UUID personId, String firstName, String lastName, Instant joinedAt, @Nullable Instant leftAt,
                         @Nullable LeaveReason leaveReason, PaymentStatus paymentStatus) {
}
