package io.hearth.admin.tenants.internal;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.math.BigDecimal;
import java.time.Instant;

@MappedEntity("plans")
public record PlanRow(@Id String code, String name, BigDecimal feePercent, long feeFixedCents, Instant updatedAt) {
}
