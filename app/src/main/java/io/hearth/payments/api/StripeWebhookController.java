package io.hearth.payments.api;

import io.hearth.kit.Refusal;
import io.hearth.payments.StripeWebhooks;
import io.hearth.tenancy.TenantBound;
import io.hearth.tenancy.api.HostTenantResolver;
import io.hearth.web.Public;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Stripe's Connect webhook endpoint, on the platform's own host (not an organisation's): Stripe signs each event
 * and names the connected account, which names the organisation.
 */
@TenantBound
@Controller("/api/v1/stripe/webhooks")
@Public
@ExecuteOn(TaskExecutors.BLOCKING)
public class StripeWebhookController {

    private final StripeWebhooks webhooks;
    private final HostTenantResolver hosts;

    public StripeWebhookController(StripeWebhooks webhooks, HostTenantResolver hosts) {
        this.webhooks = webhooks;
        this.hosts = hosts;
    }

    @Schema(name = "WebhookReceived")
    @Serdeable
    public record Received(boolean received, StripeWebhooks.Outcome outcome) {
    }

    @Post(consumes = {MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN, MediaType.ALL})
    @Operation(summary = "Stripe Connect webhooks", description = "200 once the event is acted on (or is a duplicate, or names an account that is no "
            + "organisation's); 400 STRIPE_SIGNATURE_INVALID for a bad or stale signature (tolerance 300 s), 400 STRIPE_LIVEMODE_MISMATCH; "
            + "503 when Stripe cannot be re-read, so that Stripe delivers again.")
    public Received receive(HttpRequest<?> request, @Body @Nullable String payload, @Nullable @Header("Stripe-Signature") String signature) {
        if (hosts.label(request.getHeaders().get(HttpHeaders.HOST)).isPresent()) {
            throw Refusal.notFound("Stripe webhooks are received on the platform's own host");
        }
        return new Received(true, webhooks.receive(payload == null ? "" : payload, signature));
    }
}
