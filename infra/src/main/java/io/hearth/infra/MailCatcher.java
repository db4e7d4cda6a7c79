package io.hearth.infra;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Address;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A real SMTP server (GreenMail) whose received mail is readable over HTTP:
 * {@code GET /messages} lists every message as JSON (from, to, subject, body, its HTML part when it has one, its
 * content type and its headers by name),
 * {@code DELETE /messages} empties the box.
 */
public final class MailCatcher implements AutoCloseable {

    private final GreenMail greenMail;
    private final HttpServer http;

    private MailCatcher(GreenMail greenMail, HttpServer http) {
        this.greenMail = greenMail;
        this.http = http;
    }

    public static MailCatcher start(int httpPort) {
        return start(httpPort, FreePorts.next());
    }

    /** A catcher on a given SMTP port (0 for the HTTP port: any), as for a mail server coming back where it was. */
    public static MailCatcher start(int httpPort, int smtpPort) {
        GreenMail greenMail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", httpPort), 0);
            MailCatcher catcher = new MailCatcher(greenMail, http);
            http.createContext("/messages", catcher::handle);
            http.start();
            return catcher;
        } catch (IOException e) {
            greenMail.stop();
            throw new UncheckedIOException("could not open the mail catcher's HTTP port", e);
        }
    }

    public static MailCatcher start() {
        return start(0);
    }

    public String smtpHost() {
        return "127.0.0.1";
    }

    public int smtpPort() {
        return greenMail.getSmtp().getPort();
    }

    public String httpUrl() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    /** Every message received so far. */
    public List<Mail> messages() {
        List<Mail> mails = new ArrayList<>();
        for (MimeMessage message : greenMail.getReceivedMessages()) {
            try {
                List<String> to = new ArrayList<>();
                Address[] recipients = message.getAllRecipients();
                if (recipients != null) {
                    for (Address address : recipients) {
                        to.add(address.toString());
                    }
                }
                String from = message.getFrom() == null || message.getFrom().length == 0 ? "" : message.getFrom()[0].toString();
                String html = null;
                String body;
                if (message.isMimeType("multipart/*")) {
                    body = part(message, "text/plain");
                    html = part(message, "text/html");
                } else {
                    body = GreenMailUtil.getBody(message);
                }
                mails.add(new Mail(from, to, message.getSubject(), body, html, message.getContentType(), headers(message)));
            } catch (MessagingException | IOException e) {
                throw new IllegalStateException("unreadable message in the mail catcher", e);
            }
        }
        return mails;
    }

    /** The decoded text of the first part of this type, at any depth of a multipart; null when there is none. */
    private static String part(Part part, String type) throws MessagingException, IOException {
        if (part.isMimeType(type)) {
            return (String) part.getContent();
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                String found = part(multipart.getBodyPart(i), type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** Each header by name, unfolded, in the order received; a name given more than once has its values on lines of one. */
    private static Map<String, String> headers(MimeMessage message) throws MessagingException {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : Collections.list(message.getAllHeaders())) {
            headers.merge(header.getName(), MimeUtility.unfold(header.getValue()), (first, next) -> first + "\n" + next);
        }
        return headers;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            switch (exchange.getRequestMethod()) {
                case "GET" -> respond(exchange, 200, Json.array(messages().stream().map(Mail::toJson).toList()));
                case "DELETE" -> {
                    greenMail.purgeEmailFromAllMailboxes();
                    exchange.sendResponseHeaders(204, -1);
                }
                default -> respond(exchange, 405, "{\"error\":\"method not allowed\"}");
            }
        } catch (Exception e) {
            respond(exchange, 500, "{\"error\":" + Json.string(String.valueOf(e.getMessage())) + "}");
        }
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        http.stop(0);
        greenMail.stop();
    }

    /**
     * One received message, with its headers by name ({@code List-Unsubscribe}, {@code Message-ID}, ...).
     *
     * @param body        its text: the whole body of a single-part message, the decoded text/plain part of a multipart one
     * @param html        the decoded text/html part of a multipart message; null when it has none
     * @param contentType its Content-Type header ({@code multipart/alternative; boundary=...})
     */
    public record Mail(String from, List<String> to, String subject, String body, String html, String contentType, Map<String, String> headers) {

        /** A header's value, whatever the case of its name. */
        public Optional<String> header(String name) {
            return headers.entrySet().stream().filter(header -> header.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst();
        }

        String toJson() {
            return "{\"from\":" + Json.string(from)
                    + ",\"to\":" + Json.array(to.stream().map(Json::string).toList())
                    + ",\"subject\":" + Json.string(subject)
                    + ",\"body\":" + Json.string(body)
                    + ",\"html\":" + Json.string(html)
                    + ",\"contentType\":" + Json.string(contentType)
                    + ",\"headers\":" + Json.object(headers) + "}";
        }
    }

    /** Just enough JSON writing for the catcher, so infra needs no JSON library. */
    static final class Json {
        private Json() {
        }

        static String array(List<String> items) {
            return "[" + String.join(",", items) + "]";
        }

        static String object(Map<String, String> members) {
            return "{" + members.entrySet().stream().map(member -> string(member.getKey()) + ":" + string(member.getValue()))
                    .collect(Collectors.joining(",")) + "}";
        }

        static String string(String value) {
            if (value == null) {
                return "null";
            }
            StringBuilder out = new StringBuilder("\"");
            for (char c : value.toCharArray()) {
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            return out.append('"').toString();
        }
    }
}
