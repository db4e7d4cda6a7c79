package io.hearth.admin.operators.api;

import io.hearth.admin.operators.Operators;
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
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.util.List;

/** What happened at the operators' door. */
@Controller("/api/v1/operators/audit")
@Secured("OPERATOR")
@io.swagger.v3.oas.annotations.security.SecurityRequirement(name = "operatorToken")
@ExecuteOn(TaskExecutors.BLOCKING)
public class OperatorAuditController {

    private final Operators operators;

    public OperatorAuditController(Operators operators) {
        this.operators = operators;
    }

    @Schema(name = "OperatorAuditEntries")
    @Serdeable
    public record AuditEntries(List<Operators.AuditEntry> items) {
    }

    @Get("{?limit}")
    @Operation(summary = "The operators' sign-in audit, newest first", description = "SIGNED_IN, SIGN_IN_FAILED, PASSWORD_ACCEPTED, "
            + "SECOND_FACTOR_FAILED, SECOND_FACTOR_ENROLLED, LOCKED_OUT; limit 1 to 500 (default 100).")
    public AuditEntries audit(@Nullable @QueryValue @Min(1) @Max(500) Integer limit) {
        return new AuditEntries(operators.audit(limit == null ? 100 : limit));
    }
}
