package io.hearth.circles.internal;

import io.micronaut.core.annotation.Introspected;

import java.util.UUID;

/** A man by name. */
@Introspected
public record PersonName(UUID id, String firstName, String lastName) {
}
