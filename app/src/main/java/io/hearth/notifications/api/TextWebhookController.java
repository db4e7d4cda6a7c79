package io.hearth.notifications.api;

import io.hearth.kit.Refusal;
import io.hearth.notifications.TextCommands;
import io.hearth.tenancy.TenantBound;
import io.hearth.tenancy.api.HostTenantResolver;
import io.hearth.web.Public;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;

/**
 * The SMS provider's webhook for texts men send to the platform's number (Twilio's "a message comes in"), on the
 * platform's own host, not an organisation's: the number a man texted names the organisations, not the Host.
 */
@TenantBound
@Controller("/api/v1/sms/inbound")
@Public
@ExecuteOn(TaskExecutors.BLOCKING)
public class TextWebhookController {

    /** Empty TwiML: the provider sends nothing itself; answers go through the texts outbox. */
    private static final String NOTHING = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";

    private final TextCommands commands;
    private final HostTenantResolver hosts;

    public TextWebhookController(TextCommands commands, HostTenantResolver hosts) {
        this.commands = commands;
        this.hosts = hosts;
    }

    @Post(consumes = {MediaType.APPLICATION_FORM_URLENCODED, MediaType.ALL}, produces = MediaType.TEXT_XML)
    @Operation(summary = "Texts men send (Twilio's incoming message webhook)", description = "Form-encoded as Twilio posts it, signed with "
            + "X-Twilio-Signature over hearth.sms.inbound-url. STOP (UNSUBSCRIBE, END, QUIT, CANCEL), START and HELP are acted on once per "
            + "MessageSid and answered by text; anything else is not read. 200 with empty TwiML (also for a duplicate or an unknown number); "
            + "403 SMS_SIGNATURE_INVALID for a missing or wrong signature; 422 VALIDATION_ERROR for a signed form without MessageSid, From or To; "
            + "503 when it could not be acted on everywhere (post it again).")
    public HttpResponse<String> receive(HttpRequest<?> request, @Body @Nullable String form, @Nullable @Header("X-Twilio-Signature") String signature) {
        if (hosts.label(request.getHeaders().get(HttpHeaders.HOST)).isPresent()) {
            throw Refusal.notFound("Texts are received on the platform's own host");
        }
        commands.receive(form, signature);
        return HttpResponse.ok(NOTHING).contentType(MediaType.TEXT_XML_TYPE);
    }
}
