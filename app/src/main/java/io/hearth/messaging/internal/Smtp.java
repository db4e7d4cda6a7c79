package io.hearth.messaging.internal;

import io.hearth.messaging.MailConfiguration;
import jakarta.inject.Singleton;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.util.Map;
import java.util.Properties;

/** Hands plain-text mail to the SMTP server. Failures are thrown, never swallowed: the mail relay retries them. */
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

    public void send(String to, String subject, String body, Map<String, String> headers) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(configuration.from()));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
        message.setSubject(subject, "UTF-8");
        message.setText(body, "UTF-8");
        for (Map.Entry<String, String> header : headers.entrySet()) {
            message.setHeader(header.getKey(), header.getValue());
        }
        Transport.send(message);
    }
}
