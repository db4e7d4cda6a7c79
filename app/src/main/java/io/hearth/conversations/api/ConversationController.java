package io.hearth.conversations.api;

import io.hearth.conversations.Conversations;
import io.hearth.conversations.DirectRules;
import io.hearth.conversations.Messages;
import io.hearth.identity.Caller;
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

/** Conversations: his list, one-to-ones, a circle's and an event's chat, their messages and read markers. */
@TenantBound
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ConversationController {

    private final Conversations conversations;
    private final Messages messages;

    public ConversationController(Conversations conversations, Messages messages) {
        this.conversations = conversations;
        this.messages = messages;
    }

    @Schema(name = "StartConversationRequest")
    @Serdeable
    public record StartRequest(@NotNull UUID personId) {
    }

    @Schema(name = "MessageRequest")
    @Serdeable
    public record MessageRequest(@NotNull @Size(max = 16384) String text) {
    }

    @Schema(name = "ReadRequest")
    @Serdeable
    public record ReadRequest(@Nullable @Min(0) Long offset) {
    }

    @Schema(name = "RetentionRequest")
    @Serdeable
    public record RetentionRequest(@Nullable @Min(1) @Max(36500) Integer days) {
    }

    @Schema(name = "ConversationList")
    @Serdeable
    public record ConversationList(List<Conversations.Conversation> items) {
    }

    @Get("/conversations")
    @Operation(summary = "His conversations, the most recent first, each with its unread count and last message")
    public ConversationList mine(Caller caller) {
        return new ConversationList(conversations.mine(caller));
    }

    @Post("/conversations")
    @Operation(summary = "Start (or find) a one-to-one with another man", description = "201; 403 CONVERSATION_NOT_ALLOWED when the "
            + "organisation's rules do not let them talk or one has blocked the other.")
    public HttpResponse<Conversations.Conversation> start(Caller caller, @Body @Valid StartRequest request) {
        Conversations.Conversation conversation = conversations.startDirect(caller, request.personId());
        return HttpResponse.created(conversation, URI.create("/api/v1/conversations/" + conversation.id()));
    }

    @Get("/conversations/{id}")
    @Operation(summary = "One of his conversations")
    public Conversations.Conversation get(Caller caller, @PathVariable UUID id) {
        return conversations.get(caller, id);
    }

    @Schema(name = "ConversationPeople")
    @Serdeable
    public record PeopleList(List<Conversations.Person> items) {
    }

    @Get("/conversations/{id}/people")
    @Operation(summary = "Who is in one of his conversations now, by name", description = "For its people and those who read it "
            + "without being among them (an admin in an event's staff chat); 403 CONVERSATION_NOT_ALLOWED for a man who left the circle.")
    public PeopleList people(Caller caller, @PathVariable UUID id) {
        return new PeopleList(conversations.people(caller, id));
    }

    @Get("/conversations/{id}/messages{?before,after,limit}")
    @Operation(summary = "History, newest first: offsets before and after bound it; hasMore when older messages remain")
    public Messages.MessagePage history(Caller caller, @PathVariable UUID id, @Nullable @QueryValue @Min(0) Long before,
                                        @Nullable @QueryValue @Min(0) Long after, @Nullable @QueryValue @Min(1) @Max(200) Integer limit) {
        return messages.history(caller, id, before, after, limit == null ? 50 : limit);
    }

    @Post("/conversations/{id}/messages")
    @Operation(summary = "Write a message (at most 8 KB of UTF-8)", description = "201; with an Idempotency-Key, repeating the request "
            + "answers 200 with the message written the first time, so an offline outbox sends each message exactly once.")
    public HttpResponse<io.hearth.conversations.MessageViews.Message> post(Caller caller, @PathVariable UUID id, @Body @Valid MessageRequest request,
                                                                         @Nullable @Header("Idempotency-Key") @Size(min = 1, max = 200) String idempotencyKey) {
        Messages.Posted posted = messages.post(caller, id, request.text(), idempotencyKey);
        return posted.repeated() ? HttpResponse.ok(posted.message())
                : HttpResponse.created(posted.message(), URI.create("/api/v1/messages/" + posted.message().id()));
    }

    @Post("/conversations/{id}/read")
    @Operation(summary = "Move his read marker forward to an offset, or to the newest message")
    public Messages.ReadMarker read(Caller caller, @PathVariable UUID id, @Nullable @Body @Valid ReadRequest request) {
        return messages.read(caller, id, request == null ? null : request.offset());
    }

    @Put("/conversations/{id}/retention")
    @Operation(summary = "How long a circle's messages are kept (its facilitators, admins); days null keeps the organisation's rule")
    public Conversations.Conversation retention(Caller caller, @PathVariable UUID id, @Body @Valid RetentionRequest request) {
        return conversations.setRetention(caller, id, request.days());
    }

    @Get("/circles/{id}/conversation")
    @Operation(summary = "The circle's chat, for its members (from their joining on) and facilitators")
    public Conversations.Conversation circle(Caller caller, @PathVariable UUID id) {
        return conversations.ofCircle(caller, id);
    }

    @Get("/events/{id}/staff-conversation")
    @Operation(summary = "The event's staff chat, for its staff and those who run events")
    public Conversations.Conversation staff(Caller caller, @PathVariable UUID id) {
        return conversations.ofEvent(caller, id);
    }

    @Get("/conversation-rules")
    @Operation(summary = "Who may start a one-to-one with whom, read receipts, retention")
    public DirectRules rules(Caller caller) {
        return conversations.rules(caller);
    }

    @Put("/conversation-rules")
    @Operation(summary = "Set the organisation's conversation rules (admins)")
    public DirectRules setRules(Caller caller, @Body @Valid DirectRules rules) {
        return conversations.setRules(caller, rules);
    }
}
