package io.hearth.circles.api;

import io.hearth.circles.Attendance;
import io.hearth.circles.MeetingSchedule;
import io.hearth.circles.Meetings;
import io.hearth.identity.Caller;
import io.hearth.kit.Refusal;
import io.hearth.tenancy.TenantBound;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
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
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A circle's meetings: recording attendance, the schedule's occurrences, attendance figures. */
@TenantBound
@Controller("/api/v1/circles/{id}")
@ExecuteOn(TaskExecutors.BLOCKING)
public class MeetingController {

    private final Meetings meetings;

    public MeetingController(Meetings meetings) {
        this.meetings = meetings;
    }

    @Schema(name = "AttendanceMarkRequest")
    @Serdeable
    public record MarkRequest(@NotNull UUID personId, @NotNull Attendance.Status status) {
    }

    @Schema(name = "MeetingRequest")
    @Serdeable
    public record MeetingRequest(@NotNull Instant startsAt, @NotNull @Size(max = 20) List<@Valid @NotNull MarkRequest> attendance,
                                 @Nullable @Size(max = 20000) String notes) {
    }

    @Schema(name = "RescheduleRequest")
    @Serdeable
    public record RescheduleRequest(@Nullable Instant start, @Nullable Boolean cancelled) {
    }

    @Post("/meetings")
    @Operation(summary = "Record a meeting with attendance per member in one request (facilitators and admins)", description = "201; notes are the facilitators' alone. "
            + "With an Idempotency-Key header, repeating the request answers the meeting recorded the first time.")
    public HttpResponse<Meetings.MeetingView> record(Caller caller, @PathVariable UUID id, @Body @Valid MeetingRequest request,
                                                     @Nullable @Header("Idempotency-Key") @Size(min = 1, max = 200) String idempotencyKey) {
        Meetings.MeetingView meeting = meetings.record(caller, id, request.startsAt(),
                request.attendance().stream().map(mark -> new Meetings.Mark(mark.personId(), mark.status())).toList(), request.notes(),
                idempotencyKey);
        return HttpResponse.created(meeting, URI.create("/api/v1/circles/" + id + "/meetings"));
    }

    @Get("/meetings{?page,size}")
    @Operation(summary = "The circle's meetings, newest first")
    public io.hearth.web.Paged<Meetings.MeetingView> list(Caller caller, @PathVariable UUID id, @Nullable @QueryValue @Min(0) @Max(100000) Integer page,
                                                          @Nullable @QueryValue @Min(1) @Max(200) Integer size) {
        return meetings.list(caller, id, page == null ? 0 : page, size == null ? 50 : size);
    }

    @Get("/attendance{?last}")
    @Operation(summary = "Attendance rate over the last N meetings (default 10) and current absence streak, per member")
    public Meetings.CircleFigures attendance(Caller caller, @PathVariable UUID id, @Nullable @QueryValue @Min(1) @Max(200) Integer last) {
        return meetings.figures(caller, id, last == null ? 10 : last);
    }

    @Get("/occurrences{?from,to}")
    @Operation(summary = "The schedule's meetings in [from, to) (default: the next 8 weeks), moved and cancelled ones marked")
    public io.hearth.web.Paged<MeetingSchedule.Occurrence> occurrences(Caller caller, @PathVariable UUID id, @Nullable @QueryValue Instant from, @Nullable @QueryValue Instant to) {
        Instant start = from == null ? Instant.now() : from;
        Instant end = to == null ? start.plus(Duration.ofDays(56)) : to;
        if (!start.isBefore(end) || Duration.between(start, end).toDays() > 731) {
            throw Refusal.invalid("to", "must be after from, and at most two years after it");
        }
        List<MeetingSchedule.Occurrence> all = meetings.occurrences(caller, id, start, end);
        return new io.hearth.web.Paged<>(all, 0, all.size(), all.size());
    }

    @Put("/occurrences/{plannedStart}")
    @Operation(summary = "Move one meeting of the schedule ({start}) or cancel it ({cancelled: true})")
    public MeetingSchedule.Occurrence reschedule(Caller caller, @PathVariable UUID id, @PathVariable Instant plannedStart, @Body @Valid RescheduleRequest request) {
        boolean cancel = Boolean.TRUE.equals(request.cancelled());
        if (cancel == (request.start() != null)) {
            throw Refusal.invalid("start", "give either start (to move the meeting) or cancelled: true");
        }
        return meetings.reschedule(caller, id, plannedStart, cancel ? null : request.start());
    }
}
