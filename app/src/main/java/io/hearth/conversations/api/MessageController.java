package io.hearth.conversations.api;

import io.hearth.conversations.Blocks;
import io.hearth.conversations.MessageViews;
import io.hearth.conversations.Messages;
import io.hearth.identity.Caller;
import io.hearth.tenancy.TenantBound;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.UUID;

/** One message: edit, remove, its earlier texts; search; blocking a man. */
@TenantBound
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class MessageController {

    private final Messages messages;
    private final Blocks blocks;

    public MessageController(Messages messages, Blocks blocks) {
        this.messages = messages;
        this.blocks = blocks;
    }

    @Schema(name = "MessageEditList")
    @Serdeable
    public record EditList(List<Messages.Edit> items) {
    }

    @Schema(name = "FoundMessageList")
    @Serdeable
    public record FoundList(List<Messages.Found> items) {
    }

    @Schema(name = "BlockList")
    @Serdeable
    public record BlockList(List<Blocks.Block> items) {
    }

    @Put("/messages/{id}")
    @Operation(summary = "Edit his message; the earlier text is kept as history")
    public MessageViews.Message edit(Caller caller, @PathVariable UUID id, @Body @Valid ConversationController.MessageRequest request) {
        return messages.edit(caller, id, request.text());
    }

    @Delete("/messages/{id}")
    @Status(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove a message: its text is erased, a tombstone keeps its place (its author; admins in organisation channels, audited)")
    public void remove(Caller caller, @PathVariable UUID id) {
        messages.remove(caller, id);
    }

    @Get("/messages/{id}/edits")
    @Operation(summary = "A message's earlier texts, oldest first (its author; admins in organisation channels)")
    public EditList edits(Caller caller, @PathVariable UUID id) {
        return new EditList(messages.edits(caller, id));
    }

    @Get("/messages/search{?q,conversation,limit}")
    @Operation(summary = "Full-text search over the conversations he may read", description = "Words match as prefixes, \"quoted words\" "
            + "as a phrase; highlights are [start, end) character ranges in the text.")
    public FoundList search(Caller caller, @Nullable @QueryValue @Size(max = 200) String q, @Nullable @QueryValue UUID conversation,
                                       @Nullable @QueryValue @Min(1) @Max(50) Integer limit) {
        return new FoundList(messages.search(caller, q, conversation, limit == null ? 20 : limit));
    }

    @Post("/people/{id}/block")
    @Operation(summary = "Block a man: neither starts or goes on with a one-to-one with the other")
    public HttpResponse<Blocks.Block> block(Caller caller, @PathVariable UUID id) {
        return HttpResponse.created(blocks.block(caller, id));
    }

    @Delete("/people/{id}/block")
    @Status(HttpStatus.NO_CONTENT)
    @Operation(summary = "Unblock a man")
    public void unblock(Caller caller, @PathVariable UUID id) {
        blocks.unblock(caller, id);
    }

    @Get("/me/blocks")
    @Operation(summary = "The men he has blocked")
    public BlockList blocked(Caller caller) {
        return new BlockList(blocks.mine(caller));
    }
}
