package io.hearth.circles.api;

import io.hearth.circles.CircleView;
import io.hearth.circles.Circles;
import io.hearth.circles.JoinRequests;
import io.hearth.circles.LeaveReason;
import io.hearth.circles.Memberships;
import io.hearth.circles.PaymentStatus;
import io.hearth.circles.Transfers;
import io.hearth.identity.Caller;
import io.hearth.identity.Permission;
import io.hearth.identity.RequiresPermission;
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
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.UUID;

/** Who is in a circle: adding and removing men, leaving, join requests and the waiting list, transfers, payment status. */
@TenantBound
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class MembershipController {

    private final Memberships memberships;
    private final JoinRequests joinRequests;
    private final Transfers transfers;
    private final Circles circles;

    public MembershipController(Memberships memberships, JoinRequests joinRequests, Transfers transfers, Circles circles) {
        this.memberships = memberships;
        this.joinRequests = joinRequests;
        this.transfers = transfers;
        this.circles = circles;
    }

    @Schema(name = "MyCircleResponse")
    @Serdeable
    public record MyCircleResponse(@Nullable CircleView circle, List<Memberships.JoinRequest> joinRequests) {
    }

    @Get("/me/circle")
    @Operation(summary = "The signed-in person's circle, if he is in one, and his open requests to join circles",
            description = "Each request shows its status and, on a waiting list, his position.")
    public MyCircleResponse myCircle(Caller caller) {
        Memberships.Standing standing = memberships.standing(caller);
        return new MyCircleResponse(standing.circleId() == null ? null : circles.get(caller, standing.circleId()), standing.joinRequests());
    }

    @Schema(name = "AddMemberRequest")
    @Serdeable
    public record AddMemberRequest(@NotNull UUID personId) {
    }

    @Schema(name = "JoinRequestBody")
    @Serdeable
    public record JoinRequestBody(@Nullable @Size(max = 1000) String message) {
    }

    @Schema(name = "TransferRequest")
    @Serdeable
    public record TransferRequest(@NotNull UUID toCircleId) {
    }

    @Schema(name = "PaymentStatusRequest")
    @Serdeable
    public record PaymentStatusRequest(@NotNull PaymentStatus status) {
    }

    @Get("/circles/{id}/members{?history,page,size}")
    @Operation(summary = "The circle's members, by joining date", description = "history=true adds everyone who ever was, with when and why they left.")
    public Paged<Memberships.Member> members(Caller caller, @PathVariable UUID id, @Nullable @QueryValue Boolean history,
                                             @Nullable @QueryValue @Min(0) @Max(100000) Integer page, @Nullable @QueryValue @Min(1) @Max(200) Integer size) {
        return Paged.of(memberships.members(caller, id, Boolean.TRUE.equals(history)), page == null ? 0 : page, size == null ? 50 : size);
    }

    @Post("/circles/{id}/members")
    @Operation(summary = "Add a man to the circle (its facilitators and admins)", description = "409 CIRCLE_FULL, 409 ALREADY_IN_A_CIRCLE.")
    public HttpResponse<Memberships.Member> add(Caller caller, @PathVariable UUID id, @Body @Valid AddMemberRequest request) {
        return HttpResponse.created(memberships.add(caller, id, request.personId()));
    }

    @Delete("/circles/{id}/members/{personId}")
    @Operation(summary = "Remove a man from the circle (its facilitators and admins)", description = "204; the freed seat is offered to the waiting list.")
    public HttpResponse<?> remove(Caller caller, @PathVariable UUID id, @PathVariable UUID personId) {
        memberships.end(caller, id, personId, LeaveReason.REMOVED);
        return HttpResponse.noContent();
    }

    @Post("/circles/{id}/leave")
    @Operation(summary = "Leave the circle", description = "204; the freed seat is offered to the waiting list.")
    public HttpResponse<?> leave(Caller caller, @PathVariable UUID id) {
        memberships.end(caller, id, caller.person(), LeaveReason.LEFT);
        return HttpResponse.noContent();
    }

    @Put("/circles/{id}/members/{personId}/payment-status")
    @Operation(summary = "Set a member's payment status: CURRENT, PAST_DUE, EXEMPT or PAUSED (hardship, seat kept)")
    public Memberships.Member paymentStatus(Caller caller, @PathVariable UUID id, @PathVariable UUID personId, @Body @Valid PaymentStatusRequest request) {
        return memberships.setPaymentStatus(caller, id, personId, request.status());
    }

    @Post("/circles/{id}/join-requests")
    @RequiresPermission(Permission.CIRCLES_JOIN)
    @Operation(summary = "Ask to join an open circle", description = "201 PENDING while a seat is free, else WAITLISTED with a position.")
    public HttpResponse<Memberships.JoinRequest> requestToJoin(Caller caller, @PathVariable UUID id, @Body @Valid JoinRequestBody request) {
        return HttpResponse.created(joinRequests.requestToJoin(caller, id, request.message()));
    }

    @Get("/circles/{id}/join-requests{?page,size}")
    @Operation(summary = "Open join requests and the waiting list, in order (facilitators and admins)", description = "Offered seats first, then pending requests, then the waiting list by position.")
    public Paged<Memberships.JoinRequest> requests(Caller caller, @PathVariable UUID id, @Nullable @QueryValue @Min(0) @Max(100000) Integer page,
                                                   @Nullable @QueryValue @Min(1) @Max(200) Integer size) {
        return Paged.of(joinRequests.requests(caller, id), page == null ? 0 : page, size == null ? 50 : size);
    }

    @Post("/circles/{id}/join-requests/{requestId}/approve")
    @Operation(summary = "Approve a pending request, or one offered a freed seat", description = "201 with the membership; 409 CIRCLE_FULL.")
    public HttpResponse<Memberships.Member> approve(Caller caller, @PathVariable UUID id, @PathVariable UUID requestId) {
        return HttpResponse.created(joinRequests.approve(caller, id, requestId));
    }

    @Post("/circles/{id}/join-requests/{requestId}/decline")
    @Operation(summary = "Decline a request")
    public Memberships.JoinRequest decline(Caller caller, @PathVariable UUID id, @PathVariable UUID requestId) {
        return joinRequests.decline(caller, id, requestId);
    }

    @Post("/circles/{id}/join-requests/{requestId}/withdraw")
    @Operation(summary = "Take back one's own request")
    public Memberships.JoinRequest withdraw(Caller caller, @PathVariable UUID id, @PathVariable UUID requestId) {
        return joinRequests.withdraw(caller, id, requestId);
    }

    @Post("/circles/{id}/transfer-requests")
    @Operation(summary = "Ask to move from this circle to another", description = "201; it happens once both circles' facilitators approve.")
    public HttpResponse<Memberships.TransferView> requestTransfer(Caller caller, @PathVariable UUID id, @Body @Valid TransferRequest request) {
        return HttpResponse.created(transfers.requestTransfer(caller, id, request.toCircleId()));
    }

    @Get("/circles/{id}/transfer-requests{?page,size}")
    @Operation(summary = "Transfers into and out of the circle, newest first (facilitators and admins)")
    public Paged<Memberships.TransferView> transfers(Caller caller, @PathVariable UUID id, @Nullable @QueryValue @Min(0) @Max(100000) Integer page,
                                                     @Nullable @QueryValue @Min(1) @Max(200) Integer size) {
        return Paged.of(transfers.transfers(caller, id), page == null ? 0 : page, size == null ? 50 : size);
    }

    @Post("/transfer-requests/{transferId}/approve")
    @Operation(summary = "Approve a transfer for one's side (a facilitator of either circle, or an admin)", description = "COMPLETED once both sides approved.")
    public Memberships.TransferView approveTransfer(Caller caller, @PathVariable UUID transferId) {
        return transfers.approveTransfer(caller, transferId);
    }

    @Post("/transfer-requests/{transferId}/decline")
    @Operation(summary = "Decline a transfer (a facilitator of either circle or an admin), or withdraw one's own")
    public Memberships.TransferView declineTransfer(Caller caller, @PathVariable UUID transferId) {
        return transfers.declineTransfer(caller, transferId);
    }
}
