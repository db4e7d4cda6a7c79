package io.hearth.gatherings.internal;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

import java.util.UUID;

/** A confirmed registration and the care team it is in (or none), with the sponsor he asked to be near. */
@Introspected
public record Placement(UUID id, UUID personId, @Nullable UUID careTeamId, @Nullable UUID sponsorId, boolean keepWithSponsor) {
}
