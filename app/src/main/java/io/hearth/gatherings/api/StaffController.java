package io.hearth.gatherings.api;

import io.hearth.gatherings.StaffRole;
import io.hearth.gatherings.Staffing;
import io.hearth.identity.Caller;
import io.hearth.tenancy.TenantBound;
import io.hearth.web.Paged;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.UUID;

/** An event's staff and care teams. */
@TenantBound
@Controller("/api/v1/events/{id}")
@ExecuteOn(TaskExecutors.BLOCKING)
public class StaffController {

    private final Staffing staffing;

    public StaffController(Staffing staffing) {
        this.staffing = staffing;
    }

    @Schema(name = "StaffRequest")
    @Serdeable
    public record StaffRequest(@NotNull UUID personId, @NotNull StaffRole role, @Nullable @Size(max = 100) String customRole) {
    }

    @Schema(name = "CareTeamRequest")
    @Serdeable
    public record TeamRequest(@NotBlank @Size(max = 100) String name, @NotNull UUID staffId) {
    }

    @Schema(name = "CareTeamPlaceRequest")
    @Serdeable
    public record PlaceRequest(@Nullable UUID careTeamId) {
    }

    @Post("/staff")
    @Operation(summary = "Put a member on the event's staff: LEAD, PTM, FACILITATOR, CARE_TEAM_LEAD, KITCHEN or CUSTOM (with customRole)",
            description = "201; staff are not participants. Assigning again changes the role.")
    public HttpResponse<Staffing.StaffMember> assign(Caller caller, @PathVariable UUID id, @Body @Valid StaffRequest request) {
        return HttpResponse.created(staffing.assign(caller, id, request.personId(), request.role(), request.customRole()));
    }

    @Get("/staff{?page,size}")
    @Operation(summary = "The event's staff, by role and name")
    public Paged<Staffing.StaffMember> staff(Caller caller, @PathVariable UUID id, @Nullable @QueryValue @Min(0) @Max(100000) Integer page,
                                             @Nullable @QueryValue @Min(1) @Max(500) Integer size) {
        return Paged.of(staffing.list(caller, id), page == null ? 0 : page, size == null ? 100 : size);
    }

    @Delete("/staff/{personId}")
    @Operation(summary = "Take a member off the staff")
    public HttpResponse<?> remove(Caller caller, @PathVariable UUID id, @PathVariable UUID personId) {
        staffing.remove(caller, id, personId);
        return HttpResponse.noContent();
    }

    @Post("/care-teams")
    @Operation(summary = "Form a care team led by a staff member")
    public HttpResponse<Staffing.Team> createTeam(Caller caller, @PathVariable UUID id, @Body @Valid TeamRequest request) {
        return HttpResponse.created(staffing.createTeam(caller, id, request.name(), request.staffId()));
    }

    @Get("/care-teams")
    @Operation(summary = "Care teams with their participants, and warnings when a team exceeds the ratio target")
    public Staffing.TeamsView teams(Caller caller, @PathVariable UUID id) {
        return staffing.teams(caller, id);
    }

    @Post("/care-teams/assign")
    @Operation(summary = "Place every unplaced confirmed participant: balanced, near his sponsor when he asked")
    public Staffing.TeamsView assign(Caller caller, @PathVariable UUID id) {
        return staffing.assignAutomatically(caller, id);
    }

    @Put("/registrations/{registrationId}/care-team")
    @Operation(summary = "Place a participant in a care team by hand (careTeamId null takes him out)")
    public Staffing.TeamsView place(Caller caller, @PathVariable UUID id, @PathVariable UUID registrationId, @Body @Valid PlaceRequest request) {
        return staffing.place(caller, id, registrationId, request.careTeamId());
    }
}
