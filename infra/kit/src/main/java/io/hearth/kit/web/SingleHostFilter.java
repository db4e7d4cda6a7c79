package io.hearth.kit.web;

import io.hearth.kit.Refusal;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * A request names one host. Two {@code Host} headers are 400: which organisation it is for must never depend on
 * which of them a proxy, a filter or the framework happens to read.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public final class SingleHostFilter implements Ordered {

    @RequestFilter
    public void requireOneHost(HttpRequest<?> request) {
        if (request.getHeaders().getAll(HttpHeaders.HOST).size() > 1) {
            throw Refusal.malformed("Send one Host header: this request has several");
        }
    }

    @Override
    public int getOrder() {
        // Right after the request id is given, before the host is read for anything.
        return Ordered.HIGHEST_PRECEDENCE + 2;
    }
}
