package io.hearth.payments.internal;

import io.micronaut.core.annotation.Introspected;

/** One month of one currency in the payments report: what came in, went back, and the platform's share. */
@Introspected
public record MonthLine(String month, String currency, long payments, long paidCents, long refundedCents, long feeCents) {
}
