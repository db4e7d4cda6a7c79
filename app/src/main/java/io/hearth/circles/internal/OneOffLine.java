package io.hearth.circles.internal;

import io.micronaut.core.annotation.Introspected;

import java.time.Instant;

/** A meeting arranged outside the circle's schedule. */
@Introspected
public record OneOffLine(Instant startsAt, int minutes) {
}
