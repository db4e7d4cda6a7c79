package io.hearth.circles.api;

import io.hearth.circles.CircleHealth;
import io.hearth.identity.Caller;
import io.hearth.identity.Permission;
import io.hearth.identity.RequiresPermission;
import io.hearth.tenancy.TenantBound;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Circle health across the organisation, as JSON or CSV. */
@TenantBound
@Controller("/api/v1/reports/circle-health")
@ExecuteOn(TaskExecutors.BLOCKING)
@RequiresPermission(Permission.REPORTS_VIEW)
public class CircleHealthController {

    private final CircleHealth health;

    public CircleHealthController(CircleHealth health) {
        this.health = health;
    }

    @Get("{?weeksWithoutMeeting}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Circles by size, open seats, attendance trend, circles without a meeting for N weeks (default 3)")
    public CircleHealth.Report report(Caller caller, @Nullable @QueryValue @Min(1) @Max(52) Integer weeksWithoutMeeting) {
        return health.report(caller, weeksWithoutMeeting == null ? 3 : weeksWithoutMeeting);
    }

    @Get("/export.csv{?weeksWithoutMeeting}")
    @Produces("text/csv")
    @Operation(summary = "The same, one line per circle, as CSV")
    public HttpResponse<String> csv(Caller caller, @Nullable @QueryValue @Min(1) @Max(52) Integer weeksWithoutMeeting) {
        String body = CircleHealth.csv(health.report(caller, weeksWithoutMeeting == null ? 3 : weeksWithoutMeeting));
        return HttpResponse.ok(body).contentType(MediaType.of("text/csv; charset=utf-8"))
                .header("Content-Disposition", "attachment; filename=\"circle-health.csv\"");
    }
}
