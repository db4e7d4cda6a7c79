package io.hearth.messaging;

import io.micronaut.context.annotation.ConfigurationProperties;

/** Where mail goes out: an SMTP server (the mail catcher locally). */
@ConfigurationProperties("hearth.smtp")
public record MailConfiguration(String host, int port, String from) {
}
