package io.hearth.gatherings.internal;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

@MappedEntity("event_types")
public record EventTypeRow(@Id String code, String name, boolean builtin) {
}
