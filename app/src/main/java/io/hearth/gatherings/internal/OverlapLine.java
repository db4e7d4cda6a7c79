package io.hearth.gatherings.internal;

import io.micronaut.core.annotation.Introspected;

import java.time.Instant;

/** Another event he is registered for. */
@Introspected
public record OverlapLine(String title, Instant startsAt) {
}
