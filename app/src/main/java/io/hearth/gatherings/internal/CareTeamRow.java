package io.hearth.gatherings.internal;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.util.UUID;

@MappedEntity("care_teams")
public record CareTeamRow(@Id UUID id, UUID eventId, String name, UUID staffId) {
}
