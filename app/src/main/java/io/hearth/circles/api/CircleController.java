package io.hearth.circles.api;

import io.hearth.circles.CircleView;
import io.hearth.circles.Circles;
import io.hearth.circles.MeetingSchedule;
import io.hearth.identity.Caller;
import io.hearth.identity.Permission;
import io.hearth.identity.RequiresPermission;
import io.hearth.tenancy.TenantBound;
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
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.net.URI;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

/** Circles: list what the caller may see, create, read, change, archive. */
@TenantBound
@Controller("/api/v1/circles")
@ExecuteOn(TaskExecutors.BLOCKING)
public class CircleController {

    private final Circles circles;

    public CircleController(Circles circles) {
        this.circles = circles;
    }

    @Schema(name = "CircleScheduleRequest")
    @Serdeable
    public record ScheduleRequest(@NotBlank @Size(max = 500) String rrule, @NotNull LocalDateTime firstStart,
                                  @NotBlank @Size(max = 64) String timeZone, @NotNull @Min(15) @Max(1440) Integer minutes) {
    }

    @Schema(name = "CircleDuesRequest")
    @Serdeable
    public record DuesRequest(@NotNull @Min(0) @Max(100_000_000) Long amountCents,
                              @NotBlank @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as GBP") String currency,
                              @NotBlank @Pattern(regexp = "WEEKLY|MONTHLY|QUARTERLY|YEARLY", message = "must be WEEKLY, MONTHLY, QUARTERLY or YEARLY") String interval) {
    }

    @Schema(name = "CircleRequest")
    @Serdeable
    public record CircleRequest(@NotBlank @Size(max = 100) String name, @Nullable @Size(max = 4000) String description,
                                @NotNull Integer capacity, @Nullable Boolean openToJoin, @Nullable @Size(max = 300) String location,
                                @Nullable @Size(max = 500) @Pattern(regexp = "https://\\S+", message = "must be an https:// link") String videoLink,
                                @Nullable @Size(min = 1, max = 5) List<@NotNull UUID> facilitatorIds, @Nullable @Valid ScheduleRequest schedule,
                                @Nullable @Valid DuesRequest dues) {

        Circles.Definition definition() {
            MeetingSchedule meetingSchedule = schedule == null ? null
                    : new MeetingSchedule(schedule.rrule(), schedule.firstStart(), MeetingSchedule.zone(schedule.timeZone()), schedule.minutes());
            return new Circles.Definition(name, description, capacity, Boolean.TRUE.equals(openToJoin), location, videoLink, facilitatorIds,
                    meetingSchedule, dues == null ? null : new CircleView.Dues(dues.amountCents(), dues.currency(), dues.interval()));
        }
    }

    @Schema(name = "CirclePage")
    @Serdeable
    public record CirclePage(List<CircleView> items, int page, int size, long totalItems) {
    }

    @Get("{?status,openToJoin,q,page,size}")
    @Operation(summary = "Circles the caller may see", description = "A member: his circle and those open to join; a facilitator: also his; leadership and admins: all. Sorted by name.")
    public CirclePage list(Caller caller, @Nullable @QueryValue @Pattern(regexp = "ACTIVE|ARCHIVED") String status, @Nullable @QueryValue Boolean openToJoin,
                           @Nullable @QueryValue @Size(max = 100) String q, @Nullable @QueryValue @Min(0) @Max(100000) Integer page,
                           @Nullable @QueryValue @Min(1) @Max(200) Integer size) {
        Circles.Page result = circles.list(caller, status, openToJoin, q, page == null ? 0 : page, size == null ? 50 : size);
        return new CirclePage(result.items(), result.page(), result.size(), result.totalItems());
    }

    @Post
    @RequiresPermission(Permission.CIRCLES_CREATE)
    @Operation(summary = "Create a circle", description = "201; the creator facilitates it unless facilitatorIds says otherwise. Capacity 2 to 10.")
    public HttpResponse<CircleView> create(Caller caller, @Body @Valid CircleRequest request) {
        CircleView circle = circles.create(caller, request.definition());
        return HttpResponse.created(circle, URI.create("/api/v1/circles/" + circle.id()));
    }

    @Get("/{id}")
    @Operation(summary = "One circle")
    public CircleView get(Caller caller, @PathVariable UUID id) {
        return circles.get(caller, id);
    }

    @Put("/{id}")
    @Operation(summary = "Change a circle (its facilitators and admins)")
    public CircleView update(Caller caller, @PathVariable UUID id, @Body @Valid CircleRequest request) {
        return circles.update(caller, id, request.definition());
    }

    @Post("/{id}/archive")
    @Operation(summary = "Archive a circle", description = "Its members leave; its history stays, read-only. Archiving again changes nothing.")
    public CircleView archive(Caller caller, @PathVariable UUID id) {
        return circles.archive(caller, id);
    }
}
