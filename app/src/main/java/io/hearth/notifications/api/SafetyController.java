package io.hearth.notifications.api;

import io.hearth.identity.Caller;
import io.hearth.identity.Permission;
import io.hearth.identity.RequiresPermission;
import io.hearth.notifications.CrisisDirectory;
import io.hearth.notifications.ReachOuts;
import io.hearth.notifications.SafetyMessages;
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
import java.util.List;
import java.util.UUID;

/** Must-reach messages, Reach out and the crisis lines. */
@TenantBound
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class SafetyController {

    private final SafetyMessages messages;
    private final ReachOuts reachOuts;

    public SafetyController(SafetyMessages messages, ReachOuts reachOuts) {
        this.messages = messages;
        this.reachOuts = reachOuts;
    }

    @Schema(name = "SafetyMessageRequest")
    @Serdeable
    public record SafetyMessageRequest(@Nullable UUID circleId, @Nullable UUID eventId, @Nullable @Size(max = 500) List<@NotNull UUID> personIds,
                                       @NotNull @Size(max = 4000) String text) {
    }

    @Schema(name = "ReachOutRequest")
    @Serdeable
    public record ReachOutRequest(@Nullable @Size(max = 4000) String message, @Nullable Boolean alert) {
    }

    @Schema(name = "CrisisLinesRequest")
    @Serdeable
    public record CrisisLinesRequest(@NotNull @Size(max = 30) List<CrisisDirectory.@NotNull @Valid Line> lines) {
    }

    @Schema(name = "ReachOutList")
    @Serdeable
    public record ReachOutList(List<ReachOuts.ReachOut> items) {
    }

    @Schema(name = "ReachOutReport")
    @Serdeable
    public record ReachOutReport(List<ReachOuts.Month> months) {
    }

    @Post("/safety-messages")
    @Operation(summary = "Send a must-reach message to a circle, an event's people or named men",
            description = "201. In the app and by push at once (through quiet hours), a text after 15 minutes and a mail after 30 to whoever has "
                    + "not answered \"got it\". A circle's facilitators, an event's PTMs and admins, admins and support (named men). "
                    + "With an Idempotency-Key, a repeat answers 200 with the message sent the first time.")
    public HttpResponse<SafetyMessages.Message> send(Caller caller, @Body @Valid SafetyMessageRequest request,
                                                     @Nullable @Header("Idempotency-Key") @Size(min = 1, max = 200) String idempotencyKey) {
        SafetyMessages.Sent sent = messages.send(caller, new SafetyMessages.Draft(request.circleId(), request.eventId(), request.personIds(),
                request.text()), idempotencyKey);
        return sent.repeated() ? HttpResponse.ok(sent.message())
                : HttpResponse.created(sent.message(), URI.create("/api/v1/safety-messages/" + sent.message().id()));
    }

    @Get("/safety-messages/{id}")
    @Operation(summary = "A must-reach message you sent: who was reached on which channel, who answered")
    public SafetyMessages.Message get(Caller caller, @PathVariable UUID id) {
        return messages.get(caller, id);
    }

    @Get("/crisis-lines")
    @Operation(summary = "The crisis lines for his organisation's country (the organisation's own list, or Hearth's default to be checked)")
    public ReachOuts.CrisisLines lines(Caller caller) {
        return reachOuts.lines(caller);
    }

    @Put("/crisis-lines")
    @Operation(summary = "Admins keep the organisation's crisis lines (an empty list: Hearth's default)")
    public ReachOuts.CrisisLines setLines(Caller caller, @Body @Valid CrisisLinesRequest request) {
        return reachOuts.setLines(caller, request.lines());
    }

    @Post("/reach-out")
    @Operation(summary = "Reach out: see the crisis lines, and (alert, the default) tell your facilitators and care team",
            description = "201 with the reach-out and the lines. Nobody but you and those alerted sees it. With an Idempotency-Key, a repeat "
                    + "answers 200 with the first.")
    public HttpResponse<ReachOuts.Result> reachOut(Caller caller, @Body @Valid ReachOutRequest request,
                                                   @Nullable @Header("Idempotency-Key") @Size(min = 1, max = 200) String idempotencyKey) {
        ReachOuts.Result result = reachOuts.reachOut(caller, request.message(), request.alert() == null || request.alert(), idempotencyKey);
        return result.repeated() ? HttpResponse.ok(result) : HttpResponse.created(result);
    }

    @Get("/reach-outs")
    @Operation(summary = "The reach-outs you made or were alerted to, with whom each went to and who took it")
    public ReachOutList reachOuts(Caller caller) {
        return new ReachOutList(reachOuts.list(caller));
    }

    @Get("/reach-outs/{id}")
    @Operation(summary = "One reach-out you made or were alerted to")
    public ReachOuts.ReachOut reachOutById(Caller caller, @PathVariable UUID id) {
        return reachOuts.get(caller, id);
    }

    @Post("/reach-outs/{id}/take")
    @Operation(summary = "\"I'm on it\": take a reach-out you were alerted to", description = "409 when another took it first; the others see who did.")
    public ReachOuts.ReachOut take(Caller caller, @PathVariable UUID id) {
        return reachOuts.take(caller, id);
    }

    @Get("/reports/reach-outs{?months}")
    @RequiresPermission(Permission.REPORTS_VIEW)
    @Operation(summary = "How many reach-outs per month (a count only: never who)")
    public ReachOutReport report(Caller caller, @Nullable @QueryValue @Min(1) @Max(36) Integer months) {
        return new ReachOutReport(reachOuts.perMonth(caller, months == null ? 12 : months));
    }
}
