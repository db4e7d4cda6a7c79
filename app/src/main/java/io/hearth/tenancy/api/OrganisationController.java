package io.hearth.tenancy.api;

import io.hearth.tenancy.OrganisationTimeZone;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.UUID;

/** The organisation served at the request's host. */
@TenantBound
@Controller("/api/v1/organisation")
@io.hearth.web.Public
@ExecuteOn(TaskExecutors.BLOCKING)
public class OrganisationController {

    private final OrganisationTimeZone timeZone;

    public OrganisationController(OrganisationTimeZone timeZone) {
        this.timeZone = timeZone;
    }

    @Get
    @Operation(summary = "The organisation at this host", description = "Answers 404 TENANT_NOT_FOUND on any host that is not a served organisation.")
    public OrganisationResponse current(@Parameter(hidden = true) Tenant tenant) {
        return new OrganisationResponse(tenant.id().value(), tenant.slug(), tenant.name(), timeZone.timeZone());
    }

    /**
     * What anyone at the host may know of the organisation.
     *
     * @param timeZone the organisation's IANA time zone (UTC until an admin sets it): where a new event starts
     */
    @Schema(name = "OrganisationResponse")
    @Serdeable
    public record OrganisationResponse(UUID id, String slug, String name, String timeZone) {
    }
}
