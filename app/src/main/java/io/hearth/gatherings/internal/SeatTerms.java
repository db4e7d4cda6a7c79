package io.hearth.gatherings.internal;

import io.micronaut.core.annotation.Introspected;

/** What the seat settlement needs of an event: whether it is still on, its capacity, how long an offer stands. */
@Introspected
public record SeatTerms(String status, int capacity, int offerHours) {
}
