package io.hearth.gatherings.internal;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.UUID;

/** A registration at the door: who he is and when he was checked in. */
@Introspected
public record Attendee(UUID id, UUID personId, String firstName, String lastName, @Nullable Instant checkedInAt) {
}
