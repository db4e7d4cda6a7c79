package io.hearth.gatherings.internal;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

import java.util.UUID;

/** A man's open registration for an event, with the idempotency key it was made under, if any. */
@Introspected
public record OpenLine(UUID personId, @Nullable String idempotencyKey) {
}
