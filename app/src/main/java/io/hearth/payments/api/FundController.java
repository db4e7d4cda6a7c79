package io.hearth.payments.api;

import io.hearth.identity.Caller;
import io.hearth.identity.Permission;
import io.hearth.identity.RequiresPermission;
import io.hearth.payments.ScholarshipFund;
import io.hearth.tenancy.TenantBound;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.UUID;

/** The scholarship fund: gifts, grants, balance. */
@TenantBound
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class FundController {

    private final ScholarshipFund fund;

    public FundController(ScholarshipFund fund) {
        this.fund = fund;
    }

    @Schema(name = "GiftRequest")
    @Serdeable
    public record GiftRequest(@jakarta.validation.constraints.NotNull @Min(100) @Max(10_000_000) Long amountCents,
                              @NotBlank @jakarta.validation.constraints.Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as GBP") String currency) {
    }

    @Schema(name = "FundGrantRequest")
    @Serdeable
    public record GrantRequest(@jakarta.validation.constraints.NotNull UUID registrationId, @jakarta.validation.constraints.NotNull @Min(1) Long amountCents,
                               @Nullable @Size(max = 1000) String note) {
    }

    @Schema(name = "FundCandidates")
    @Serdeable
    public record Candidates(java.util.List<ScholarshipFund.Candidate> items) {
    }

    @Post("/fund/gifts")
    @Operation(summary = "Give to the scholarship fund", description = "201 with checkoutUrl (Stripe Checkout on the organisation's account). "
            + "What reaches the organisation, less the platform's fee, goes into the fund when Stripe says it is paid.")
    public HttpResponse<ScholarshipFund.Gift> give(Caller caller, @Body @Valid GiftRequest request) {
        return HttpResponse.created(fund.give(caller, request.amountCents(), request.currency()));
    }

    @Get("/fund")
    @RequiresPermission(Permission.REPORTS_VIEW)
    @Operation(summary = "The scholarship fund: balance per currency and its latest movements (gifts in, grants out)")
    public ScholarshipFund.Report fundReport(Caller caller) {
        return fund.report(caller);
    }

    @Get("/fund/candidates")
    @RequiresPermission(Permission.PAYMENTS_REFUND)
    @Operation(summary = "Seats held for payment now, that a grant could go to")
    public Candidates candidates(Caller caller) {
        return new Candidates(fund.candidates(caller));
    }

    @Post("/fund/grants")
    @RequiresPermission(Permission.PAYMENTS_REFUND)
    @Operation(summary = "Grant part or all of a man's held event fee from the fund", description = "Never more than he owes or the fund holds "
            + "(422). The whole fee confirms his seat; a part lowers what he pays in Checkout. Audited.")
    public HttpResponse<ScholarshipFund.Movement> grant(Caller caller, @Body @Valid GrantRequest request) {
        return HttpResponse.created(fund.grant(caller, request.registrationId(), request.amountCents(),
                request.note() == null || request.note().isBlank() ? null : request.note().strip()));
    }
}
