package io.hearth.identity.api;

import com.nimbusds.jwt.JWTClaimsSet;
import io.hearth.identity.AccessTokens;
import io.hearth.kit.Refusal;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.api.TenantFilter;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The claims of an access token, checked by micronaut-security-jwt after the signature: issued by us, not expired,
 * for the organisation of the request's host ({@code tid} and audience). A token that fails any of them signs nobody
 * in. Whether its session has ended is {@link AccessRule}'s first question (one Redis round trip with the limit).
 */
@Singleton
public final class OrganisationClaims implements GenericJwtClaimsValidator<HttpRequest<?>> {

    private final AccessTokens tokens;

    public OrganisationClaims(AccessTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public boolean validate(Claims claims, @Nullable HttpRequest<?> request) {
        Optional<Tenant> tenant = request == null ? Optional.empty() : TenantFilter.tenantOf(request);
        if (tenant.isEmpty()) {
            return false;
        }
        try {
            tokens.accept(claimSet(claims), tenant.get());
            return true;
        } catch (Refusal | java.text.ParseException e) {
            return false;
        }
    }

    private static JWTClaimsSet claimSet(Claims claims) throws java.text.ParseException {
        Map<String, Object> values = new HashMap<>();
        for (String name : claims.names()) {
            Object value = claims.get(name);
            // Nimbus parses times from seconds since the epoch.
            values.put(name, value instanceof java.util.Date date ? date.getTime() / 1000 : value);
        }
        return JWTClaimsSet.parse(values);
    }
}
