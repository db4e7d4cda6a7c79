package io.hearth.identity.api;

import io.hearth.ErrorCode;
import io.hearth.identity.Admissions;
import io.hearth.identity.AllowedBeforeMfa;
import io.hearth.identity.Audit;
import io.hearth.kit.web.ClientAddresses;
import io.hearth.identity.AuditAction;
import io.hearth.identity.Caller;
import io.hearth.identity.ExemptFromRequestLimit;
import io.hearth.identity.OrganisationSettings;
import io.hearth.identity.People;
import io.hearth.identity.Permission;
import io.hearth.identity.PersonStatus;
import io.hearth.identity.RequiresPermission;
import io.hearth.identity.Role;
import io.hearth.identity.Sessions;
import io.hearth.kit.Refusal;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.api.TenantFilter;
import io.hearth.web.Public;
import io.hearth.web.AppRedis;
import io.micronaut.core.annotation.AnnotationMetadata;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecuredAnnotationRule;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteMatch;
import io.netty.util.concurrent.FastThreadLocalThread;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;

/**
 * Who may call what, as micronaut-security's first rule. An endpoint marked {@link Public} is left to the framework
 * (it is {@code @Secured(isAnonymous())}); every other one needs a signed-in person (micronaut-security-jwt checked
 * his token: {@link VerifiedTokens}, else {@link AccessTokenSignature} and {@link OrganisationClaims}) whose session
 * has not ended and who is active in the host's organisation now: one Redis script per request (the ended-session
 * flag, the versions {@link Admissions} checks what it remembers against, and the per-person API limit's counter),
 * and a read of the database only when one of those versions changed.
 * Then the organisation's per-person API limit, its rule that some roles need a second factor, and the
 * endpoint's {@link RequiresPermission} against the roles he holds at this moment (a revoked or expired grant
 * stops counting at once). Denials are audited. The caller it admits is kept on the request, for {@link CallerBinder}.
 */
@Singleton
public final class AccessRule implements SecurityRule<HttpRequest<?>> {

    static final String CALLER = "hearth.caller";

    private final Admissions admissions;
    private final AppRedis limiter;
    private final Audit audit;
    private final ClientAddresses clients;
    private final Scheduler blocking;

    /** A benchmark's ceiling in place of every organisation's own (0: none), so that the limit is never what it measures. */
    private final int requestsPerMinuteOverride;

    public AccessRule(Admissions admissions, AppRedis limiter, Audit audit, ClientAddresses clients, @Named(TaskExecutors.BLOCKING) ExecutorService executor,
                      @io.micronaut.context.annotation.Property(name = "hearth.rate-limits.requests-per-minute-override", defaultValue = "0")
                      int requestsPerMinuteOverride) {
        this.requestsPerMinuteOverride = requestsPerMinuteOverride;
        if (requestsPerMinuteOverride > 0) {
            org.slf4j.LoggerFactory.getLogger(AccessRule.class).warn("every person's request limit is {} a minute, whatever the organisation "
                    + "set (hearth.rate-limits.requests-per-minute-override): for a benchmark run only", requestsPerMinuteOverride);
        }
        this.admissions = admissions;
        this.limiter = limiter;
        this.audit = audit;
        this.clients = clients;
        this.blocking = Schedulers.fromExecutorService(executor);
    }

    @Override
    public Publisher<SecurityRuleResult> check(HttpRequest<?> request, @Nullable Authentication authentication) {
        if (TenantFilter.isPlatformPath(request.getPath())) {
            return Mono.just(SecurityRuleResult.ALLOWED);
        }
        Optional<RouteMatch<?>> route = RouteAttributes.getRouteMatch(request);
        if (route.isEmpty() || route.get().getAnnotationMetadata().hasAnnotation(Public.class) || authentication == null) {
            return Mono.just(SecurityRuleResult.UNKNOWN);
        }
        AnnotationMetadata endpoint = route.get().getAnnotationMetadata();
        Tenant tenant = TenantFilter.tenantOf(request).orElseThrow();
        // The request's span is of this organisation (security runs inside the tracing filter): an attribute, not a label.
        io.hearth.kit.tracing.Tracing.tenant(tenant.slug());
        Mono<SecurityRuleResult> admission = Mono.fromCallable(() -> admit(request, endpoint, authentication, tenant));
        // The token's validation already moved the request off the event loop (reactive-validator-execute-on-blocking);
        // should it ever arrive on a Netty thread, the database and Redis work moves to the blocking pool.
        return Thread.currentThread() instanceof FastThreadLocalThread ? admission.subscribeOn(blocking) : admission;
    }

    private SecurityRuleResult admit(HttpRequest<?> request, AnnotationMetadata endpoint, Authentication authentication, Tenant tenant) {
        UUID personId = UUID.fromString(authentication.getName());
        UUID session = UUID.fromString(String.valueOf(authentication.getAttributes().get("sid")));
        String ip = clients.of(request);
        // One round trip to Redis: has the session ended (on any instance), and this request's hit on his limit.
        boolean limited = !endpoint.hasAnnotation(ExemptFromRequestLimit.class);
        AppRedis.FlagAndCount redis = limiter.flagVersionsHit(Sessions.revokedKey(tenant, session),
                Admissions.versionKeys(tenant.id(), personId), Admissions.freshVersions(), Admissions.versionTtl(),
                limited ? "api:" + tenant.id().value() + ":" + personId : null, Duration.ofMinutes(1));
        if (redis.flag().isPresent()) {
            throw Refusal.unauthorized("The session has ended: sign in again");
        }
        // His status, second factor and live roles, and the organisation's settings: remembered while the versions match.
        People.Admission admission = admissions.admission(tenant, personId, redis.versions())
                .filter(found -> found.status() == PersonStatus.ACTIVE)
                .orElseThrow(() -> Refusal.unauthorized("The account is not active"));
        Set<Role> roles = admission.roles();
        Caller caller = new Caller(tenant, admission.person(), session, roles, Role.permissionsOf(roles), ip);

        OrganisationSettings settings = admission.settings();
        int perMinute = requestsPerMinuteOverride > 0 ? requestsPerMinuteOverride : settings.effectiveRequestsPerMinute();
        if (limited && redis.count() > perMinute) {
            throw Refusal.rateLimited("Too many requests: at most " + perMinute + " a minute",
                    (redis.windowLeft().toMillis() + 999) / 1000);
        }
        if (!admission.mfaEnabled() && settings.requiresMfa(roles) && !endpoint.hasAnnotation(AllowedBeforeMfa.class)) {
            throw new Refusal(Refusal.Kind.FORBIDDEN, ErrorCode.MFA_REQUIRED,
                    "This organisation requires two-factor authentication for your role: set it up at /api/v1/auth/mfa/setup");
        }
        endpoint.enumValue(RequiresPermission.class, Permission.class).ifPresent(needed -> {
            if (!caller.can(needed)) {
                audit.byCaller(caller, AuditAction.ACCESS_DENIED, null,
                        Map.of("method", request.getMethodName(), "path", request.getPath(), "permission", needed.code()));
                throw Refusal.forbidden("This needs the permission " + needed.code());
            }
        });
        request.setAttribute(CALLER, caller);
        return SecurityRuleResult.ALLOWED;
    }

    @Override
    public int getOrder() {
        return SecuredAnnotationRule.ORDER - 100;
    }
}
