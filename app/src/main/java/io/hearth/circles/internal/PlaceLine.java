package io.hearth.circles.internal;

import io.micronaut.core.annotation.Introspected;

import java.util.UUID;

/** A man and the circle he is in now. */
@Introspected
public record PlaceLine(UUID personId, UUID circleId) {
}
