package io.hearth.admin.billing.api;

import io.hearth.admin.billing.Billing;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.util.List;

/** Each organisation's Stripe Connect status and the platform's fee revenue. Operators only. */
@Controller("/api/v1/billing")
@Secured("OPERATOR")
@SecurityRequirement(name = "operatorToken")
@ExecuteOn(TaskExecutors.BLOCKING)
public class BillingController {

    private final Billing billing;

    public BillingController(Billing billing) {
        this.billing = billing;
    }

    @Schema(name = "StripeStatuses")
    @Serdeable
    public record Statuses(List<Billing.StripeStatus> organisations) {
    }

    @Schema(name = "RevenueReport")
    @Serdeable
    public record RevenueReport(int months, List<Billing.Revenue> rows) {
    }

    @Get("/stripe")
    @Operation(summary = "Each organisation's Stripe Connect status (PENDING, READY, RESTRICTED with the reason); organisations not listed have not connected")
    public Statuses stripe() {
        return new Statuses(billing.statuses());
    }

    @Get("/revenue{?months}")
    @Operation(summary = "The platform's fees per organisation and month (application fees less what refunds gave back), newest month first")
    public RevenueReport revenue(@Nullable @QueryValue @Min(1) @Max(36) Integer months) {
        int span = months == null ? 12 : months;
        return new RevenueReport(span, billing.revenue(span));
    }
}
