package io.hearth.payments.internal;

import io.micronaut.core.annotation.Introspected;

@Introspected
public record BalanceLine(String currency, long balanceCents) {
}
