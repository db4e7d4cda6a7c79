package io.hearth.identity.api;

import io.hearth.identity.Caller;
import io.hearth.identity.OrganisationSso;
import io.hearth.identity.Permission;
import io.hearth.identity.RequiresPermission;
import io.hearth.tenancy.TenantBound;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.UUID;

/** The organisation's own OpenID Connect provider, for its admins. */
@TenantBound
@Controller("/api/v1/organisation/sso")
@ExecuteOn(TaskExecutors.BLOCKING)
@RequiresPermission(Permission.ORGANISATION_MANAGE)
public class SsoController {

    private final OrganisationSso sso;

    public SsoController(OrganisationSso sso) {
        this.sso = sso;
    }

    /**
     * The settings to keep.
     *
     * @param clientSecret absent (or null) keeps the stored one
     * @param breakGlassAdminId the admin who keeps password sign-in; absent keeps the one set, or names the admin saving
     */
    @Schema(name = "SsoRequest")
    @Serdeable
    public record SsoRequest(boolean enabled, @Nullable @Size(max = 500) String issuer, @Nullable @Size(max = 500) String clientId,
                             @Nullable @Size(max = 2000) String clientSecret, @Nullable @Size(max = 50) List<@NotNull @Size(max = 253) String> domains,
                             @Nullable @Size(max = 100) String groupsClaim, @Nullable @Size(max = 100) List<OrganisationSso.@NotNull RoleMapping> roleMappings,
                             @Nullable UUID breakGlassAdminId) {
    }

    @Schema(name = "SsoPreviewRequest")
    @Serdeable
    public record PreviewRequest(@Nullable @Size(max = 100) String groupsClaim, @NotNull @Size(max = 100) List<OrganisationSso.@NotNull RoleMapping> roleMappings) {
    }

    @Schema(name = "SsoPreview")
    @Serdeable
    public record PreviewResponse(List<OrganisationSso.Preview> men) {
    }

    @Get
    @Operation(summary = "The organisation's own sign-in provider", description = "Never the client secret: clientSecretSet says whether one is stored. "
            + "redirectUri is what to register at the provider.")
    public OrganisationSso.SsoSettings get(Caller caller) {
        return sso.view(caller);
    }

    @Put
    @Operation(summary = "Set the organisation's own sign-in provider",
            description = "The issuer is https (http only on localhost in a local run): else 422 VALIDATION_ERROR naming issuer. Turning it on needs an issuer, "
                    + "a client id and secret, a domain at least, and a break-glass admin (an active admin with a password; the admin saving by default). "
                    + "The secret is sealed at rest and never returned; absent keeps the stored one.")
    public OrganisationSso.SsoSettings put(Caller caller, @Body @Valid SsoRequest request) {
        return sso.save(caller, new OrganisationSso.Change(request.enabled(), request.issuer(), request.clientId(), request.clientSecret(),
                request.domains() == null ? List.of() : request.domains(), request.groupsClaim(),
                request.roleMappings() == null ? List.of() : request.roleMappings(), request.breakGlassAdminId()));
    }

    @Post("/test")
    @Operation(summary = "Read the saved provider's discovery document", description = "200 with what it says; 422 SSO_PROVIDER_UNUSABLE with why not.")
    public OrganisationSso.Tested test(Caller caller) {
        return sso.test(caller);
    }

    @Post("/preview")
    @Operation(summary = "What these group mappings would change", description = "For each man who signed in through the provider (by his groups "
            + "at his last sign-in): the roles he would gain and lose at his next one. Nothing is saved.")
    public PreviewResponse preview(Caller caller, @Body @Valid PreviewRequest request) {
        return new PreviewResponse(sso.preview(caller, request.roleMappings()));
    }
}
