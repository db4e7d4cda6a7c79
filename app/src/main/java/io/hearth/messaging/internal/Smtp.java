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

    /** {@code html} null: a plain-text mail. */
    public void send(String to, String subject, String body, String html, Map<String, String> headers) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
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
