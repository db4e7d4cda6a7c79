package io.hearth.gatherings.internal;

import io.hearth.gatherings.SeatRules;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.UUID;

/** A man holding or waiting for a seat, by name, for the staff's roster. */
@Introspected
public record RosterLine(UUID id, UUID personId, String firstName, String lastName, SeatRules.Status status,
                         @Nullable Instant checkedInAt, @Nullable UUID careTeamId) {
}
