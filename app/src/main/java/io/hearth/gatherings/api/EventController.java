package io.hearth.gatherings.api;

import io.hearth.gatherings.EventCalendar;
import io.hearth.gatherings.EventView;
import io.hearth.gatherings.Gatherings;
import io.hearth.gatherings.Questions;
import io.hearth.identity.Caller;
import io.hearth.identity.Permission;
import io.hearth.identity.RequiresPermission;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import io.hearth.web.Paged;
import io.hearth.web.Public;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Events: types, define, list, read, change, cancel, and an iCalendar entry per event. */
@TenantBound
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class EventController {

    private final Gatherings events;

    public EventController(Gatherings events) {
        this.events = events;
    }

    @Schema(name = "PriceOptionRequest")
    @Serdeable
    public record PriceRequest(@NotBlank @Pattern(regexp = "[A-Z0-9_]{1,30}", message = "must be 1 to 30 of A-Z, 0-9 and _") String code,
                               @NotBlank @Size(max = 100) String name, @NotNull @Min(0) @Max(100_000_000) Long amountCents,
                               @NotBlank @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as GBP") String currency,
                               @Nullable @Min(1) @Max(12) Integer instalments) {
    }

    @Schema(name = "QuestionRequest")
    @Serdeable
    public record QuestionRequest(@NotNull Questions.Kind kind, @NotBlank @Size(max = 300) String label, @Nullable Boolean required,
                                  @Nullable @Size(max = 50) List<@NotBlank @Size(max = 100) String> choices) {
    }

    @Schema(name = "WaiverRequest")
    @Serdeable
    public record WaiverRequest(@NotBlank @Size(max = 200) String title, @NotBlank @Size(max = 50_000) String body) {
    }

    @Schema(name = "EventRequest")
    @Serdeable
    public record EventRequest(@NotBlank @Size(max = 40) String type, @NotBlank @Size(max = 200) String title,
                               @Nullable @Size(max = 20_000) String description, @NotNull Instant startsAt, @NotNull Instant endsAt,
                               @NotBlank @Size(max = 64) String timeZone, @Nullable @Size(max = 500) String venue,
                               @NotNull @Min(1) @Max(10_000) Integer capacity,
                               @NotBlank @Pattern(regexp = "MEMBERS|PUBLIC", message = "must be MEMBERS or PUBLIC") String visibility,
                               @Nullable Instant registrationOpensAt, @Nullable Instant registrationClosesAt,
                               @Nullable @Size(max = 20) List<@Valid @NotNull PriceRequest> priceOptions,
                               @Nullable @Min(1) @Max(10080) Integer holdMinutes, @Nullable @Min(1) @Max(720) Integer offerHours,
                               @Nullable @Min(0) @Max(8760) Integer cancellationCutoffHours, @Nullable @Min(1) @Max(1000) Integer participantsPerStaff,
                               @Nullable @Min(0) @Max(3650) Integer sensitiveRetentionDays,
                               @Nullable @Size(max = 50) List<@Valid @NotNull QuestionRequest> questions,
                               @Nullable @Size(max = 10) List<@Valid @NotNull WaiverRequest> waivers) {

        Gatherings.Definition definition() {
            return new Gatherings.Definition(type, title, description, startsAt, endsAt, timeZone, venue, capacity, visibility, registrationOpensAt,
                    registrationClosesAt, priceOptions == null ? List.of()
                    : priceOptions.stream().map(p -> new EventView.PriceOption(p.code(), p.name(), p.amountCents(), p.currency(),
                            p.instalments() == null || p.instalments() == 1 ? null : p.instalments())).toList(),
                    holdMinutes, offerHours, cancellationCutoffHours, participantsPerStaff, sensitiveRetentionDays,
                    questions == null ? null : questions.stream().map(q -> new Questions.Question(null, q.kind(), q.label(),
                            Boolean.TRUE.equals(q.required()), q.choices() == null ? List.of() : q.choices())).toList(),
                    waivers == null ? null : waivers.stream().map(w -> new Gatherings.Waiver(w.title(), w.body())).toList());
        }
    }

    @Schema(name = "EventTypeRequest")
    @Serdeable
    public record TypeRequest(@NotBlank @Pattern(regexp = "[A-Z][A-Z0-9_]{1,39}", message = "must be 2 to 40 of A-Z, 0-9 and _, starting with a letter") String code,
                              @NotBlank @Size(max = 100) String name) {
    }

    @Schema(name = "EventTypeView")
    @Serdeable
    public record TypeView(String code, String name, boolean builtin) {
    }

    @Schema(name = "EventCancelRequest")
    @Serdeable
    public record CancelRequest(@NotBlank @Size(max = 1000) String reason) {
    }

    @Get("/event-types")
    @Operation(summary = "Event types: movie night, workshop, day and multi-day retreat, then the organisation's own")
    public Paged<TypeView> types(Caller caller) {
        List<TypeView> types = events.types(caller).stream().map(t -> new TypeView(t.code(), t.name(), t.builtin())).toList();
        return new Paged<>(types, 0, types.size(), types.size());
    }

    @Post("/event-types")
    @RequiresPermission(Permission.ORGANISATION_MANAGE)
    @Operation(summary = "Add a custom event type (admins)")
    public HttpResponse<TypeView> addType(Caller caller, @Body @Valid TypeRequest request) {
        Gatherings.EventType type = events.addType(caller, request.code(), request.name());
        return HttpResponse.created(new TypeView(type.code(), type.name(), type.builtin()));
    }

    @Get("/events{?type,from,to,status,staffedByMe,page,size}")
    @Operation(summary = "Events by start time; filter by type, [from, to) and status (SCHEDULED, CANCELLED)",
            description = "staffedByMe=true keeps the events the caller is on the staff of: the events he runs.")
    public Paged<EventView> list(Caller caller, @Nullable @QueryValue @Size(max = 40) String type, @Nullable @QueryValue Instant from, @Nullable @QueryValue Instant to,
                                 @Nullable @QueryValue @Pattern(regexp = "SCHEDULED|CANCELLED") String status, @Nullable @QueryValue Boolean staffedByMe,
                                 @Nullable @QueryValue @Min(0) @Max(100000) Integer page, @Nullable @QueryValue @Min(1) @Max(200) Integer size) {
        return events.list(caller.tenant(), type, from, to, status, false, Boolean.TRUE.equals(staffedByMe) ? caller.person() : null,
                page == null ? 0 : page, size == null ? 50 : size);
    }

    @Post("/events")
    @RequiresPermission(Permission.EVENTS_MANAGE)
    @Operation(summary = "Create an event (PTMs and admins)", description = "201; the creator is on its staff as LEAD.")
    public HttpResponse<EventView> create(Caller caller, @Body @Valid EventRequest request) {
        EventView event = events.create(caller, request.definition());
        return HttpResponse.created(event, URI.create("/api/v1/events/" + event.id()));
    }

    @Get("/events/{id}")
    @Operation(summary = "One event")
    public EventView get(Caller caller, @PathVariable UUID id) {
        return events.get(caller, id);
    }

    @Put("/events/{id}")
    @Operation(summary = "Change an event (its PTMs and admins)", description = "A raised capacity offers the new seats to the waiting list at once.")
    public EventView update(Caller caller, @PathVariable UUID id, @Body @Valid EventRequest request) {
        return events.update(caller, id, request.definition());
    }

    @Post("/events/{id}/cancel")
    @Operation(summary = "Cancel an event, with the reason (its PTMs and admins)")
    public EventView cancel(Caller caller, @PathVariable UUID id, @Body @Valid CancelRequest request) {
        return events.cancel(caller, id, request.reason());
    }

    @Get("/events/{id}/calendar.ics")
    @Produces("text/calendar")
    @Operation(summary = "The event as an RFC 5545 calendar entry")
    public HttpResponse<String> calendar(Caller caller, @PathVariable UUID id) {
        return HttpResponse.ok(EventCalendar.ics(caller.tenant(), events.get(caller, id))).contentType(MediaType.of("text/calendar; charset=utf-8"));
    }

    @Get("/public/events{?from,to,page,size}")
    @Public
    @Operation(summary = "Public events, for the open registration page")
    public Paged<EventView> publicList(@Parameter(hidden = true) Tenant tenant, @Nullable @QueryValue Instant from, @Nullable @QueryValue Instant to,
                                       @Nullable @QueryValue @Min(0) @Max(100000) Integer page, @Nullable @QueryValue @Min(1) @Max(200) Integer size) {
        return events.list(tenant, null, from, to, "SCHEDULED", true, null, page == null ? 0 : page, size == null ? 50 : size);
    }

    @Get("/public/events/{id}")
    @Public
    @Operation(summary = "One public event")
    public EventView publicGet(@Parameter(hidden = true) Tenant tenant, @PathVariable UUID id) {
        return events.getPublic(tenant, id);
    }
}
