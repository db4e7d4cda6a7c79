package io.hearth.imports.internal;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

/** How many rows of an import have this action, outcome and invitation state. */
@Introspected
public record CountLine(String action, @Nullable String outcome, @Nullable String invitation, boolean undone, long rows) {
}
