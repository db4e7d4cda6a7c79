package io.hearth.circles.internal;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.UUID;

/** An active circle's size, offered seats and latest meeting. */
@Introspected
public record HealthLine(UUID id, String name, int capacity, long members, long offers, @Nullable Instant lastMeeting) {
}
