package io.hearth.circles.internal;

import io.micronaut.core.annotation.Introspected;

import java.util.UUID;

/** A facilitator of a circle, with his name. */
@Introspected
public record FacilitatorLine(UUID circleId, UUID personId, String firstName, String lastName) {
}
