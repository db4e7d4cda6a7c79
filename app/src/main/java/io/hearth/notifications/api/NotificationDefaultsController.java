package io.hearth.notifications.api;

import io.hearth.identity.Caller;
import io.hearth.identity.Permission;
import io.hearth.identity.RequiresPermission;
import io.hearth.notifications.Preferences;
import io.hearth.tenancy.TenantBound;
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
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/** The organisation's notification defaults, kept by its admins. */
@TenantBound
@Controller("/api/v1/organisation/notification-defaults")
@ExecuteOn(TaskExecutors.BLOCKING)
@RequiresPermission(Permission.ORGANISATION_MANAGE)
public class NotificationDefaultsController {

    private final Preferences preferences;

    public NotificationDefaultsController(Preferences preferences) {
        this.preferences = preferences;
    }

    @Schema(name = "NotificationDefaults")
    @Serdeable
    public record Defaults(List<Preferences.Setting> items) {
    }

    @Schema(name = "NotificationDefaultsRequest")
    @Serdeable
    public record DefaultsRequest(@NotNull @Size(max = 200) List<Preferences.@NotNull Setting> items) {
    }

    @Get
    @Operation(summary = "What a man who never chose gets, per kind and channel (the organisation's level, else Hearth's)")
    public Defaults get(Caller caller) {
        return new Defaults(preferences.organisationDefaults(caller));
    }

    @Put
    @Operation(summary = "Change the defaults named; the others stay; a man's own choices stay his",
            description = "422 for DIGEST outside EMAIL or a safety kind below ALL. Audited.")
    public Defaults put(Caller caller, @Body @Valid DefaultsRequest request) {
        return new Defaults(preferences.setOrganisationDefaults(caller, request.items()));
    }
}
