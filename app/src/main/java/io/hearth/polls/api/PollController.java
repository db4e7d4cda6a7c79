package io.hearth.polls.api;

import io.hearth.identity.Caller;
import io.hearth.kit.Refusal;
import io.hearth.polls.Availability;
import io.hearth.polls.PollKind;
import io.hearth.polls.PollRules;
import io.hearth.polls.PollScope;
import io.hearth.polls.Polls;
import io.hearth.tenancy.TenantBound;
import io.hearth.web.Paged;
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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Polls: a meeting time or a question, put to a circle or the whole organisation. */
@TenantBound
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class PollController {

    private final Polls polls;

    public PollController(Polls polls) {
        this.polls = polls;
    }

    @Schema(name = "PollOptionRequest")
    @Serdeable
    public record OptionRequest(@Nullable @Size(max = 1000) String label, @Nullable Instant startsAt, @Nullable Integer minutes,
                                @Nullable Integer capacity) {
    }

    @Schema(name = "PollRequest")
    @Serdeable
    public record PollRequest(@NotNull PollScope scope, @Nullable UUID circleId, @NotNull PollKind kind, @NotNull @Size(max = 1000) String question,
                              @Nullable @Size(max = 8000) String description, @NotNull @Size(max = 100) List<@NotNull @Valid OptionRequest> options,
                              @Nullable Boolean multiple, @Nullable Boolean anonymous, @Nullable Instant deadline, @Nullable Integer quorum,
                              @Nullable Boolean lockTimeZone, @Nullable Instant replacesMeeting) {
    }

    @Schema(name = "PollAnswerRequest", description = "answers (slot id -> YES, IF_NEED_BE or NO) for a meeting time; choices (option ids) for a question")
    @Serdeable
    public record AnswerRequest(@Nullable @Size(max = 100) Map<@NotNull UUID, @NotNull Availability> answers,
                                @Nullable @Size(max = 100) List<@NotNull UUID> choices) {
    }

    @Schema(name = "PollCloseRequest", description = "slot: the chosen option's id, or a slot's start; despiteQuorum chooses a slot short of the quorum")
    @Serdeable
    public record CloseRequest(@Nullable @Size(max = 100) String slot, @Nullable Boolean despiteQuorum) {
    }

    @Post("/polls")
    @Operation(summary = "Ask a circle or the organisation", description = "201. CIRCLE: the circle's facilitators and admins; ORGANISATION: admins "
            + "and leadership. With an Idempotency-Key, a repeat answers 200 with the poll made the first time.")
    public HttpResponse<Polls.Poll> create(Caller caller, @Body @Valid PollRequest request,
                                           @Nullable @Header("Idempotency-Key") @Size(min = 1, max = 200) String idempotencyKey) {
        List<PollRules.Offered> offered = request.options().stream()
                .map(o -> new PollRules.Offered(o.label(), o.startsAt(), o.minutes(), o.capacity())).toList();
        Polls.Created created = polls.create(caller, new Polls.Draft(request.scope(), request.circleId(), request.kind(), request.question(),
                request.description(), offered, Boolean.TRUE.equals(request.multiple()), Boolean.TRUE.equals(request.anonymous()), request.deadline(),
                request.quorum(), Boolean.TRUE.equals(request.lockTimeZone()), request.replacesMeeting()), idempotencyKey);
        return created.repeated() ? HttpResponse.ok(created.poll()) : HttpResponse.created(created.poll(), URI.create("/api/v1/polls/" + created.poll().id()));
    }

    @Get("/polls{?circleId,open,page,size}")
    @Operation(summary = "The polls he may read, newest first", description = "Without circleId: the organisation's polls and his circles'; with it, "
            + "that circle's. open=true leaves out closed polls.")
    public Paged<Polls.Poll> list(Caller caller, @Nullable @QueryValue UUID circleId, @Nullable @QueryValue Boolean open,
                                  @Nullable @QueryValue @Min(0) @Max(100000) Integer page, @Nullable @QueryValue @Min(1) @Max(100) Integer size) {
        return polls.list(caller, circleId, Boolean.TRUE.equals(open), page == null ? 0 : page, size == null ? 20 : size);
    }

    @Get("/polls/{id}")
    @Operation(summary = "One poll with its results and, for slots, what clashes")
    public Polls.Poll get(Caller caller, @PathVariable UUID id) {
        return polls.get(caller, id);
    }

    @Put("/polls/{id}/answer")
    @Operation(summary = "His answer, replacing his earlier one", description = "answers for a meeting time, choices for a question (an empty list "
            + "withdraws his answer). 409 POLL_CLOSED when closed or past its deadline; 409 OPTION_FULL when an option has no room.")
    public Polls.Poll answer(Caller caller, @PathVariable UUID id, @Body @Valid AnswerRequest request) {
        if ((request.answers() == null) == (request.choices() == null)) {
            throw Refusal.invalid("answers", "give answers (for a meeting time) or choices (for a question), one of the two");
        }
        return request.answers() != null ? polls.answerSlots(caller, id, request.answers()) : polls.choose(caller, id, request.choices());
    }

    @Post("/polls/{id}/close")
    @Operation(summary = "Close the poll", description = "By who asked, the circle's facilitators or admins. A circle's meeting-time poll closed on a "
            + "slot arranges that meeting (or moves the one it replaces); 409 QUORUM_NOT_MET unless despiteQuorum. Closing again with the same "
            + "outcome answers the poll as it is.")
    public Polls.Poll close(Caller caller, @PathVariable UUID id, @Nullable @Body @Valid CloseRequest request) {
        return polls.close(caller, id, request == null ? null : request.slot(), request != null && Boolean.TRUE.equals(request.despiteQuorum()));
    }
}
