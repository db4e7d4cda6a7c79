package io.hearth.payments.internal;

import io.hearth.payments.PaymentView;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.UUID;

/** A payment as stored. */
@Introspected
public record PaymentLine(UUID id, String kind, UUID personId, @Nullable UUID registrationId, @Nullable UUID eventId, String description,
                          long amountCents, String currency, long applicationFeeCents, String status, @Nullable String accountId,
                          @Nullable String checkoutSessionId, @Nullable String checkoutUrl, @Nullable Instant expiresAt,
                          @Nullable String paymentIntentId, @Nullable String seat, long refundedCents,
                          @Nullable String refundReason, Instant createdAt, @Nullable Instant paidAt, int instalments, int instalmentsPaid,
                          @Nullable String subscriptionId, @Nullable String planStatus, @Nullable Instant nextInstalmentAt,
                          @Nullable Instant planEndAt) {
    public boolean inInstalments() {
        return instalments > 1;
    }

    /** As the API shows it: the Checkout address only while it can still be paid. */
    public PaymentView view(@Nullable String personName) {
        return new PaymentView(id, personId, personName, kind, description, amountCents, currency, applicationFeeCents,
                status, registrationId, eventId, seat, refundedCents, refundReason,
                status.equals("OPEN") ? checkoutUrl : null, expiresAt, createdAt, paidAt, instalments,
                instalmentsPaid, planStatus, nextInstalmentAt);
    }
}
