package io.hearth.admin.tenants.api;

import io.hearth.admin.tenants.Plan;
import io.hearth.admin.tenants.Plans;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.util.List;

/** The plans organisations are on, with the platform's fee on their members' payments. Operators only. */
@Controller("/api/v1/plans")
@Secured("OPERATOR")
@SecurityRequirement(name = "operatorToken")
@ExecuteOn(TaskExecutors.BLOCKING)
public class PlanController {

    private final Plans plans;

    public PlanController(Plans plans) {
        this.plans = plans;
    }

    @Schema(name = "PlanList")
    @Serdeable
    public record PlanList(List<Plan> plans) {
    }

    @Schema(name = "PlanRequest")
    @Serdeable
    public record PlanRequest(@NotBlank @Size(max = 100) String name,
                              @NotNull @DecimalMin("0") @DecimalMax("100") BigDecimal feePercent,
                              @NotNull @Min(0) @Max(100_000) Long feeFixedCents) {
    }

    @Get
    @Operation(summary = "The plans and their fees")
    public PlanList list() {
        return new PlanList(plans.all());
    }

    @Put("/{code}")
    @Operation(summary = "Create or change a plan", description = "feePercent of each payment's price (two decimals) plus feeFixedCents. "
            + "Every organisation on the plan takes the new fee on payments started from now on.")
    public Plan save(String code, @Body @Valid PlanRequest request) {
        return plans.save(code, request.name(), request.feePercent(), request.feeFixedCents());
    }
}
