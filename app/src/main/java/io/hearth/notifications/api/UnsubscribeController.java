package io.hearth.notifications.api;

import io.hearth.notifications.NotificationKind;
import io.hearth.notifications.Unsubscribes;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import io.hearth.web.Public;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
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

import java.util.Locale;
import java.util.Optional;

/**
 * A mail's one-click unsubscribe link, {@code /u/{token}} on the organisation's host, answered as small HTML pages
 * (the man arrives from his mail, not from the app): GET shows what it stops and a button that POSTs, since mail
 * scanners follow GETs; POST unsubscribes, with no cookie or CSRF token, as RFC 8058 has mail programs do (their body
 * {@code List-Unsubscribe=One-Click} changes nothing: the token says all). A link that is not found is a 404 page.
 */
@TenantBound
@Hidden
@Controller("/u")
@ExecuteOn(TaskExecutors.BLOCKING)
public class UnsubscribeController {

    private static final String STYLE = "body{font-family:system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;"
            + "line-height:1.5;color:#1d1d1d}button{font:inherit;padding:.6rem 1.2rem;margin:.4rem 0;cursor:pointer}"
            + "form{margin:0}.more{margin-top:1.5rem;color:#555}";

    private final Unsubscribes unsubscribes;

    public UnsubscribeController(Unsubscribes unsubscribes) {
        this.unsubscribes = unsubscribes;
    }

    @Get("/{token}")
    @Public
    @Produces(MediaType.TEXT_HTML)
    public HttpResponse<String> ask(@Parameter(hidden = true) Tenant tenant, @PathVariable String token) {
        return page(unsubscribes.ask(tenant, token).map(link -> confirmation(token, link)));
    }

    @Post("/{token}")
    @Public
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA, MediaType.TEXT_PLAIN})
    @Produces(MediaType.TEXT_HTML)
    public HttpResponse<String> unsubscribe(@Parameter(hidden = true) Tenant tenant, @PathVariable String token) {
        return page(unsubscribes.unsubscribe(tenant, token).map(UnsubscribeController::done));
    }

    private static HttpResponse<String> page(Optional<String> html) {
        return HttpResponse.status(html.isPresent() ? HttpStatus.OK : HttpStatus.NOT_FOUND)
                .body(html.orElseGet(UnsubscribeController::notFound))
                .contentType(MediaType.TEXT_HTML_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("X-Robots-Tag", "noindex");
    }

    private static String confirmation(String token, Unsubscribes.Unsubscribe link) {
        StringBuilder body = new StringBuilder("<h1>Unsubscribe</h1><p>Stop ").append(what(link.kind())).append(" from ")
                .append(escape(link.organisation())).append("?</p>").append(form(token, "Unsubscribe"));
        if (link.kind() != null) {
            body.append(form(link.everyKindToken(), "Unsubscribe from all notification mail"));
        }
        body.append("<p class=\"more\">Messages that must reach you (a safety notice from your organisation) still come. ")
                .append("You can choose what you hear about, and how, in <a href=\"/settings/notifications\">your notification settings</a>.</p>");
        return document(link.organisation(), body.toString());
    }

    private static String done(Unsubscribes.Unsubscribe link) {
        return document(link.organisation(), "<h1>You are unsubscribed</h1><p>You will get no more " + what(link.kind()) + " from "
                + escape(link.organisation()) + ".</p><p class=\"more\">Changed your mind? Turn it back on in "
                + "<a href=\"/settings/notifications\">your notification settings</a>.</p>");
    }

    private static String notFound() {
        return document("Hearth", "<h1>This link does not work</h1><p>It may be mistyped, or no longer valid.</p>"
                + "<p class=\"more\">You can choose what you hear about in <a href=\"/settings/notifications\">your notification settings</a>.</p>");
    }

    private static String what(NotificationKind kind) {
        return kind == null ? "all notification mail" : "mail about <strong>" + kind.name().toLowerCase(Locale.ROOT).replace('_', ' ') + "</strong> notifications";
    }

    private static String form(String token, String button) {
        return "<form method=\"post\" action=\"/u/" + escape(token) + "\"><input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">"
                + "<button type=\"submit\">" + button + "</button></form>";
    }

    private static String document(String organisation, String body) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<meta name=\"robots\" content=\"noindex\"><title>Unsubscribe · " + escape(organisation) + "</title><style>" + STYLE
                + "</style></head><body><main>" + body + "</main></body></html>";
    }

    private static String escape(String text) {
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
