package io.hearth.payments.api;

import io.hearth.identity.Caller;
import io.hearth.identity.Permission;
import io.hearth.identity.RequiresPermission;
import io.hearth.payments.Interventions;
import io.hearth.tenancy.TenantBound;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;


/** The queue of payments that need a person, for admins and support. */
@TenantBound
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class InterventionController {

    private final Interventions interventions;

    public InterventionController(Interventions interventions) {
        this.interventions = interventions;
    }

    @Schema(name = "InterventionQueue")
    @Serdeable
    public record Queue(java.util.List<Interventions.Item> items) {
    }

    @Schema(name = "InterventionRequest")
    @Serdeable
    public record InterventionRequest(@jakarta.validation.constraints.NotNull Interventions.Action action, @Nullable @Min(1) @Max(100_000_000) Long amountCents,
                                      @Nullable Interventions.Method method, @Nullable @Size(max = 1000) String note) {
    }

    @Get("/payments/interventions")
    @RequiresPermission(Permission.SUPPORT_ASSIST)
    @Operation(summary = "Payments that need a person (admins and support)", description = "Instalments and dues past due, lapsed instalment plans, "
            + "refunds Stripe could not carry out, disputes; each with the actions that apply.")
    public Queue queue(Caller caller) {
        return new Queue(interventions.queue(caller));
    }

    @Post("/payments/interventions/{kind}/{subjectId}")
    @RequiresPermission(Permission.SUPPORT_ASSIST)
    @Operation(summary = "Act on a payment in the queue", description = "RETRY takes the failed invoice now; PAUSE stops collecting dues for hardship "
            + "(his seat is kept: PAUSED); EXEMPT ends his dues (EXEMPT); CANCEL ends the subscription; OFFLINE records cash or a bank transfer "
            + "(amountCents, method: no card fee, no platform fee; a failed invoice is marked paid out of band so that Stripe does not take it "
            + "as well); RESOLVE records that it was dealt with (note). Audited.")
    public Interventions.Item act(Caller caller, @PathVariable Interventions.Kind kind, @PathVariable @Size(max = 100) String subjectId,
                                  @Body @Valid InterventionRequest request) {
        return interventions.act(caller, kind, subjectId, request.action(), request.amountCents(), request.method(),
                request.note() == null || request.note().isBlank() ? null : request.note().strip());
    }
}
