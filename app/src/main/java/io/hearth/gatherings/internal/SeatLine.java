package io.hearth.gatherings.internal;

import io.hearth.gatherings.SeatRules;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.UUID;

/** A registration as the seat settlement sees it. */
@Introspected
public record SeatLine(UUID id, SeatRules.Status status, long arrival, @Nullable Instant holdUntil, @Nullable Instant offerUntil) {
}
