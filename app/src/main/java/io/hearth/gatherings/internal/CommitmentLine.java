package io.hearth.gatherings.internal;

import io.micronaut.core.annotation.Introspected;

import java.time.Instant;

/** An event he is registered for, with its times. */
@Introspected
public record CommitmentLine(String title, Instant startsAt, Instant endsAt) {
}
