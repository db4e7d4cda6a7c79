package io.hearth.identity.api;

import io.hearth.ErrorCode;
import io.hearth.identity.AccessTokens;
import io.hearth.identity.AllowedBeforeMfa;
import io.hearth.identity.Audit;
import io.hearth.identity.AuditAction;
import io.hearth.identity.Caller;
import io.hearth.identity.OrganisationSettings;
import io.hearth.identity.People;
import io.hearth.identity.Permission;
import io.hearth.identity.PersonStatus;
import io.hearth.identity.RequiresPermission;
import io.hearth.identity.Role;
import io.hearth.identity.Sessions;
import io.hearth.identity.internal.PersonRow;
import io.hearth.kit.Refusal;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantScope;
import io.hearth.tenancy.api.TenantFilter;
import io.hearth.web.Public;
import io.hearth.web.RateLimiter;
import io.micronaut.core.annotation.AnnotationMetadata;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteMatch;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who may call what, in one place. Every endpoint needs a signed-in, active person of the host's organisation unless
 * it is {@link Public}; one marked {@link RequiresPermission} also needs that permission from the roles he holds at
 * this moment (a revoked or expired grant stops counting at once). Then the organisation's per-person API limit,
 * and its rule that some roles need a second factor. Denials are audited.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public final class AccessFilter implements Ordered {

    private final AccessTokens tokens;
    private final People people;
    private final RateLimiter limiter;
    private final Audit audit;

    public AccessFilter(AccessTokens tokens, People people, RateLimiter limiter, Audit audit) {
        this.tokens = tokens;
        this.people = people;
        this.limiter = limiter;
        this.audit = audit;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    public void authorize(HttpRequest<?> request, MutablePropagatedContext context) {
        if (TenantFilter.isPlatformPath(request.getPath())) {
            return;
        }
        Optional<RouteMatch<?>> route = RouteAttributes.getRouteMatch(request);
        if (route.isEmpty()) {
            return;
        }
        AnnotationMetadata endpoint = route.get().getAnnotationMetadata();
        if (endpoint.hasAnnotation(Public.class)) {
            return;
        }
        Tenant tenant = TenantScope.require();
        String token = bearerToken(request).orElseThrow(() -> Refusal.unauthorized("Sign in: this endpoint needs an access token"));
        AccessTokens.Claims claims = tokens.verify(token, tenant);
        if (limiter.flagged(Sessions.revokedKey(tenant, claims.session())).isPresent()) {
            throw Refusal.unauthorized("The session has ended: sign in again");
        }
        String ip = clientIp(request);
        TenantScope.run(tenant, () -> {
            PersonRow person = people.find(claims.person())
                    .filter(row -> PersonStatus.ACTIVE.name().equals(row.status()))
                    .orElseThrow(() -> Refusal.unauthorized("The account is not active"));
            Set<Role> roles = people.liveRoles(person.id());
            Caller caller = new Caller(person.id(), claims.session(), roles, Role.permissionsOf(roles), ip);
            context.add(caller);

            OrganisationSettings settings = people.settings();
            limiter.hit("api:" + tenant.id().value() + ":" + person.id(), settings.apiRequestsPerMinute(), Duration.ofMinutes(1))
                    .ifPresent(wait -> {
                        throw Refusal.rateLimited("Too many requests: at most " + settings.apiRequestsPerMinute() + " a minute",
                                (wait.toMillis() + 999) / 1000);
                    });
            if (!person.mfaEnabled() && settings.requiresMfa(roles) && !endpoint.hasAnnotation(AllowedBeforeMfa.class)) {
                throw new Refusal(Refusal.Kind.FORBIDDEN, ErrorCode.MFA_REQUIRED,
                        "This organisation requires two-factor authentication for your role: set it up at /api/v1/auth/mfa/setup");
            }
            endpoint.enumValue(RequiresPermission.class, Permission.class).ifPresent(needed -> {
                if (!caller.can(needed)) {
                    audit.record(AuditAction.ACCESS_DENIED, caller.person(), null, ip,
                            Map.of("method", request.getMethodName(), "path", request.getPath(), "permission", needed.code()));
                    throw Refusal.forbidden("This needs the permission " + needed.code());
                }
            });
        });
    }

    static Optional<String> bearerToken(HttpRequest<?> request) {
        String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = header.substring(7).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    /** The peer's address. Behind a proxy this is the proxy's; trusting X-Forwarded-For needs a list of trusted proxies first. */
    static String clientIp(HttpRequest<?> request) {
        return request.getRemoteAddress().getAddress().getHostAddress();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 200;
    }
}
