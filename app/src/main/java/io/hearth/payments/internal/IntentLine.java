package io.hearth.payments.internal;

import io.micronaut.core.annotation.Introspected;

/** A payment intent of a payment and what is left to refund of it. */
@Introspected
public record IntentLine(String intent, long refundable) {
}
