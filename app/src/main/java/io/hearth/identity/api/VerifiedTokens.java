package io.hearth.identity.api;

import com.nimbusds.jwt.JWT;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantId;
import io.hearth.tenancy.api.TenantFilter;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.jwt.validator.ReactiveJsonWebTokenValidator;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access tokens this instance has validated, remembered until they expire. Validating one (ES256 signature, then
 * the claims of {@link OrganisationClaims}) costs more CPU than the rest of a request, and a client sends the same
 * token for minutes: the same bytes give the same answer, so a token that passed is known by its SHA-256 (never the
 * token itself), with the organisation it passed for and its expiry. A remembered token is accepted only before its
 * expiry and on its organisation's host; anything else goes through micronaut-security-jwt's validation, and only
 * what passes it is remembered. Whether its session has ended, and who the man is now, is asked on every request
 * ({@link AccessRule}), so a cache hit gives up no revocation.
 *
 * <p>At most {@link #REMEMBERED} tokens; expired ones are dropped first.
 */
@Singleton
public final class VerifiedTokens implements TokenValidator<HttpRequest<?>> {

    static final int REMEMBERED = 50_000;

    private record Known(TenantId tenant, long expiresAtMillis, Authentication authentication) {
    }

    private final ReactiveJsonWebTokenValidator<JWT, HttpRequest<?>> validator;
    private final Clock clock;
    private final Map<String, Known> known = new ConcurrentHashMap<>();

    public VerifiedTokens(ReactiveJsonWebTokenValidator<JWT, HttpRequest<?>> validator) {
        this(validator, Clock.systemUTC());
    }

    VerifiedTokens(ReactiveJsonWebTokenValidator<JWT, HttpRequest<?>> validator, Clock clock) {
        this.validator = validator;
        this.clock = clock;
    }

    @Override
    public Publisher<Authentication> validateToken(String token, HttpRequest<?> request) {
        Optional<Tenant> tenant = request == null ? Optional.empty() : TenantFilter.tenantOf(request);
        if (tenant.isEmpty()) {
            return Mono.empty();
        }
        String digest = digest(token);
        Known remembered = known.get(digest);
        long now = clock.millis();
        if (remembered != null && remembered.expiresAtMillis() > now && remembered.tenant().equals(tenant.get().id())) {
            return Mono.just(remembered.authentication());
        }
        return Mono.from(validator.validateToken(token, request)).doOnNext(authentication -> remember(digest, tenant.get(), authentication));
    }

    private void remember(String digest, Tenant tenant, Authentication authentication) {
        Object exp = authentication.getAttributes().get("exp");
        long expiresAt = exp instanceof java.util.Date date ? date.getTime() : exp instanceof Number seconds ? seconds.longValue() * 1000 : 0;
        long now = clock.millis();
        if (expiresAt <= now) {
            return;
        }
        if (known.size() >= REMEMBERED) {
            known.values().removeIf(entry -> entry.expiresAtMillis() <= now);
            if (known.size() >= REMEMBERED) {
                known.clear();
            }
        }
        known.put(digest, new Known(tenant.id(), expiresAt, authentication));
    }

    private static String digest(String token) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Before micronaut-security-jwt's own validator, which this one calls for what it does not know. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
