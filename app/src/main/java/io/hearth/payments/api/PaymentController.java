package io.hearth.payments.api;

import io.hearth.identity.Caller;
import io.hearth.identity.Permission;
import io.hearth.identity.RequiresPermission;
import io.hearth.payments.Connect;
import io.hearth.payments.EventFees;
import io.hearth.payments.PaymentPolicy;
import io.hearth.payments.PaymentView;
import io.hearth.payments.Refunds;
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
import jakarta.validation.constraints.Size;

import java.util.UUID;

/** Stripe Connect for the organisation's admins, paying for a held seat, a man's own payments, refunds. */
@TenantBound
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class PaymentController {

    private final Connect connect;
    private final EventFees eventFees;
    private final Refunds refunds;
    private final PaymentPolicy policy;

    public PaymentController(Connect connect, EventFees eventFees, Refunds refunds, PaymentPolicy policy) {
        this.connect = connect;
        this.eventFees = eventFees;
        this.refunds = refunds;
        this.policy = policy;
    }

    @Schema(name = "PaymentPolicyRequest")
    @Serdeable
    public record PolicyRequest(@jakarta.validation.constraints.NotNull PaymentPolicy.LapsedPlan lapsedPlan) {
    }

    @Get("/payments/policy")
    @RequiresPermission(Permission.ORGANISATION_MANAGE)
    @Operation(summary = "The organisation's payment policy: lapsedPlan (KEEP or RELEASE) decides what a lapsed instalment plan does to the seat "
            + "before the event's cancellation cutoff")
    public PaymentPolicy.Policy policy(Caller caller) {
        return policy.get(caller);
    }

    @io.micronaut.http.annotation.Put("/payments/policy")
    @RequiresPermission(Permission.ORGANISATION_MANAGE)
    @Operation(summary = "Change the organisation's payment policy (audited)")
    public PaymentPolicy.Policy setPolicy(Caller caller, @Body @Valid PolicyRequest request) {
        return policy.set(caller, new PaymentPolicy.Policy(request.lapsedPlan()));
    }

    @Schema(name = "RefundRequest")
    @Serdeable
    public record RefundRequest(@Nullable @Min(1) Long amountCents, @NotBlank @Size(max = 500) String reason, @Nullable Boolean releaseSeat) {
    }

    @Get("/payments{?page,size}")
    @RequiresPermission(Permission.PAYMENTS_REFUND)
    @Operation(summary = "The organisation's payments, newest first (admins)")
    public Paged<PaymentView> all(Caller caller, @Nullable @QueryValue @Min(0) @Max(100000) Integer page, @Nullable @QueryValue @Min(1) @Max(200) Integer size) {
        return eventFees.all(caller, page == null ? 0 : page, size == null ? 50 : size);
    }

    @Get("/payments/{id}/refund-quote")
    @RequiresPermission(Permission.PAYMENTS_REFUND)
    @Operation(summary = "What is left to refund of a payment, and what the event's cancellation policy gives")
    public Refunds.RefundQuote quote(Caller caller, @PathVariable UUID id) {
        return refunds.quote(caller, id);
    }

    @Post("/payments/{id}/refunds")
    @RequiresPermission(Permission.PAYMENTS_REFUND)
    @Operation(summary = "Refund a payment, in full or in part, with a reason", description = "amountCents defaults to what the cancellation "
            + "policy gives (422 when the policy gives nothing: say the amount). The platform's fee goes back in proportion. releaseSeat "
            + "(default true) gives his seat back to the event, and the waiting list moves. Audited; he is told by mail. 201 with the refund: "
            + "SUCCEEDED, or PENDING while Stripe cannot be reached (it is sent again, never twice). With an Idempotency-Key, the same key "
            + "answers the refund it made the first time (201 again), however often it is sent; the same key for another payment or "
            + "amount is 409.")
    public HttpResponse<Refunds.RefundView> refund(Caller caller, @PathVariable UUID id, @Body @Valid RefundRequest request,
                                                   @Nullable @Header("Idempotency-Key") @Size(min = 1, max = 200) String idempotencyKey) {
        return HttpResponse.created(refunds.refund(caller, id, request.amountCents(), request.reason().strip(), !Boolean.FALSE.equals(request.releaseSeat()),
                idempotencyKey));
    }

    @Get("/payments/{id}/refunds")
    @RequiresPermission(Permission.PAYMENTS_REFUND)
    @Operation(summary = "The refunds of a payment")
    public Refunded refundsOf(Caller caller, @PathVariable UUID id) {
        return new Refunded(id, refunds.of(caller, id));
    }

    @Schema(name = "Refunded")
    @Serdeable
    public record Refunded(UUID paymentId, java.util.List<Refunds.RefundView> refunds) {
    }

    @Get("/payments/stripe")
    @RequiresPermission(Permission.ORGANISATION_MANAGE)
    @Operation(summary = "The organisation's Stripe account: NOT_CONNECTED, PENDING, READY (charges enabled) or RESTRICTED with the reason")
    public Connect.Connection stripe(Caller caller) {
        return connect.connection(caller);
    }

    @Post("/payments/stripe/onboarding")
    @RequiresPermission(Permission.ORGANISATION_MANAGE)
    @Operation(summary = "Connect Stripe, or go on with its onboarding", description = "Creates the organisation's connected account the first "
            + "time (the organisation is the merchant of record) and answers a fresh Stripe onboarding link (url). Coming back is no proof: "
            + "the account is READY when Stripe says charges are enabled.")
    public Connect.Onboarding onboarding(Caller caller) {
        return connect.onboard(caller);
    }

    @Post("/events/{id}/registrations/{registrationId}/checkout")
    @Operation(summary = "Pay for a held seat", description = "201 with checkoutUrl, Stripe Checkout on the organisation's account: the open "
            + "session when there is one. 409 NOT_AWAITING_PAYMENT when the seat is not held for payment, 409 PAYMENTS_NOT_READY when the "
            + "organisation takes no card payments, 503 PAYMENTS_UNAVAILABLE when Stripe cannot be reached. The same Idempotency-Key "
            + "answers the same payment. instalments (when the price option offers them): the first monthly instalment is paid in "
            + "Checkout and confirms the seat, the rest are taken by a subscription that ends after the last.")
    public HttpResponse<EventFees.Checkout> checkout(Caller caller, @PathVariable UUID id, @PathVariable UUID registrationId,
                                                     @Nullable @Header("Idempotency-Key") @Size(min = 1, max = 200) String idempotencyKey,
                                                     @Nullable @Body @Valid CheckoutRequest request) {
        return HttpResponse.created(eventFees.start(caller, id, registrationId, idempotencyKey, request == null ? null : request.instalments()));
    }

    @Schema(name = "EventCheckoutRequest")
    @Serdeable
    public record CheckoutRequest(@Nullable @Min(1) @Max(12) Integer instalments) {
    }

    @Schema(name = "EventPayments")
    @Serdeable
    public record EventPayments(UUID eventId, java.util.List<PaymentView> items) {
    }

    @Get("/events/{id}/payments")
    @Operation(summary = "The event's payments (its PTMs and admins)", description = "Who paid, how, instalments paid and due, a failed instalment "
            + "(planStatus PAST_DUE), refunds.")
    public EventPayments ofEvent(Caller caller, @PathVariable UUID id) {
        return new EventPayments(id, eventFees.ofEvent(caller, id));
    }

    @Schema(name = "PaymentReceipt")
    @Serdeable
    public record Receipt(String url) {
    }

    @Get("/me/payments/{id}/receipt")
    @Operation(summary = "Stripe's receipt for one of his card payments (url)")
    public Receipt receipt(Caller caller, @PathVariable UUID id) {
        return new Receipt(eventFees.receipt(caller, id));
    }

    @Get("/me/payments{?page,size}")
    @Operation(summary = "His payments, newest first: what, how much, its state (OPEN, PAID, EXPIRED, REFUND_DUE, REFUNDED) and refunds")
    public Paged<PaymentView> mine(Caller caller, @Nullable @QueryValue @Min(0) @Max(100000) Integer page, @Nullable @QueryValue @Min(1) @Max(200) Integer size) {
        int p = page == null ? 0 : page;
        int s = size == null ? 50 : size;
        return new Paged<>(eventFees.mine(caller, p, s), p, s, eventFees.countMine(caller));
    }
}
