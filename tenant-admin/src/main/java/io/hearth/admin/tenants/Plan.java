package io.hearth.admin.tenants;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.math.BigDecimal;

/** A plan: the platform's fee on each payment of an organisation on it (percent of the price plus a fixed amount in cents). */
@Schema(name = "Plan")
@Serdeable
public record Plan(String code, String name, BigDecimal feePercent, long feeFixedCents) {
}
