package io.hearth.payments.internal;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.UUID;

/** A refund as stored. */
@Introspected
public record RefundLine(UUID id, UUID paymentId, long amountCents, long applicationFeeRefundedCents, String reason, @Nullable UUID requestedBy,
                         boolean releaseSeat, @Nullable String paymentIntentId, String status, @Nullable String stripeRefundId, @Nullable String failure, Instant createdAt) {
}
