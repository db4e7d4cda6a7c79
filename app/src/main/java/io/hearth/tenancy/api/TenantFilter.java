package io.hearth.tenancy.api;

import io.hearth.kit.web.LogContext;
import io.hearth.tenancy.Tenant;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves the organisation of every request from its Host, once, and keeps it on the request: the edges that need
 * it take it from there ({@link TenantBinder} for controllers, the security rules), and hand it on as a parameter
 * (a {@code Tenant}, or the {@code Caller} who asks in it). Only the platform's own paths (health, API docs) answer
 * on any host.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public final class TenantFilter implements Ordered {

    private static final List<String> PLATFORM_PATHS = List.of("/health", "/api/docs", "/swagger", "/swagger-ui", "/.well-known",
            "/api/v1/stripe/webhooks", "/api/v1/sms/inbound", "/api/v1/mail/feedback", "/api/v1/mail/inbound");

    private static final String ATTRIBUTE = "hearth.tenant";

    private final HostTenantResolver resolver;

    public TenantFilter(HostTenantResolver resolver) {
        this.resolver = resolver;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    public void enterTenant(HttpRequest<?> request, MutablePropagatedContext context) {
        if (isPlatformPath(request.getPath())) {
            return;
        }
        Tenant tenant = resolver.resolve(request.getHeaders().get(HttpHeaders.HOST));
        request.setAttribute(ATTRIBUTE, tenant);
        context.getContext().find(LogContext.class).ifPresentOrElse(
                log -> context.replace(log, log.with("tenant", tenant.slug())),
                () -> context.add(new LogContext(Map.of("tenant", tenant.slug()))));
    }

    /** The request's organisation, for the edges: binders and security rules. */
    public static Optional<Tenant> tenantOf(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, Tenant.class);
    }

    /** Paths served on every host, outside any organisation, without signing in. */
    public static boolean isPlatformPath(String path) {
        for (String prefix : PLATFORM_PATHS) {
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 100;
    }
}
