package io.hearth.circles.api;

import io.hearth.circles.GoalStatus;
import io.hearth.circles.GoalVisibility;
import io.hearth.circles.Goals;
import io.hearth.identity.Caller;
import io.hearth.tenancy.TenantBound;
import io.hearth.web.Paged;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
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

/** Personal goals: one's own, and those shared with one's circle. */
@TenantBound
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class GoalController {

    private final Goals goals;

    public GoalController(Goals goals) {
        this.goals = goals;
    }

    @Schema(name = "GoalRequest")
    @Serdeable
    public record GoalRequest(@NotBlank @Size(max = 200) String title, @Nullable @Size(max = 4000) String description,
                              @NotNull GoalVisibility visibility, @Nullable GoalStatus status) {
    }

    @Schema(name = "GoalProgressRequest")
    @Serdeable
    public record ProgressRequest(@NotBlank @Size(max = 4000) String note, @Nullable @Min(0) @Max(100) Integer percent) {
    }

    @Post("/me/goals")
    @Operation(summary = "Set a personal goal, PRIVATE or shared with his CIRCLE")
    public HttpResponse<Goals.Goal> create(Caller caller, @Body @Valid GoalRequest request) {
        return HttpResponse.created(goals.create(caller, request.title(), request.description(), request.visibility()));
    }

    @Get("/me/goals{?page,size}")
    @Operation(summary = "His goals, newest first")
    public Paged<Goals.Goal> mine(Caller caller, @Nullable @QueryValue @Min(0) @Max(100000) Integer page, @Nullable @QueryValue @Min(1) @Max(200) Integer size) {
        return goals.mine(caller, page == null ? 0 : page, size == null ? 50 : size);
    }

    @Put("/me/goals/{id}")
    @Operation(summary = "Change a goal: title, description, visibility, status (ACTIVE, ACHIEVED, DROPPED)")
    public Goals.Goal update(Caller caller, @PathVariable UUID id, @Body @Valid GoalRequest request) {
        return goals.update(caller, id, request.title(), request.description(), request.visibility(),
                request.status() == null ? GoalStatus.ACTIVE : request.status());
    }

    @Post("/me/goals/{id}/progress")
    @Operation(summary = "Record progress on a goal")
    public HttpResponse<Goals.Goal> progress(Caller caller, @PathVariable UUID id, @Body @Valid ProgressRequest request) {
        return HttpResponse.created(goals.recordProgress(caller, id, request.note(), request.percent()));
    }

    @Get("/circles/{id}/goals{?page,size}")
    @Operation(summary = "Goals the circle's members share with it")
    public Paged<Goals.Goal> shared(Caller caller, @PathVariable UUID id, @Nullable @QueryValue @Min(0) @Max(100000) Integer page,
                                    @Nullable @QueryValue @Min(1) @Max(200) Integer size) {
        return goals.sharedIn(caller, id, page == null ? 0 : page, size == null ? 50 : size);
    }
}
