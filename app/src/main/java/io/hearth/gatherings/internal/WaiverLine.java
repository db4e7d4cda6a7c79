package io.hearth.gatherings.internal;

import io.micronaut.core.annotation.Introspected;

import java.util.UUID;

/** The current version of one of an event's waivers. */
@Introspected
public record WaiverLine(UUID eventId, UUID id, int version, String title, String body) {
}
