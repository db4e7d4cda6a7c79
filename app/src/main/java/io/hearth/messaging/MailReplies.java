package io.hearth.messaging;

import io.hearth.ErrorCode;
import io.hearth.kit.CommonCode;
import io.hearth.kit.Refusal;
import io.hearth.kit.Spool;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.SharedFileInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Mac;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replies to Hearth's mail, as the mail provider's inbound hook posts them (the raw message, signed like the mail
 * reports, with {@code hearth.mail.feedback-secret}). A reply that quotes (In-Reply-To, References) a Message-ID of one
 * of our threads, and comes from the address that mail went to, is told in process ({@link MailReplied}) with its text
 * cut above the quoted mail. Anything else is left alone.
 */
@Singleton
public class MailReplies {

    private static final Logger LOG = LoggerFactory.getLogger(MailReplies.class);
    private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]+>");
    /** Where a mail client starts quoting: "On … wrote:", "Am … schrieb …:", an Outlook header block, or "> " lines. */
    private static final Pattern QUOTE_START = Pattern.compile("(?m)^(On .{1,200}wrote:\\s*$|Am .{1,200}schrieb.{0,100}:\\s*$|-{2,}\\s*Original Message\\s*-{2,}|From: .+$|>)");
    public static final int MAX_TEXT = 16_384;
    /** The largest mail taken, 25 MB as mail services pass them on: its attachments are not kept, its text is. */
    public static final long MAX_BYTES = 25L * 1024 * 1024;

    /** What became of a reply. */
    @io.swagger.v3.oas.annotations.media.Schema(name = "MailReplyResult")
    public enum Outcome {
        /** Passed to the owner of its thread (the help desk adds it to its ticket unless the address is no longer the member's). */
        ACTED,
        /** Not a reply to a thread of ours from the address it went to, or with no text: nothing done. */
        IGNORED
    }

    private final MailThreads threads;
    private final ApplicationEventPublisher<MailReplied> replies;
    private final String secret;
    /** Mails being received at once: each is spooled to disk before its signature can be checked, so their room is bounded. */
    private final Semaphore receiving;

    public MailReplies(MailThreads threads, ApplicationEventPublisher<MailReplied> replies,
                       @Property(name = "hearth.mail.feedback-secret", defaultValue = "") String secret,
                       @Property(name = "hearth.mail.inbound-at-once", defaultValue = "4") int atOnce) {
        this.threads = threads;
        this.replies = replies;
        this.secret = secret;
        this.receiving = new Semaphore(atOnce);
    }

    /** 403 {@code MAIL_FEEDBACK_SIGNATURE_INVALID} unsigned or wrongly signed; 422 for what is no mail message. */
    public Outcome receive(InputStream raw, @Nullable String signature) {
        if (secret.isBlank() || signature == null) {
            throw unsigned();
        }
        if (!receiving.tryAcquire()) {
            // The mail provider tries again later, as it does for any 5xx.
            throw Refusal.unavailable("Other mails are being received: try again shortly", 5);
        }
        try {
            return spoolAndRead(raw, signature);
        } finally {
            receiving.release();
        }
    }

    private Outcome spoolAndRead(InputStream raw, String signature) {
        Mac mac = MailFeedback.signer(secret);
        try (Spool mail = Spool.read(raw, "hearth-mail-", MAX_BYTES, mac::update,
                () -> Refusal.tooLarge("A mail is at most " + MAX_BYTES / (1024 * 1024) + " MB"),
                () -> Refusal.malformed("The mail was cut off before its end"))) {
            if (!MessageDigest.isEqual(("sha256=" + HexFormat.of().formatHex(mac.doFinal())).getBytes(StandardCharsets.US_ASCII),
                    signature.strip().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
                throw unsigned();
            }
            return read(mail.path());
        }
    }

    private static Refusal unsigned() {
        return new Refusal(Refusal.Kind.FORBIDDEN, ErrorCode.MAIL_FEEDBACK_SIGNATURE_INVALID,
                "The mail is not signed with the mail feedback secret (X-Hearth-Signature: sha256=<hex HMAC of the body>)");
    }

    /** The signed mail, read from its file (its parts are read from the file as they are needed, not all into memory). */
    private Outcome read(Path mail) {
        String from;
        List<String> quoted;
        String ownId;
        String text;
        try (SharedFileInputStream in = new SharedFileInputStream(mail.toFile())) {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), in);
            InternetAddress[] senders = (InternetAddress[]) message.getFrom();
            if (senders == null || senders.length != 1) {
                throw notAMail("it has no single From address");
            }
            from = senders[0].getAddress();
            quoted = quotedIds(message);
            ownId = message.getMessageID();
            text = reply(plainText(message).orElse(""));
        } catch (MessagingException | IOException | ClassCastException e) {
            throw notAMail("it cannot be read as a mail message (RFC 5322)");
        }
        if (ownId == null || ownId.isBlank()) {
            throw notAMail("it has no Message-ID");
        }
        for (String id : quoted) {
            Optional<MailThreads.Thread> thread = threads.verify(id, from);
            if (thread.isPresent()) {
                if (text.isBlank()) {
                    LOG.info("a reply to thread {} with no text of its own: nothing added", thread.get().name());
                    return Outcome.IGNORED;
                }
                replies.publishEvent(new MailReplied(thread.get().tenantId(), thread.get().name(), from,
                        text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text, ownId.strip()));
                return Outcome.ACTED;
            }
        }
        LOG.info("an inbound mail that answers none of our threads from its sender: ignored");
        return Outcome.IGNORED;
    }

    private static Refusal notAMail(String why) {
        return new Refusal(Refusal.Kind.INVALID, CommonCode.VALIDATION_ERROR, "The body is no mail reply: " + why);
    }

    /** The Message-IDs it answers, the nearest first: In-Reply-To, then References from the last. */
    private static List<String> quotedIds(MimeMessage message) throws MessagingException {
        List<String> ids = new ArrayList<>();
        String inReplyTo = message.getHeader("In-Reply-To", " ");
        if (inReplyTo != null) {
            Matcher m = MESSAGE_ID.matcher(inReplyTo);
            while (m.find()) {
                ids.add(m.group());
            }
        }
        String references = message.getHeader("References", " ");
        if (references != null) {
            List<String> refs = new ArrayList<>();
            Matcher m = MESSAGE_ID.matcher(references);
            while (m.find()) {
                refs.add(m.group());
            }
            Collections.reverse(refs);
            refs.stream().filter(id -> !ids.contains(id)).forEach(ids::add);
        }
        return ids;
    }

    /** The first text/plain part; a reply in HTML alone has its tags dropped. */
    private static Optional<String> plainText(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/plain")) {
            return Optional.of(String.valueOf(part.getContent()));
        }
        if (part.isMimeType("text/html")) {
            return Optional.of(htmlToText(String.valueOf(part.getContent())));
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            Optional<String> html = Optional.empty();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                if (body.isMimeType("text/html")) {
                    if (html.isEmpty()) {
                        html = plainText(body);
                    }
                    continue;
                }
                Optional<String> text = plainText(body);
                if (text.isPresent()) {
                    return text;
                }
            }
            return html;
        }
        return Optional.empty();
    }

    private static String htmlToText(String html) {
        return html.replaceAll("(?is)<(script|style)[^>]*>.*?</\\1>", "").replaceAll("(?i)<br\\s*/?>|</p>|</div>", "\n")
                .replaceAll("<[^>]+>", "").replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
    }

    /** His words: what comes before the quoted mail, with trailing blank lines and a "-- " signature cut. */
    static String reply(String text) {
        String normalised = text.replace("\r\n", "\n");
        Matcher quote = QUOTE_START.matcher(normalised);
        String above = quote.find() ? normalised.substring(0, quote.start()) : normalised;
        int signature = above.indexOf("\n-- \n");
        if (signature >= 0) {
            above = above.substring(0, signature);
        }
        return above.strip();
    }
}
