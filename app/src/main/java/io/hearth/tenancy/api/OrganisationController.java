package io.hearth.tenancy.api;

import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantScope;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;

import java.util.UUID;

/** The organisation served at the request's host. */
@Controller("/api/v1/organisation")
@io.hearth.web.Public
public class OrganisationController {

    @Get
    @Operation(summary = "The organisation at this host", description = "Answers 404 TENANT_NOT_FOUND on any host that is not a served organisation.")
    public OrganisationResponse current() {
        Tenant tenant = TenantScope.require();
        return new OrganisationResponse(tenant.id().value(), tenant.slug(), tenant.name());
    }

    @Serdeable
    public record OrganisationResponse(UUID id, String slug, String name) {
    }
}
