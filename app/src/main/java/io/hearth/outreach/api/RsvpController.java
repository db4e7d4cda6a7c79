package io.hearth.outreach.api;

import io.hearth.kit.Refusal;
import io.hearth.outreach.Outreach;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import io.hearth.web.Public;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Parameter;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentDisposition;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A campaign invitation's personal link, {@code /rsvp/{token}} on the organisation's host, as small HTML pages (he is
 * not a member: he has no app). A GET only shows the invitation and three buttons, since mail scanners follow links;
 * only a POST records his answer. {@code /rsvp/{token}/unsubscribe}: GET asks, POST unsubscribes (RFC 8058 one-click,
 * no cookie or CSRF token: the token says all). A link that does not work is a 404 page.
 */
@TenantBound
@Hidden
@Controller("/rsvp")
@ExecuteOn(TaskExecutors.BLOCKING)
public class RsvpController {

    private static final String STYLE = "body{font-family:system-ui,sans-serif;max-width:34rem;margin:2rem auto;padding:0 1rem;line-height:1.5;"
            + "color:#1d1d1d}button{font:inherit;padding:.7rem 1.2rem;margin:.3rem .3rem .3rem 0;cursor:pointer;min-width:6rem}"
            + "form{display:inline}.event{background:#f4f1ec;padding:.8rem 1rem;border-radius:.5rem}.more{margin-top:1.5rem;color:#555}"
            + ".answer{font-weight:600}";

    private final Outreach outreach;

    public RsvpController(Outreach outreach) {
        this.outreach = outreach;
    }

    @Get("/{token}")
    @Public
    @Produces(MediaType.TEXT_HTML)
    public HttpResponse<String> show(@Parameter(hidden = true) Tenant tenant, @PathVariable String token) {
        return page(outreach.invitation(tenant, token).map(invitation -> invitationPage(token, invitation, false)));
    }

    @Post("/{token}")
    @Public
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA})
    @Produces(MediaType.TEXT_HTML)
    public HttpResponse<String> answer(@Parameter(hidden = true) Tenant tenant, @PathVariable String token, HttpRequest<?> request,
                                       @Body InputStream form) {
        String answer = answerOf(request.getContentType().orElse(null), form);
        try {
            return page(outreach.answer(tenant, token, answer).map(invitation -> invitationPage(token, invitation, true)));
        } catch (Refusal refusal) {
            return HttpResponse.status(HttpStatus.UNPROCESSABLE_ENTITY).body(document("Hearth", "<h1>Please choose an answer</h1>"
                    + "<p>Yes, maybe or no. <a href=\"/rsvp/" + escape(token) + "\">Back to the invitation</a></p>")).contentType(MediaType.TEXT_HTML_TYPE);
        }
    }

    @Get("/{token}/unsubscribe")
    @Public
    @Produces(MediaType.TEXT_HTML)
    public HttpResponse<String> askUnsubscribe(@Parameter(hidden = true) Tenant tenant, @PathVariable String token) {
        return page(outreach.invitation(tenant, token).map(invitation -> document(invitation.organisation(), invitation.unsubscribed()
                ? "<h1>You are unsubscribed</h1><p>" + escape(invitation.organisation()) + " will send you no more invitations.</p>"
                : "<h1>Unsubscribe</h1><p>Hear no more from " + escape(invitation.organisation()) + "?</p><form method=\"post\" action=\"/rsvp/"
                + escape(token) + "/unsubscribe\"><input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">"
                + "<button type=\"submit\">Unsubscribe</button></form>")));
    }

    @Post("/{token}/unsubscribe")
    @Public
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA, MediaType.TEXT_PLAIN})
    @Produces(MediaType.TEXT_HTML)
    public HttpResponse<String> unsubscribe(@Parameter(hidden = true) Tenant tenant, @PathVariable String token) {
        return page(outreach.unsubscribe(tenant, token).map(invitation -> document(invitation.organisation(), "<h1>You are unsubscribed</h1><p>"
                + escape(invitation.organisation()) + " will send you no more invitations.</p>")));
    }

    /** The most a form posted here may be: one answer, with room to spare. */
    static final int MAX_FORM_BYTES = 16 * 1024;

    /**
     * The {@code answer} field of the form, read from the raw body, at most {@link #MAX_FORM_BYTES} (413 beyond):
     * urlencoded as the page posts it, or multipart. Read here rather than bound by the server, whose form decoding takes
     * parts as large as documents' uploads need, even from a form sent in chunks without its length.
     */
    static @Nullable String answerOf(@Nullable MediaType type, InputStream body) {
        byte[] bytes;
        try (body) {
            bytes = body.readNBytes(MAX_FORM_BYTES + 1);
        } catch (IOException e) {
            throw Refusal.malformed("The form was cut off before its end");
        }
        if (bytes.length > MAX_FORM_BYTES) {
            throw Refusal.tooLarge("The form is larger than this page takes");
        }
        if (type != null && type.getName().equalsIgnoreCase(MediaType.MULTIPART_FORM_DATA)) {
            try {
                MimeMultipart parts = new MimeMultipart(new ByteArrayDataSource(bytes, type.toString()));
                for (int i = 0; i < parts.getCount(); i++) {
                    BodyPart part = parts.getBodyPart(i);
                    String[] disposition = part.getHeader("Content-Disposition");
                    if (disposition != null && "answer".equals(new ContentDisposition(disposition[0]).getParameter("name"))) {
                        try (InputStream value = part.getInputStream()) {
                            return new String(value.readNBytes(MAX_FORM_BYTES), StandardCharsets.UTF_8).strip();
                        }
                    }
                }
                return null;
            } catch (MessagingException | IOException e) {
                return null;
            }
        }
        for (String pair : new String(bytes, StandardCharsets.ISO_8859_1).split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            if (name.equals("answer")) {
                return equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8).strip();
            }
        }
        return null;
    }

    private static String invitationPage(String token, Outreach.Invitation invitation, boolean justAnswered) {
        StringBuilder body = new StringBuilder("<h1>").append(escape(invitation.title())).append("</h1>");
        if (justAnswered && invitation.rsvp() != null) {
            body.append("<p role=\"status\" class=\"answer\">Thank you, ").append(escape(invitation.firstName())).append(". ")
                    .append(thanks(invitation.rsvp())).append("</p>");
        }
        body.append("<p>").append(escape(invitation.body()).replace("\n", "<br>")).append("</p>");
        if (invitation.eventTitle() != null) {
            body.append("<div class=\"event\"><strong>").append(escape(invitation.eventTitle())).append("</strong><br>").append(escape(invitation.when()));
            if (invitation.venue() != null && !invitation.venue().isBlank()) {
                body.append("<br>").append(escape(invitation.venue()));
            }
            body.append("</div>");
        }
        body.append("<p>").append(invitation.rsvp() == null ? "Will you come?" : "Your answer: <span class=\"answer\">" + label(invitation.rsvp())
                + "</span>. You can change it.").append("</p>");
        for (String answer : new String[]{"YES", "MAYBE", "NO"}) {
            body.append("<form method=\"post\" action=\"/rsvp/").append(escape(token)).append("\"><input type=\"hidden\" name=\"answer\" value=\"")
                    .append(answer).append("\"><button type=\"submit\">").append(label(answer)).append("</button></form>");
        }
        body.append("<p class=\"more\"><a href=\"/rsvp/").append(escape(token)).append("/unsubscribe\">Hear no more from ")
                .append(escape(invitation.organisation())).append("</a></p>");
        return document(invitation.organisation(), body.toString());
    }

    private static String label(String answer) {
        return switch (answer) {
            case "YES" -> "Yes, I will come";
            case "MAYBE" -> "Maybe";
            default -> "No, not this time";
        };
    }

    private static String thanks(String answer) {
        return switch (answer) {
            case "YES" -> "We look forward to seeing you.";
            case "MAYBE" -> "We hope you can make it.";
            default -> "Perhaps another time.";
        };
    }

    private static HttpResponse<String> page(Optional<String> html) {
        return HttpResponse.status(html.isPresent() ? HttpStatus.OK : HttpStatus.NOT_FOUND)
                .body(html.orElseGet(() -> document("Hearth", "<h1>This link does not work</h1><p>It may be mistyped, or no longer valid.</p>")))
                .contentType(MediaType.TEXT_HTML_TYPE).header(HttpHeaders.CACHE_CONTROL, "no-store").header("X-Robots-Tag", "noindex");
    }

    private static String document(String organisation, String body) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<meta name=\"robots\" content=\"noindex\"><title>" + escape(organisation) + "</title><style>" + STYLE
                + "</style></head><body><main>" + body + "</main></body></html>";
    }

    private static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
