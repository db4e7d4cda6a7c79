package io.hearth.payments;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/**
 * A payment as the API shows it; {@code checkoutUrl} only while it can still be paid. Paid in instalments:
 * {@code instalmentsPaid} of {@code instalments}, the plan's status (ACTIVE, PAST_DUE, COMPLETED, LAPSED) and when the
 * next is taken.
 */
@Schema(name = "PaymentView")
@Serdeable
public record PaymentView(UUID id, UUID personId, @Nullable String personName, String kind, String description, long amountCents, String currency, long applicationFeeCents, String status,
                          @Nullable UUID registrationId, @Nullable UUID eventId, @Nullable String seat, long refundedCents,
                          @Nullable String refundReason, @Nullable String checkoutUrl, @Nullable Instant expiresAt, Instant createdAt,
                          @Nullable Instant paidAt, int instalments, int instalmentsPaid, @Nullable String planStatus,
                          @Nullable Instant nextInstalmentAt) {
}
