package io.hearth.gatherings.internal;

import io.micronaut.core.annotation.Introspected;

import java.util.UUID;

/** A registration question of an event; its choices as a JSON array. */
@Introspected
public record QuestionLine(UUID eventId, UUID id, String kind, String label, boolean required, String choices) {
}
