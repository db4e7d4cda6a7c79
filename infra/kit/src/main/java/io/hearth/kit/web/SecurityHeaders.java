package io.hearth.kit.web;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpHeaders;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * The headers every answer of a Hearth service carries, errors included:
 * <ul>
 *   <li>a Content-Security-Policy that lets the front end load only its own scripts (no inline script, no eval), talk
 *   only to its own origin, and never be framed; the API docs page ({@code /api/docs/}), whose generated HTML has an
 *   inline script, gets the same policy with inline script allowed;</li>
 *   <li>{@code X-Content-Type-Options: nosniff}, {@code X-Frame-Options: DENY}, {@code Referrer-Policy: no-referrer}
 *   (invitation and reset links carry tokens in their path) and a Permissions-Policy that grants only the camera, to
 *   this origin, for scanning check-in codes;</li>
 *   <li>{@code Strict-Transport-Security}, unless {@code hearth.security.hsts} is false (local runs on plain HTTP);</li>
 *   <li>{@code Cache-Control: no-store} on every API and health answer that does not set its own: most carry personal
 *   data, and a shared computer's browser or a proxy must not keep them; a health check must never be answered from a
 *   cache.</li>
 * </ul>
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public final class SecurityHeaders implements Ordered {

    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; manifest-src 'self'; worker-src 'self'; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    static final String DOCS_POLICY = POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'");
    static final String PERMISSIONS = "camera=(self), microphone=(), geolocation=(), payment=(), usb=(), "
            + "browsing-topics=(), interest-cohort=()";
    static final String HSTS = "max-age=31536000; includeSubDomains";

    private final boolean hsts;

    public SecurityHeaders(@Value("${hearth.security.hsts:true}") boolean hsts) {
        this.hsts = hsts;
    }

    @ResponseFilter
    public void addHeaders(HttpRequest<?> request, MutableHttpResponse<?> response) {
        MutableHttpHeaders headers = response.getHeaders();
        String path = request.getPath();
        headers.set("Content-Security-Policy", isDocsPage(path) ? DOCS_POLICY : POLICY);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("Permissions-Policy", PERMISSIONS);
        if (hsts) {
            headers.set("Strict-Transport-Security", HSTS);
        }
        if ((path.startsWith("/api/") || path.startsWith("/health")) && !headers.contains(HttpHeaders.CACHE_CONTROL)) {
            headers.set(HttpHeaders.CACHE_CONTROL, "no-store");
        }
    }

    /** The API docs page (Swagger UI at /api/docs/, and its resources), whose generated HTML carries an inline script. */
    static boolean isDocsPage(String path) {
        return path.startsWith("/api/docs") || path.startsWith("/swagger-ui");
    }

    @Override
    public int getOrder() {
        // Outside every filter but the request id's, so that answers they give themselves (the Host and text checks' 400
        // and 422, the security filter's 401) carry these too.
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
