package io.hearth.payments.internal;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/** The organisation's Stripe account as stored. */
@Introspected
public record ConnectionLine(String accountId, boolean livemode, String status, @Nullable String restrictedReason, boolean chargesEnabled,
                             boolean payoutsEnabled, boolean detailsSubmitted, @Nullable Instant stateAt) {
}
