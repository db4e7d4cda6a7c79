package io.hearth.payments.internal;

import io.micronaut.core.annotation.Introspected;

import java.util.UUID;

/** What was granted from the fund towards one registration, less what came back. */
@Introspected
public record GrantLine(UUID registrationId, long grantedCents) {
}
