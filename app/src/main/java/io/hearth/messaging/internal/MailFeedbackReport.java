package io.hearth.messaging.internal;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * A report that comes back about a mail, read from its raw RFC 5322 form: a delivery status notification (RFC 3464,
 * {@code multipart/report; report-type=delivery-status}) or an abuse report (ARF, RFC 5965,
 * {@code report-type=feedback-report}). What counts: for a DSN, each recipient whose {@code Action} is {@code failed}
 * with a permanent {@code Status} (5.x.x), a delay or a temporary failure is not a bounce; for ARF, the complaint. The
 * quoted original's headers give its {@code X-Hearth-Ref} and, when the report names no recipient, its {@code To}.
 */
public final class MailFeedbackReport {

    /** What the report says happened to the mail sent to {@code address}. */
    public enum Kind {
        /** Refused for good after it was accepted (a late hard bounce). */
        BOUNCE,
        /** Its reader reported it as spam (or another abuse). */
        COMPLAINT
    }

    public record Item(Kind kind, String address, String detail) {
    }

    /** The report's items and the quoted mail's reference (absent when the report quotes no X-Hearth-Ref). */
    public record Read(List<Item> items, Optional<String> reference) {
    }

    private MailFeedbackReport() {
    }

    /** Empty when the message is no DSN or ARF report (a reply, an auto-responder's note, spam): nothing to act on. */
    public static Optional<Read> read(byte[] raw) {
        try {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
            ContentType type = new ContentType(message.getContentType());
            if (!type.match("multipart/report")) {
                return Optional.empty();
            }
            String reportType = Optional.ofNullable(type.getParameter("report-type")).orElse("").toLowerCase(Locale.ROOT);
            MimeMultipart parts = new MimeMultipart(message.getDataHandler().getDataSource());
            InternetHeaders report = null;
            List<InternetHeaders> recipients = new ArrayList<>();
            InternetHeaders original = null;
            for (int i = 0; i < parts.getCount(); i++) {
                BodyPart part = parts.getBodyPart(i);
                ContentType partType = new ContentType(part.getContentType());
                if (partType.match("message/delivery-status") || partType.match("message/global-delivery-status")) {
                    List<InternetHeaders> blocks = blocks(text(part));
                    if (!blocks.isEmpty()) {
                        report = blocks.get(0);
                        recipients.addAll(blocks.subList(1, blocks.size()));
                    }
                } else if (partType.match("message/feedback-report")) {
                    List<InternetHeaders> blocks = blocks(text(part));
                    report = blocks.isEmpty() ? new InternetHeaders() : blocks.get(0);
                } else if (partType.match("message/rfc822") || partType.match("text/rfc822-headers") || partType.match("message/rfc822-headers")) {
                    original = new InternetHeaders(new ByteArrayInputStream(text(part).getBytes(StandardCharsets.UTF_8)));
                }
            }
            Optional<String> reference = Optional.ofNullable(original).map(headers -> headers.getHeader(MailRefs.HEADER, null)).map(String::strip);
            List<Item> items = new ArrayList<>();
            if (reportType.equals("delivery-status") && report != null) {
                for (InternetHeaders recipient : recipients) {
                    String action = value(recipient, "Action").toLowerCase(Locale.ROOT);
                    String status = value(recipient, "Status");
                    String address = address(value(recipient, "Final-Recipient"));
                    if (action.equals("failed") && status.startsWith("5.") && !address.isEmpty()) {
                        String diagnostic = value(recipient, "Diagnostic-Code");
                        items.add(new Item(Kind.BOUNCE, address, (status + " " + diagnostic).strip()));
                    }
                }
            } else if (reportType.equals("feedback-report") && report != null) {
                String feedback = value(report, "Feedback-Type").toLowerCase(Locale.ROOT);
                String address = address(value(report, "Original-Rcpt-To"));
                if (address.isEmpty() && original != null) {
                    address = address(Optional.ofNullable(original.getHeader("To", ",")).orElse(""));
                }
                if (!address.isEmpty() && !feedback.isEmpty() && !feedback.equals("not-spam")) {
                    items.add(new Item(Kind.COMPLAINT, address, "feedback-type " + feedback));
                }
            } else {
                return Optional.empty();
            }
            return Optional.of(new Read(items, reference));
        } catch (MessagingException | IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** A part's body as text, whatever its transfer encoding. */
    private static String text(BodyPart part) throws MessagingException, IOException {
        try (InputStream in = part.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** RFC 3464 §2.1: groups of header fields separated by blank lines. */
    private static List<InternetHeaders> blocks(String text) throws MessagingException {
        List<InternetHeaders> blocks = new ArrayList<>();
        for (String block : text.replace("\r\n", "\n").split("\n\\s*\n")) {
            if (!block.isBlank()) {
                blocks.add(new InternetHeaders(new ByteArrayInputStream((block.strip() + "\n\n").getBytes(StandardCharsets.UTF_8))));
            }
        }
        return blocks;
    }

    private static String value(InternetHeaders headers, String name) {
        String value = headers.getHeader(name, null);
        return value == null ? "" : value.strip();
    }

    /** "rfc822; Man@Example.org" or "<man@example.org>" -> "man@example.org"; "" when there is none. */
    static String address(String field) {
        String value = field.contains(";") ? field.substring(field.indexOf(';') + 1) : field;
        value = value.strip();
        int open = value.indexOf('<');
        int close = value.indexOf('>');
        if (open >= 0 && close > open) {
            value = value.substring(open + 1, close);
        }
        value = value.strip().toLowerCase(Locale.ROOT);
        return value.matches("[^\\s@]+@[^\\s@]+") ? value : "";
    }
}
