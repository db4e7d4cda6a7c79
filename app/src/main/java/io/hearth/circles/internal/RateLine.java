package io.hearth.circles.internal;

import io.micronaut.core.annotation.Introspected;

import java.util.UUID;

/** The attendance rate of one meeting of a circle. */
@Introspected
public record RateLine(UUID circleId, double rate) {
}
