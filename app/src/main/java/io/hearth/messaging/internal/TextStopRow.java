package io.hearth.messaging.internal;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A phone that texted STOP, by its keyed hash. */
@MappedEntity("text_stops")
public record TextStopRow(@Id String phoneHash, Instant stoppedAt) {
}
