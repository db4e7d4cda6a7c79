package io.hearth.identity.api;

import io.hearth.identity.Caller;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

/** Puts the caller {@link AccessRule} admitted in the request's propagated context, for {@code Caller.require()}. */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public final class CallerFilter implements Ordered {

    @RequestFilter
    public void enter(HttpRequest<?> request, MutablePropagatedContext context) {
        request.getAttribute(AccessRule.CALLER, Caller.class).ifPresent(context::add);
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }
}
