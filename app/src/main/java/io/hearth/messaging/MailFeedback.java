package io.hearth.messaging;

import io.hearth.ErrorCode;
import io.hearth.kit.CommonCode;
import io.hearth.kit.Refusal;
import io.hearth.messaging.internal.MailFeedbackReport;
import io.hearth.messaging.internal.MailRefs;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * Reports that come back about mail after it was sent, as the mail provider's inbound hook posts them (the raw
 * message, signed with {@code hearth.mail.feedback-secret}): a late hard bounce (RFC 3464) unconfirms the address as a
 * refusal at RCPT TO does ({@link MailBounced}); a complaint (RFC 5965) stops his mail ({@link MailComplained}). A
 * report is believed only for the address the quoted mail's {@code X-Hearth-Ref} was made for.
 */
@Singleton
public class MailFeedback {

    private static final Logger LOG = LoggerFactory.getLogger(MailFeedback.class);

    /** What a report came to. */
    @io.swagger.v3.oas.annotations.media.Schema(name = "MailFeedbackResult")
    public enum Outcome {
        /** Bounces or complaints acted on. */
        ACTED,
        /** A report of nothing to act on (a delay, a temporary failure), or of mail that is not ours: nothing done. */
        IGNORED
    }

    private final MailRefs refs;
    private final ApplicationEventPublisher<MailBounced> bounces;
    private final ApplicationEventPublisher<MailComplained> complaints;
    private final String secret;

    public MailFeedback(MailRefs refs, ApplicationEventPublisher<MailBounced> bounces, ApplicationEventPublisher<MailComplained> complaints,
                        @Property(name = "hearth.mail.feedback-secret", defaultValue = "") String secret) {
        this.refs = refs;
        this.bounces = bounces;
        this.complaints = complaints;
        this.secret = secret;
    }

    /**
     * Reads and acts on one report. 403 {@code MAIL_FEEDBACK_SIGNATURE_INVALID} for a missing or wrong signature (and
     * for every report while no secret is set); 422 for a message that is no DSN or ARF report.
     */
    public Outcome receive(byte[] raw, @Nullable String signature) {
        if (secret.isBlank() || signature == null || !MessageDigest.isEqual(expected(raw).getBytes(StandardCharsets.US_ASCII),
                signature.strip().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
            throw new Refusal(Refusal.Kind.FORBIDDEN, ErrorCode.MAIL_FEEDBACK_SIGNATURE_INVALID,
                    "The report is not signed with the mail feedback secret (X-Hearth-Signature: sha256=<hex HMAC of the body>)");
        }
        MailFeedbackReport.Read report = MailFeedbackReport.read(raw).orElseThrow(() -> new Refusal(Refusal.Kind.INVALID, CommonCode.VALIDATION_ERROR,
                "The message is no delivery status notification (RFC 3464) or abuse report (RFC 5965)"));
        if (report.reference().isEmpty()) {
            LOG.info("a mail report that quotes no X-Hearth-Ref: not about our mail, nothing done");
            return Outcome.IGNORED;
        }
        boolean acted = false;
        for (MailFeedbackReport.Item item : report.items()) {
            Optional<UUID> tenant = refs.verify(report.reference().get(), item.address());
            if (tenant.isEmpty()) {
                LOG.warn("a mail report about an address its quoted reference was not made for: ignored");
                continue;
            }
            try {
                if (item.kind() == MailFeedbackReport.Kind.BOUNCE) {
                    LOG.warn("a mail of organisation {} bounced after it was sent: {}", tenant.get(), item.detail());
                    bounces.publishEvent(new MailBounced(tenant.get(), item.address(), item.detail()));
                } else {
                    LOG.warn("a mail of organisation {} was reported as spam ({})", tenant.get(), item.detail());
                    complaints.publishEvent(new MailComplained(tenant.get(), item.address(), item.detail()));
                }
            } catch (RuntimeException e) {
                // Not lost: the provider posts a report again when it is not taken.
                LOG.error("a mail report of organisation {} could not be acted on", tenant.get(), e);
                throw new Refusal(Refusal.Kind.UNAVAILABLE, CommonCode.SERVICE_UNAVAILABLE, "The report could not be acted on now: post it again");
            }
            acted = true;
        }
        return acted ? Outcome.ACTED : Outcome.IGNORED;
    }

    private String expected(byte[] raw) {
        return signature(secret, raw);
    }

    /** For the local stand-ins and the tests: the header value a report posted with this secret carries. */
    public static String signature(String secret, byte[] raw) {
        return "sha256=" + HexFormat.of().formatHex(signer(secret).doFinal(raw));
    }

    /** The HMAC-SHA256 under this secret, to sign a body read in pieces ("sha256=" and the hex of its result is the header's value). */
    static Mac signer(String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 failed", e);
        }
    }
}
