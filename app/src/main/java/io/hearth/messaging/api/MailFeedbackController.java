package io.hearth.messaging.api;

import io.hearth.kit.Refusal;
import io.hearth.messaging.MailFeedback;
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
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The mail provider's inbound hook for reports that come back about sent mail (a bounce mailbox's delivery status
 * notifications, a feedback loop's abuse reports), on the platform's own host: the quoted mail names the
 * organisation, not the Host.
 */
@TenantBound
@Controller("/api/v1/mail/feedback")
@Public
@ExecuteOn(TaskExecutors.BLOCKING)
public class MailFeedbackController {

    /** The largest report taken: a DSN or ARF report quotes headers, or a mail Hearth sent (well under this). */
    static final int MAX_BYTES = 512 * 1024;

    private final MailFeedback feedback;
    private final HostTenantResolver hosts;

    public MailFeedbackController(MailFeedback feedback, HostTenantResolver hosts) {
        this.feedback = feedback;
        this.hosts = hosts;
    }

    @Schema(name = "MailFeedbackOutcome")
    @Serdeable
    public record Outcome(MailFeedback.Outcome outcome) {
    }

    @Post(consumes = {"message/rfc822", MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
    @Operation(summary = "A report about sent mail: a delivery status notification (RFC 3464) or an abuse report (RFC 5965)",
            description = "The raw message, signed: X-Hearth-Signature: sha256=<hex HMAC-SHA256 of the body under hearth.mail.feedback-secret>. "
                    + "A permanent failure (Action: failed, Status 5.x.x) unconfirms the address and tells the man in the app; a complaint "
                    + "stops his notification mail and tells him. Believed only for the address the quoted mail's X-Hearth-Ref was made for. "
                    + "200 ACTED or IGNORED (a delay, a temporary failure, mail that is not ours); 403 MAIL_FEEDBACK_SIGNATURE_INVALID; "
                    + "422 VALIDATION_ERROR for a message that is no such report; 413 over 512 KB.")
    public HttpResponse<Outcome> receive(HttpRequest<?> request, @Body byte[] raw, @Nullable @Header("X-Hearth-Signature") String signature) {
        if (hosts.label(request.getHeaders().get(HttpHeaders.HOST)).isPresent()) {
            throw Refusal.notFound("Mail reports are received on the platform's own host");
        }
        if (raw.length > MAX_BYTES) {
            throw Refusal.invalid("body", "is at most 512 KB");
        }
        return HttpResponse.ok(new Outcome(feedback.receive(raw, signature)));
    }
}
