package io.hearth.kit.web.input;

import io.hearth.kit.Refusal;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.convert.format.ReadableBytes;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.web.router.RouteAttributes;

/**
 * Every request is held to its route's body limit before a byte of the body is read: {@link BodyLimit} where a route
 * says more, else {@code hearth.http.max-body-size} (1 MB). A body that declares more is 413 {@code PAYLOAD_TOO_LARGE}
 * at once, even on a route that would never read it. A body sent in chunks, with no length declared, is held to the same
 * limits as it is read: a buffered body by {@code micronaut.server.max-request-buffer-size}, a streamed one (a
 * document's file) by its route.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public final class BodyLimitFilter implements Ordered {

    private final long defaultLimit;

    public BodyLimitFilter(@Property(name = "hearth.http.max-body-size", defaultValue = "1MB") @ReadableBytes long defaultLimit) {
        this.defaultLimit = defaultLimit;
    }

    @RequestFilter
    public void requireWithinLimit(HttpRequest<?> request) {
        long declared = declaredLength(request.getHeaders().get(HttpHeaders.CONTENT_LENGTH));
        if (declared <= defaultLimit) {
            return;
        }
        long limit = RouteAttributes.getRouteInfo(request)
                .map(route -> route.getAnnotationMetadata().longValue(BodyLimit.class, "value").orElse(defaultLimit)).orElse(defaultLimit);
        if (declared > limit) {
            throw Refusal.tooLarge("The request body is " + declared + " bytes; this takes at most " + limit);
        }
    }

    /** The length the client declares, or -1 when it declares none (a malformed one is Netty's to refuse). */
    static long declaredLength(@Nullable String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public int getOrder() {
        // Right after the host is checked, before anything reads the request.
        return Ordered.HIGHEST_PRECEDENCE + 3;
    }
}
