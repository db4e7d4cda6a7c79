package io.hearth.identity;

import com.nimbusds.jwt.JWTClaimsSet;
import io.hearth.kit.Refusal;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import io.micronaut.context.annotation.Property;
import jakarta.inject.Singleton;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Short-lived access tokens: ES256 JWTs naming the organisation ({@code tid}), the person ({@code sub}), his roles
 * when issued and his session ({@code sid}). A token is good only on its own organisation's host.
 */
@TenantBound
@Singleton
public class AccessTokens {

    /** The {@code typ} header of an access token: no other token signed with the same keys passes for one. */
    public static final String TYPE = "at+jwt";

    private final SigningKeys keys;
    private final String issuer;
    private final Duration ttl;
    private final Clock clock;

    public AccessTokens(SigningKeys keys, @Property(name = "hearth.identity.issuer") String issuer,
                        @Property(name = "hearth.identity.access-token-ttl") Duration ttl, Clock clock) {
        this.keys = keys;
        this.issuer = issuer;
        this.ttl = ttl;
        this.clock = clock;
    }

    public Duration ttl() {
        return ttl;
    }

    public String issue(Tenant tenant, UUID person, Collection<Role> roles, UUID session) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(tenant.slug())
                .subject(person.toString())
                .claim("tid", tenant.id().value().toString())
                .claim("sid", session.toString())
                .claim("roles", roles.stream().map(Role::name).sorted().toList())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        return keys.sign(claims, TYPE);
    }

    /** The claims of a valid token for this organisation; 401 for anything else. */
    public Claims verify(String token, Tenant tenant) {
        return accept(keys.verified(token, TYPE).orElseThrow(AccessTokens::invalid), tenant);
    }

    /** The claims of a token whose signature was checked, if they make it valid now for this organisation; 401 else. */
    public Claims accept(JWTClaimsSet claims, Tenant tenant) {
        try {
            Date expires = claims.getExpirationTime();
            if (!issuer.equals(claims.getIssuer()) || expires == null || !expires.toInstant().isAfter(clock.instant())) {
                throw invalid();
            }
            if (!tenant.id().value().toString().equals(claims.getStringClaim("tid")) || !claims.getAudience().contains(tenant.slug())) {
                throw Refusal.unauthorized("The access token belongs to another organisation");
            }
            List<String> roles = claims.getStringListClaim("roles");
            return new Claims(UUID.fromString(claims.getSubject()), UUID.fromString(claims.getStringClaim("sid")),
                    roles == null ? List.of() : roles, expires.toInstant());
        } catch (ParseException | IllegalArgumentException | NullPointerException e) {
            throw invalid();
        }
    }

    private static Refusal invalid() {
        return Refusal.unauthorized("The access token is invalid or expired");
    }

    public record Claims(UUID person, UUID session, List<String> roles, Instant expiresAt) {
    }
}
