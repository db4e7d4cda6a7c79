package io.hearth.messaging;

import io.hearth.messaging.internal.OutgoingQueue;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Sends mail, plain text or plain text with an HTML part (with headers of its own where one needs them): queues it in the transaction of the change
 * that sends it (an invitation goes out if and only if it was made), and {@code MailRelay} hands it to the SMTP
 * server, retrying with backoff while the server is unreachable. Nothing a person does waits for, or fails because
 * of, the mail server.
 */
@TenantBound
@Singleton
public class Mailer {

    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9-]{1,76}");
    private static final Pattern HEADER_VALUE = Pattern.compile("[\\x20-\\x7e]{1,900}");

    private final OutgoingQueue queue;
    private final io.hearth.messaging.internal.MailRefs refs;

    public Mailer(OutgoingQueue queue, io.hearth.messaging.internal.MailRefs refs) {
        this.queue = queue;
        this.refs = refs;
    }

    public void send(Tenant tenant, String to, String subject, String body) {
        send(tenant, to, subject, body, Map.of());
    }

    /**
     * As {@link #send(Tenant, String, String, String)}, with headers of its own besides the usual ones (in their
     * order), such as {@code List-Unsubscribe}. A name is letters, digits and hyphens and a value one line of printable
     * ASCII: nothing a header holds can start another.
     */
    public void send(Tenant tenant, String to, String subject, String body, Map<String, String> headers) {
        enqueue(tenant, to, subject, body, null, headers);
    }

    /**
     * As {@link #send(Tenant, String, String, String, Map)}, with an HTML part beside the plain text: the mail goes
     * as multipart/alternative, text first, both UTF-8. The text must carry every link the HTML has, for readers that
     * show only text.
     */
    public void send(Tenant tenant, String to, String subject, String text, String html, Map<String, String> headers) {
        if (html == null || html.isBlank()) {
            throw new IllegalArgumentException("an HTML part with nothing in it");
        }
        enqueue(tenant, to, subject, text, html, headers);
    }

    private void enqueue(Tenant tenant, String to, String subject, String body, String html, Map<String, String> headers) {
        headers.forEach((name, value) -> {
            if (!HEADER_NAME.matcher(name).matches() || !HEADER_VALUE.matcher(value).matches()) {
                throw new IllegalArgumentException("not a mail header this sends: " + name);
            }
        });
        LinkedHashMap<String, String> all = new LinkedHashMap<>(headers);
        // Whose mail this was, for a bounce or a complaint that quotes it later (MailFeedback).
        all.put(io.hearth.messaging.internal.MailRefs.HEADER, refs.of(tenant.id().value(), to));
        queue.mail(tenant.id().value(), to, subject, body, html, all);
    }
}
