package io.hearth.payments;

import io.hearth.payments.internal.PaymentLine;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.UUID;

/**
 * A payment as the API shows it; {@code checkoutUrl} only while it can still be paid. Paid in instalments:
 * {@code instalmentsPaid} of {@code instalments}, the plan's status (ACTIVE, PAST_DUE, COMPLETED, LAPSED) and when the
 * next is taken.
 */
@Serdeable
public record PaymentView(UUID id, UUID personId, @Nullable String personName, String kind, String description, long amountCents, String currency, long applicationFeeCents, String status,
                          @Nullable UUID registrationId, @Nullable UUID eventId, @Nullable String seat, long refundedCents,
                          @Nullable String refundReason, @Nullable String checkoutUrl, @Nullable Instant expiresAt, Instant createdAt,
                          @Nullable Instant paidAt, int instalments, int instalmentsPaid, @Nullable String planStatus,
                          @Nullable Instant nextInstalmentAt) {

    static PaymentView of(PaymentLine line) {
        return of(line, null);
    }

    static PaymentView of(PaymentLine line, @Nullable String personName) {
        return new PaymentView(line.id(), line.personId(), personName, line.kind(), line.description(), line.amountCents(), line.currency(), line.applicationFeeCents(),
                line.status(), line.registrationId(), line.eventId(), line.seat(), line.refundedCents(), line.refundReason(),
                line.status().equals("OPEN") ? line.checkoutUrl() : null, line.expiresAt(), line.createdAt(), line.paidAt(), line.instalments(),
                line.instalmentsPaid(), line.planStatus(), line.nextInstalmentAt());
    }
}
