package io.hearth.messaging.internal;

import io.hearth.messaging.MailConfiguration;
import jakarta.inject.Singleton;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import java.util.Map;
import java.util.Properties;

/**
 * Hands mail to the SMTP server: plain text, or plain text and HTML as multipart/alternative (text first, so a reader
 * that shows the last part it understands shows the HTML). Failures are thrown, never swallowed: the mail relay retries them.
 */
@Singleton
public class Smtp {

    private final MailConfiguration configuration;
    private final Session session;

    public Smtp(MailConfiguration configuration) {
        this.configuration = configuration;
        Properties properties = new Properties();
        properties.put("mail.smtp.host", configuration.host());
        properties.put("mail.smtp.port", Integer.toString(configuration.port()));
        properties.put("mail.smtp.connectiontimeout", "5000");
        properties.put("mail.smtp.timeout", "10000");
        properties.put("mail.smtp.writetimeout", "10000");
        this.session = Session.getInstance(properties);
    }

    /**
     * Why the server refused this mail's recipient for good (a permanent 5xx to RCPT TO: no such mailbox, address
     * rejected), or empty when trying again may work (the server down, busy or refusing for now with a 4xx).
     */
    public static java.util.Optional<String> refusedForGood(Throwable failure) {
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        java.util.Deque<Throwable> next = new java.util.ArrayDeque<>();
        next.add(failure);
        while (!next.isEmpty()) {
            Throwable at = next.poll();
            if (!seen.add(at)) {
                continue;
            }
            if (at instanceof org.eclipse.angus.mail.smtp.SMTPAddressFailedException refused && refused.getReturnCode() >= 500
                    && refused.getReturnCode() < 600) {
                return java.util.Optional.of(refused.getReturnCode() + " " + String.valueOf(refused.getMessage()).strip());
            }
            if (at instanceof MessagingException messaging && messaging.getNextException() != null) {
                next.add(messaging.getNextException());
            }
            if (at.getCause() != null) {
                next.add(at.getCause());
            }
        }
        return java.util.Optional.empty();
    }

    /** {@code html} null: a plain-text mail. */
    public void send(String to, String subject, String body, String html, Map<String, String> headers) throws MessagingException {
        MimeMessage message = new MimeMessage(session) {
            // A mail that can be answered carries the Message-ID its thread made (MailThreads); keep it.
            @Override
            protected void updateMessageID() throws MessagingException {
                if (getHeader("Message-ID") == null) {
                    super.updateMessageID();
                }
            }
        };
        message.setFrom(new InternetAddress(configuration.from()));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
        message.setSubject(subject, "UTF-8");
        if (html == null) {
            message.setText(body, "UTF-8");
        } else {
            MimeBodyPart text = new MimeBodyPart();
            text.setText(body, "UTF-8", "plain");
            MimeBodyPart rich = new MimeBodyPart();
            rich.setText(html, "UTF-8", "html");
            message.setContent(new MimeMultipart("alternative", text, rich));
        }
        for (Map.Entry<String, String> header : headers.entrySet()) {
            message.setHeader(header.getKey(), header.getValue());
        }
        Transport.send(message);
    }
}
