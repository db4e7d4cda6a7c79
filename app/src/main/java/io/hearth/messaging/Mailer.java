package io.hearth.messaging;

import jakarta.inject.Singleton;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.util.Properties;

/** Sends plain-text mail over SMTP. Failures are thrown, never swallowed: the caller decides whether to retry. */
@Singleton
public class Mailer {

    private final MailConfiguration configuration;
    private final Session session;

    public Mailer(MailConfiguration configuration) {
        this.configuration = configuration;
        Properties properties = new Properties();
        properties.put("mail.smtp.host", configuration.host());
        properties.put("mail.smtp.port", Integer.toString(configuration.port()));
        properties.put("mail.smtp.connectiontimeout", "5000");
        properties.put("mail.smtp.timeout", "10000");
        properties.put("mail.smtp.writetimeout", "10000");
        this.session = Session.getInstance(properties);
    }

    public void send(String to, String subject, String body) {
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress(configuration.from()));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
            message.setSubject(subject, "UTF-8");
            message.setText(body, "UTF-8");
            Transport.send(message);
        } catch (MessagingException e) {
            throw new MailNotSentException("could not send '" + subject + "' to " + to, e);
        }
    }

    /** The mail could not be handed to the SMTP server. */
    public static final class MailNotSentException extends RuntimeException {
        public MailNotSentException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
