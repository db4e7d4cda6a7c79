package io.hearth.kit.web;

import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Gives every request an id: the caller's {@code X-Request-Id} when it is a sane token, else a new one. The id is
 * logged with everything the request does and returned in the response header.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public final class RequestIdFilter implements Ordered {

    public static final String HEADER = "X-Request-Id";
    public static final String ATTRIBUTE = "hearth.requestId";
    private static final Pattern SANE = Pattern.compile("^[A-Za-z0-9._-]{8,100}$");

    @RequestFilter
    public void assignId(HttpRequest<?> request, MutablePropagatedContext context) {
        String given = request.getHeaders().get(HEADER);
        String id = given != null && SANE.matcher(given).matches() ? given : fresh();
        request.setAttribute(ATTRIBUTE, id);
        context.add(new LogContext(Map.of("requestId", id)));
    }

    /**
     * A new request id: unique, not secret (it is echoed to the client and written in logs), so from a fast random
     * source rather than {@link UUID#randomUUID()}'s SecureRandom, which every request would otherwise queue for.
     */
    static String fresh() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    @ResponseFilter
    public void echoId(HttpRequest<?> request, MutableHttpResponse<?> response) {
        request.getAttribute(ATTRIBUTE, String.class).ifPresent(id -> response.getHeaders().set(HEADER, id));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
