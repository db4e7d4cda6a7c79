package io.hearth.payments.internal;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.UUID;

/** A man's dues subscription as stored. */
@Introspected
public record DuesLine(UUID id, UUID circleId, UUID personId, String accountId, long amountCents, String currency, String duesInterval,
                       String status, @Nullable String checkoutSessionId, @Nullable String checkoutUrl, @Nullable Instant expiresAt,
                       @Nullable String subscriptionId, @Nullable String customerId, int paidInvoices, Instant createdAt, @Nullable Instant endedAt) {
}
