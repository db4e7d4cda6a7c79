package io.hearth.payments.api;

import io.hearth.identity.Caller;
import io.hearth.identity.Permission;
import io.hearth.identity.RequiresPermission;
import io.hearth.payments.PaymentReports;
import io.hearth.tenancy.TenantBound;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;


/** Leadership's payments report. */
@TenantBound
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class PaymentReportController {

    private final PaymentReports reports;

    public PaymentReportController(PaymentReports reports) {
        this.reports = reports;
    }

    @Get("/reports/payments{?months}")
    @RequiresPermission(Permission.REPORTS_VIEW)
    @Operation(summary = "Payments, refunds, the platform's fees and instalments still to come, per month and currency")
    public PaymentReports.Report report(Caller caller, @Nullable @QueryValue @Min(1) @Max(36) Integer months) {
        return reports.monthly(caller, months == null ? 12 : months);
    }

    @Get("/reports/payments/export.csv{?months}")
    @io.micronaut.http.annotation.Produces("text/csv")
    @RequiresPermission(Permission.REPORTS_VIEW)
    @Operation(summary = "The payments report as CSV, one line per month and currency")
    public HttpResponse<String> reportCsv(Caller caller, @Nullable @QueryValue @Min(1) @Max(36) Integer months) {
        return HttpResponse.ok(reports.csv(caller, months == null ? 12 : months)).contentType(io.micronaut.http.MediaType.of("text/csv; charset=utf-8"))
                .header("Content-Disposition", "attachment; filename=\"payments.csv\"");
    }
}
