package io.hearth.identity.api;

import io.hearth.identity.Audit;
import io.hearth.identity.AuditAction;
import io.hearth.identity.Caller;
import io.hearth.identity.ExemptFromRequestLimit;
import io.hearth.identity.OrganisationSettings;
import io.hearth.identity.People;
import io.hearth.identity.Permission;
import io.hearth.identity.RequiresPermission;
import io.hearth.identity.Role;
import io.hearth.tenancy.TenantBound;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.Map;
import java.util.Set;

/** How the organisation runs sign-up and sign-in, and its time zone. */
@TenantBound
@Controller("/api/v1/organisation/settings")
@ExecuteOn(TaskExecutors.BLOCKING)
@RequiresPermission(Permission.ORGANISATION_MANAGE)
@ExemptFromRequestLimit
public class SettingsController {

    /** Below this, the PWA's own first screen would not fit in a minute. */
    static final int FLOOR = OrganisationSettings.MIN_REQUESTS_PER_MINUTE;

    private final People people;
    private final Audit audit;

    public SettingsController(People people, Audit audit) {
        this.people = people;
        this.audit = audit;
    }

    /**
     * The settings to keep.
     *
     * @param timeZone the organisation's IANA time zone (Europe/London); absent keeps the current one
     * @param brandColour its colour for mail as #rrggbb; absent keeps it, "" goes back to Hearth's
     * @param language the language it writes to its men in (en, de); absent keeps it
     */
    @Schema(name = "SettingsRequest")
    @Serdeable
    public record SettingsRequest(@NotNull OrganisationSettings.RegistrationMode registrationMode, @NotNull Set<@NotNull Role> mfaRequiredRoles,
                                  @NotNull @Min(FLOOR) @Max(100000) Integer apiRequestsPerMinute, @Nullable @Size(max = 64) String timeZone,
                                  @Nullable @Size(max = 7) String brandColour, @Nullable @Size(max = 8) String language) {
    }

    @Get
    @Operation(summary = "The organisation's sign-up and sign-in settings, and its time zone")
    public OrganisationSettings get(Caller caller) {
        return people.settings(caller);
    }

    @Put
    @Operation(summary = "Change registration mode (OPEN or APPROVAL), roles that must use MFA, the per-person API limit and the time zone",
            description = "timeZone is an IANA name (Europe/London); without it the zone stays as it is. 422 VALIDATION_ERROR naming timeZone for a zone that is not one. "
                    + "brandColour (#rrggbb) colours the organisation's mail; absent keeps it, \"\" goes back to Hearth's; 422 naming brandColour for another form. "
                    + "language (en, de) is the language of its mail, texts and notifications, where a man chose none; absent keeps it; 422 naming language for another.")
    public OrganisationSettings put(Caller caller, @Body @Valid SettingsRequest request) {
        OrganisationSettings before = people.settings(caller);
        OrganisationSettings after = new OrganisationSettings(request.registrationMode(), request.mfaRequiredRoles(), request.apiRequestsPerMinute(),
                request.timeZone() == null ? before.timeZone() : request.timeZone(),
                request.brandColour() == null ? before.brandColour() : request.brandColour().isEmpty() ? null : request.brandColour(),
                request.language() == null ? before.language() : request.language());
        people.saveSettings(caller.tenant(), after);
        audit.byCaller(caller, AuditAction.SETTINGS_CHANGED, null, Map.of("before", before.toString(), "after", after.toString()));
        return people.settings(caller);
    }
}
