package io.hearth.helpdesk.api;

import io.hearth.helpdesk.TicketStatus;
import io.hearth.helpdesk.Tickets;
import io.hearth.identity.Caller;
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
import java.util.List;
import java.util.UUID;

/** The help desk's tickets: a member's own, and the queue for support and care. */
@TenantBound
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class TicketController {

    private final Tickets tickets;

    public TicketController(Tickets tickets) {
        this.tickets = tickets;
    }

    @Schema(name = "TicketRequest")
    @Serdeable
    public record TicketRequest(@NotNull UUID categoryId, @NotNull @Size(max = 1000) String subject, @NotNull @Size(max = 65536) String body) {
    }

    @Schema(name = "TicketMessageRequest", description = "internal: a note for handlers alone; status: (handlers) the ticket's status with it")
    @Serdeable
    public record MessageRequest(@NotNull @Size(max = 65536) String body, @Nullable Boolean internal, @Nullable TicketStatus status) {
    }

    @Schema(name = "TicketUpdateRequest", description = "The ticket's status and assignee (null: no one), both as they shall be")
    @Serdeable
    public record UpdateRequest(@NotNull TicketStatus status, @Nullable UUID assigneeId) {
    }

    @Schema(name = "TicketMergeRequest")
    @Serdeable
    public record MergeRequest(@NotNull UUID intoId) {
    }

    @Schema(name = "TicketSplitRequest", description = "The messages to move to a new ticket (at least one stays), and its subject")
    @Serdeable
    public record SplitRequest(@NotNull @Size(min = 1, max = 1000) List<@NotNull UUID> messageIds, @Nullable @Size(max = 1000) String subject) {
    }

    @Post("/tickets")
    @Operation(summary = "Open a ticket", description = "201, and a mail to him he may answer by replying. A care category's ticket reaches only "
            + "the men who hold care.handle. With an Idempotency-Key, a repeat answers 200 with the ticket opened the first time.")
    public HttpResponse<Tickets.Ticket> open(Caller caller, @Body @Valid TicketRequest request,
                                             @Nullable @Header("Idempotency-Key") @Size(min = 1, max = 200) String idempotencyKey) {
        Tickets.Created created = tickets.open(caller, new Tickets.Opening(request.categoryId(), request.subject(), request.body()), idempotencyKey);
        return created.repeated() ? HttpResponse.ok(created.ticket())
                : HttpResponse.created(created.ticket(), URI.create("/api/v1/tickets/" + created.ticket().id()));
    }

    @Get("/tickets{?queue,status,assigneeId,unassigned,categoryId,page,size}")
    @Operation(summary = "His tickets, or (queue=true) the queue he handles", description = "The active first (NEW, OPEN, WAITING_FOR_MEMBER), "
            + "then the newest. queue=true: support's queue (support.assist), care's (care.handle), or both; 403 for anyone else.")
    public Paged<Tickets.Ticket> list(Caller caller, @Nullable @QueryValue Boolean queue, @Nullable @QueryValue TicketStatus status,
                                      @Nullable @QueryValue UUID assigneeId, @Nullable @QueryValue Boolean unassigned, @Nullable @QueryValue UUID categoryId,
                                      @Nullable @QueryValue @Min(0) @Max(100000) Integer page, @Nullable @QueryValue @Min(1) @Max(100) Integer size) {
        return tickets.list(caller, Boolean.TRUE.equals(queue), status, assigneeId, Boolean.TRUE.equals(unassigned), categoryId,
                page == null ? 0 : page, size == null ? 20 : size);
    }

    @Get("/tickets/{id}")
    @Operation(summary = "One ticket with its messages", description = "Its requester sees no internal notes and no service levels; 404 for "
            + "anyone who may not see it.")
    public Tickets.Ticket get(Caller caller, @PathVariable UUID id) {
        return tickets.get(caller, id);
    }

    @Post("/tickets/{id}/messages")
    @Operation(summary = "Reply, or add an internal note", description = "His reply starts a stopped clock again and reopens a solved ticket; a "
            + "handler's reply mails him. 201 with the ticket. With an Idempotency-Key, a repeat adds nothing and answers 201 with the ticket.")
    public HttpResponse<Tickets.Ticket> write(Caller caller, @PathVariable UUID id, @Body @Valid MessageRequest request,
                                              @Nullable @Header("Idempotency-Key") @Size(min = 1, max = 200) String idempotencyKey) {
        Tickets.Ticket ticket = tickets.write(caller, id, new Tickets.Writing(request.body(), Boolean.TRUE.equals(request.internal()), request.status()),
                idempotencyKey);
        return HttpResponse.created(ticket, URI.create("/api/v1/tickets/" + ticket.id()));
    }

    @Put("/tickets/{id}")
    @Operation(summary = "Set the status and the assignee", description = "Handlers only. WAITING_FOR_MEMBER stops the service-level clock. "
            + "422 when the assignee does not handle such tickets; 409 TICKET_MERGED on a merged ticket.")
    public Tickets.Ticket update(Caller caller, @PathVariable UUID id, @Body @Valid UpdateRequest request) {
        return tickets.update(caller, id, request.status(), request.assigneeId());
    }

    @Post("/tickets/{id}/merge")
    @Operation(summary = "Merge this ticket into another of the same man", description = "Its messages move there and it is closed. Answers the "
            + "ticket merged into. 409 TICKET_NOT_MERGEABLE for another man's ticket, care with ordinary, or a ticket merged already.")
    public Tickets.Ticket merge(Caller caller, @PathVariable UUID id, @Body @Valid MergeRequest request) {
        return tickets.merge(caller, id, request.intoId());
    }

    @Post("/tickets/{id}/split")
    @Operation(summary = "Split messages off into a new ticket", description = "201 with the new ticket.")
    public HttpResponse<Tickets.Ticket> split(Caller caller, @PathVariable UUID id, @Body @Valid SplitRequest request) {
        Tickets.Ticket created = tickets.split(caller, id, request.messageIds(), request.subject());
        return HttpResponse.created(created, URI.create("/api/v1/tickets/" + created.id()));
    }

    @Get("/reports/tickets")
    @Operation(summary = "The help desk in numbers", description = "Per category: tickets per status and levels breached. Counts only, no names. "
            + "Leadership and admins (reports.view).")
    public Report report(Caller caller) {
        return new Report(tickets.report(caller));
    }

    @Schema(name = "TicketReport")
    @Serdeable
    public record Report(List<Tickets.ReportLine> items) {
    }
}
