package io.hearth.gatherings.internal;

import io.micronaut.core.annotation.Introspected;

import java.time.Instant;
import java.util.UUID;

/** A waiver version a man accepted, and when. */
@Introspected
public record AcceptanceLine(UUID waiverId, String title, int version, Instant acceptedAt) {
}
