package io.hearth.admin.billing.internal;

import io.micronaut.core.annotation.Introspected;

import java.time.LocalDate;
import java.util.UUID;

@Introspected
public record RevenueLine(UUID tenantId, LocalDate month, String currency, long feeCents, long movements) {
}
