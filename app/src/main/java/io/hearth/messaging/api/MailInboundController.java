package io.hearth.messaging.api;

import io.hearth.kit.Refusal;
import io.hearth.kit.web.input.BodyLimit;
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

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The mail provider's inbound hook for replies to Hearth's mail (a member answering his ticket by mail), on the
 * platform's own host: the quoted Message-ID names the organisation, not the Host.
 */
@TenantBound
@Controller("/api/v1/mail/inbound")
@Public
@ExecuteOn(TaskExecutors.BLOCKING)
public class MailInboundController {

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
    @BodyLimit(MailReplies.MAX_BYTES)
    @Operation(summary = "A reply to one of Hearth's mails, such as a member answering his ticket",
            description = "The raw message, signed: X-Hearth-Signature: sha256=<hex HMAC-SHA256 of the body under hearth.mail.feedback-secret>. "
                    + "A reply whose In-Reply-To or References quotes a thread's Message-ID, from the address that mail went to, is added to "
                    + "the thread (its text above the quoted mail). 200 ACTED or IGNORED; 403 MAIL_FEEDBACK_SIGNATURE_INVALID; 422 for what is "
                    + "no mail message; 413 PAYLOAD_TOO_LARGE over 25 MB (a reply with its attachments; they are not kept).")
    public HttpResponse<Outcome> receive(HttpRequest<?> request, @Body InputStream raw, @Nullable @Header("X-Hearth-Signature") String signature) {
        if (hosts.label(request.getHeaders().get(HttpHeaders.HOST)).isPresent()) {
            throw Refusal.notFound("Mail is received on the platform's own host");
        }
        try (raw) {
            return HttpResponse.ok(new Outcome(replies.receive(raw, signature)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
