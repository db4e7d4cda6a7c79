package io.hearth.admin.tenants;

import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;

/** A plan: the platform's fee on each payment of an organisation on it (percent of the price plus a fixed amount in cents). */
@Serdeable
public record Plan(String code, String name, BigDecimal feePercent, long feeFixedCents) {
}
