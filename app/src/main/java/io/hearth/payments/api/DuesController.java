package io.hearth.payments.api;

import io.hearth.identity.Caller;
import io.hearth.payments.Dues;
import io.hearth.tenancy.TenantBound;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.UUID;

/** Circle dues paid by card. */
@TenantBound
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class DuesController {

    private final Dues dues;

    public DuesController(Dues dues) {
        this.dues = dues;
    }

    @Schema(name = "DuesList")
    @Serdeable
    public record DuesList(java.util.List<Dues.DuesView> items) {
    }

    @Schema(name = "DuesPortal")
    @Serdeable
    public record Portal(String url) {
    }

    @Post("/circles/{id}/dues/checkout")
    @Operation(summary = "Pay his circle's dues by card", description = "201 with checkoutUrl: Stripe Checkout for a subscription to the circle's dues "
            + "on the organisation's account; its invoices drive his payment status (CURRENT, PAST_DUE); leaving the circle ends it. 409 when he "
            + "is not a member, the circle has no dues, they are paid by card already, or the organisation takes no card payments (PAYMENTS_NOT_READY).")
    public HttpResponse<Dues.DuesCheckout> duesCheckout(Caller caller, @PathVariable UUID id) {
        return HttpResponse.created(dues.subscribe(caller, id));
    }

    @Get("/me/dues")
    @Operation(summary = "His dues subscriptions, newest first")
    public DuesList myDues(Caller caller) {
        return new DuesList(dues.mine(caller));
    }

    @Post("/me/dues/{id}/portal")
    @Operation(summary = "Stripe's customer portal for his dues: update the card, see invoices (answers its url)")
    public Portal duesPortal(Caller caller, @PathVariable UUID id) {
        return new Portal(dues.portal(caller, id));
    }
}
