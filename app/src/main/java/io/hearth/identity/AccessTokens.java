package io.hearth.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.hearth.tenancy.Tenant;
import io.hearth.web.ApiException;
import io.micronaut.context.annotation.Property;
import jakarta.inject.Singleton;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Short-lived access tokens: ES256 JWTs naming the organisation ({@code tid}), the person ({@code sub}), his roles
 * when issued and his session ({@code sid}). A token is good only on its own organisation's host.
 */
@Singleton
public class AccessTokens {

    private static final JOSEObjectType TYPE = new JOSEObjectType("at+jwt");

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
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(keys.activeKeyId()).type(TYPE).build(), claims);
        try {
            jwt.sign(keys.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign an access token", e);
        }
        return jwt.serialize();
    }

    /** The claims of a valid token for this organisation; 401 for anything else. */
    public Claims verify(String token, Tenant tenant) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm())) {
                throw invalid();
            }
            Optional<ECDSAVerifier> verifier = keys.verifier(jwt.getHeader().getKeyID());
            if (verifier.isEmpty() || !jwt.verify(verifier.get())) {
                throw invalid();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date expires = claims.getExpirationTime();
            if (!issuer.equals(claims.getIssuer()) || expires == null || !expires.toInstant().isAfter(clock.instant())) {
                throw invalid();
            }
            if (!tenant.id().value().toString().equals(claims.getStringClaim("tid")) || !claims.getAudience().contains(tenant.slug())) {
                throw ApiException.unauthorized("The access token belongs to another organisation");
            }
            List<String> roles = claims.getStringListClaim("roles");
            return new Claims(UUID.fromString(claims.getSubject()), UUID.fromString(claims.getStringClaim("sid")),
                    roles == null ? List.of() : roles, expires.toInstant());
        } catch (ParseException | JOSEException | IllegalArgumentException | NullPointerException e) {
            throw invalid();
        }
    }

    private static ApiException invalid() {
        return ApiException.unauthorized("The access token is invalid or expired");
    }

    public record Claims(UUID person, UUID session, List<String> roles, Instant expiresAt) {
    }
}
