package io.hearth.gatherings.internal;

import io.hearth.gatherings.StaffRole;
import io.hearth.gatherings.Staffing;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.UUID;

/** One man on an event's staff, with his name. */
@Introspected
public record StaffLine(UUID personId, String firstName, String lastName, StaffRole role, @Nullable String customRole,
                        Instant assignedAt) {
}
