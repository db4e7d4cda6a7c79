package io.hearth.messaging.api;

import io.hearth.kit.Refusal;
import io.hearth.messaging.MailReplies;
import io.hearth.tenancy.api.HostTenantResolver;
import io.hearth.web.Public;
import io.hearth.tenancy.TenantBound;
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
 * The mail provider's inbound hook for replies to Hearth's mail (a member answering his ticket by mail), on the
 * platform's own host: the quoted Message-ID names the organisation, not the Host.
 */
@TenantBound
@Controller("/api/v1/mail/inbound")
@Public
@ExecuteOn(TaskExecutors.BLOCKING)
public class MailInboundController {

    /** The largest reply taken (attachments are not kept: the text is). */
    static final int MAX_BYTES = 2 * 1024 * 1024;

    private final MailReplies replies;
    private final HostTenantResolver hosts;

    public MailInboundController(MailReplies replies, HostTenantResolver hosts) {
        this.replies = replies;
        this.hosts = hosts;
    }

    @Schema(name = "MailReplyOutcome")
    @Serdeable
    public record Outcome(MailReplies.Outcome outcome) {
    }

    @Post(consumes = {"message/rfc822", MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
    @Operation(summary = "A reply to one of Hearth's mails, such as a member answering his ticket",
            description = "The raw message, signed: X-Hearth-Signature: sha256=<hex HMAC-SHA256 of the body under hearth.mail.feedback-secret>. "
                    + "A reply whose In-Reply-To or References quotes a thread's Message-ID, from the address that mail went to, is added to "
                    + "the thread (its text above the quoted mail). 200 ACTED or IGNORED; 403 MAIL_FEEDBACK_SIGNATURE_INVALID; 422 for what is "
                    + "no mail message; 413 over 2 MB.")
    public HttpResponse<Outcome> receive(HttpRequest<?> request, @Body byte[] raw, @Nullable @Header("X-Hearth-Signature") String signature) {
        if (hosts.label(request.getHeaders().get(HttpHeaders.HOST)).isPresent()) {
            throw Refusal.notFound("Mail is received on the platform's own host");
        }
        if (raw.length > MAX_BYTES) {
            throw Refusal.invalid("body", "is at most 2 MB");
        }
        return HttpResponse.ok(new Outcome(replies.receive(raw, signature)));
    }
}
