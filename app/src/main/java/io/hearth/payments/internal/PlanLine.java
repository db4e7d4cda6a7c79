package io.hearth.payments.internal;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/** An instalment plan still to be paid: what is left and when the next is due. */
@Introspected
public record PlanLine(long amountCents, String currency, int instalments, int instalmentsPaid, @Nullable Instant nextInstalmentAt) {
}
