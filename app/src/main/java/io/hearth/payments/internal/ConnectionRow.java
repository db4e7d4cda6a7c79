package io.hearth.payments.internal;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** Nominal entity of {@link PaymentRepository}; its property names must not shadow the queries' parameters. */
@MappedEntity("stripe_connection")
public record ConnectionRow(@Id String accountId, boolean livemode, String status) {
}
