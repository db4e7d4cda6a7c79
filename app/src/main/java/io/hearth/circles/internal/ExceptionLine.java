package io.hearth.circles.internal;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/** One occurrence of a circle's schedule moved (to {@code newStart}) or cancelled (no {@code newStart}). */
@Introspected
public record ExceptionLine(Instant originalStart, @Nullable Instant newStart) {
}
