package io.hearth.circles.internal;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.UUID;

/** A join request with its place on the waiting list (1 is next), when it waits. */
@Introspected
public record JoinRequestLine(UUID id, UUID circleId, UUID personId, String status, String message, Instant createdAt,
                              @Nullable Long waitlistPosition) {
}
