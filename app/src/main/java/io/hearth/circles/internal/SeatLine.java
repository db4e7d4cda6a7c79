package io.hearth.circles.internal;

import io.micronaut.core.annotation.Introspected;

import java.util.UUID;

/** An active circle, its seats and how many men are in it now. */
@Introspected
public record SeatLine(UUID id, String name, int capacity, long members) {
}
