package io.hearth.admin.tenants.api;

import io.hearth.admin.tenants.Tenant;
import io.hearth.admin.tenants.TenantRegistry;
import io.hearth.admin.tenants.TenantStatus;
import io.hearth.kit.Refusal;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Page;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.net.URI;
import java.util.List;

/** Onboarding and running organisations. Operators only. */
@Controller("/api/v1/tenants")
@Secured("OPERATOR")
@SecurityRequirement(name = "operatorToken")
@ExecuteOn(TaskExecutors.BLOCKING)
public class TenantController {

    private final TenantRegistry registry;
    private final io.hearth.admin.tenants.TenantOperations operations;

    public TenantController(TenantRegistry registry, io.hearth.admin.tenants.TenantOperations operations) {
        this.registry = registry;
        this.operations = operations;
    }

    @Post
    @Operation(summary = "Register an organisation", description = "Answers 202: app provisions it asynchronously; poll the Location until status is ACTIVE or FAILED.")
    public HttpResponse<Tenant> register(@Body @Valid RegisterTenantRequest request) {
        String cluster = request.cluster() == null || request.cluster().isBlank() ? null : request.cluster().strip();
        if (cluster != null && !operations.clusters().isEmpty()
                && operations.clusters().stream().noneMatch(known -> known.name().equals(cluster))) {
            throw io.hearth.kit.Refusal.invalid("cluster", "is not a database cluster app holds organisations on");
        }
        Tenant tenant = registry.register(request.slug(), request.name(), request.adminEmail(), request.plan(), cluster, null);
        return HttpResponse.accepted(URI.create("/api/v1/tenants/" + tenant.slug())).body(tenant);
    }

    @Get("{?q,status,page,size}")
    @Operation(summary = "List organisations, oldest first", description = "q searches slug and name (case-insensitive); status filters.")
    public TenantPage list(@Nullable @QueryValue @jakarta.validation.constraints.Size(max = 100) String q, @Nullable @QueryValue TenantStatus status,
                           @Nullable @QueryValue @Min(0) Integer page, @Nullable @QueryValue @Min(1) @Max(200) Integer size) {
        Page<Tenant> result = registry.list(status, q, page == null ? 0 : page, size == null ? 50 : size);
        return new TenantPage(operations.withFigures(result.getContent()), result.getPageNumber(), result.getSize(), result.getTotalSize());
    }

    @Get("/{slug}")
    @Operation(summary = "One organisation: where its provisioning stands, and its data's figures as app last reported them",
            description = "cluster, schemaVersion, sizeBytes, members, lastActivityAt, lastBackupAt, lastRehearsal and move are absent until app "
                    + "first reports the organisation (after provisioning, each operation and every hour).")
    public Tenant get(String slug) {
        return operations.withFigures(registry.find(slug).orElseThrow(() -> Refusal.notFound("No organisation with slug '" + slug + "'")));
    }

    @Schema(name = "PlanChange")
    @Serdeable
    public record PlanChange(@NotBlank @Size(max = 30) String plan) {
    }

    @io.micronaut.http.annotation.Put("/{slug}/plan")
    @Operation(summary = "Move an organisation to another plan", description = "Its payments started from now on carry that plan's fee. 422 for an unknown plan.")
    public Tenant changePlan(String slug, @Body @Valid PlanChange request) {
        return registry.changePlan(slug, request.plan().strip());
    }

    @Schema(name = "SmsNumberChange")
    @Serdeable
    public record SmsNumberChange(@io.micronaut.core.annotation.Nullable @Size(max = 16) String number) {
    }

    @io.micronaut.http.annotation.Put("/{slug}/sms-number")
    @Operation(summary = "Give an organisation its own texting number, or take it away",
            description = "number in E.164 (+447700900123), bought from the SMS provider; absent or empty: it texts from the shared number again. "
                    + "Its men get its texts from it, and a STOP sent to it stops that organisation's texts only. 409 when another organisation has it.")
    public Tenant changeSmsNumber(String slug, @Body @Valid SmsNumberChange request) {
        return registry.changeSmsNumber(slug, request.number());
    }

    @Post("/{slug}/suspend")
    @Operation(summary = "Stop serving an organisation", description = "Its subdomain answers 404 on every app instance within seconds. Repeating it changes nothing.")
    public Tenant suspend(String slug) {
        return registry.suspend(slug);
    }

    @Post("/{slug}/reactivate")
    @Operation(summary = "Serve a suspended organisation again")
    public Tenant reactivate(String slug) {
        return registry.reactivate(slug);
    }

    @Post("/{slug}/retry-provisioning")
    @Operation(summary = "Provision a FAILED organisation again",
            description = "Answers 202 with the organisation back in PROVISIONING; poll it until ACTIVE or FAILED. 409 for an ACTIVE or SUSPENDED one.")
    public HttpResponse<Tenant> retryProvisioning(String slug) {
        return HttpResponse.accepted(URI.create("/api/v1/tenants/" + slug)).body(registry.retryProvisioning(slug));
    }

    @Post("/{slug}/resend-invitation")
    @Operation(summary = "Send the first admin a new invitation",
            description = "Answers 202: app mails a new link (the old one stops working) unless the admin has already joined. 409 unless ACTIVE.")
    public HttpResponse<Tenant> resendInvitation(String slug) {
        return HttpResponse.accepted(URI.create("/api/v1/tenants/" + slug)).body(registry.resendInvitation(slug));
    }

    @Schema(name = "RegisterTenantRequest")
    @Serdeable
    public record RegisterTenantRequest(
            @NotBlank @Size(max = 30) String slug,
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Email @Size(max = 320) String adminEmail,
            @NotBlank @Size(max = 50) String plan,
            @Schema(description = "The database cluster to put it on (absent: the one with the fewest organisations)")
            @Nullable @Size(max = 40) String cluster) {
    }

    @Schema(name = "TenantPage")
    @Serdeable
    public record TenantPage(List<Tenant> items, int page, int size, long totalItems) {
    }
}
