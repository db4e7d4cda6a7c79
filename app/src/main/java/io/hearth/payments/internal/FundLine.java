package io.hearth.payments.internal;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.UUID;

/** A gift to or grant from the scholarship fund. */
@Introspected
public record FundLine(UUID id, String kind, long amountCents, String currency, UUID personId, @Nullable UUID registrationId, @Nullable String note,
                       Instant at) {
}
