package io.hearth.identity;

import io.hearth.ErrorCode;
import io.hearth.crypto.SecretTokens;
import io.hearth.identity.internal.CredentialStore;
import io.hearth.identity.internal.PersonRow;
import io.hearth.kit.Refusal;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import io.hearth.web.AppRedis;
import io.micronaut.context.annotation.Property;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Sign-in sessions. Each is a family of refresh tokens (7 days, one use each, rotated on every refresh) and the
 * access tokens (15 minutes) minted from it. Ending a session revokes its family in the credentials database and
 * marks it in Redis for as long as its access tokens could live, so they stop working at once on every instance.
 */
@TenantBound
@Singleton
public class Sessions {

    private final CredentialStore credentials;
    private final AccessTokens accessTokens;
    private final People people;
    private final AppRedis redis;
    private final Audit audit;
    private final Duration refreshTtl;
    private final Clock clock;

    public Sessions(CredentialStore credentials, AccessTokens accessTokens, People people, AppRedis redis, Audit audit,
                    @Property(name = "hearth.identity.refresh-token-ttl") Duration refreshTtl, Clock clock) {
        this.credentials = credentials;
        this.accessTokens = accessTokens;
        this.people = people;
        this.redis = redis;
        this.audit = audit;
        this.refreshTtl = refreshTtl;
        this.clock = clock;
    }

    /** What a client gets when it signs in or refreshes. */
    public record Issued(String accessToken, String refreshToken, long expiresIn, long refreshExpiresIn, UUID session) {
    }

    public static String revokedKey(Tenant tenant, UUID session) {
        return "revoked-session:" + tenant.id().value() + ":" + session;
    }

    /** Starts a new session for a person who has just proved who he is. */
    public Issued start(Tenant tenant, PersonRow person, String userAgent) {
        UUID family = UUID.randomUUID();
        String refresh = SecretTokens.newToken();
        credentials.addRefreshToken(tenant.id().value(), person.id(), family, SecretTokens.hash(refresh),
                clock.instant().plus(refreshTtl), userAgent);
        Set<Role> roles = people.liveRoles(person.id());
        return new Issued(accessTokens.issue(tenant, person.id(), roles, family), refresh,
                accessTokens.ttl().toSeconds(), refreshTtl.toSeconds(), family);
    }

    /** Trades a refresh token for a new pair. A token presented twice ends its whole session: it was stolen. */
    public Issued refresh(Tenant tenant, String refreshToken, String userAgent, String ip) {
        String next = SecretTokens.newToken();
        CredentialStore.Rotation rotation = credentials.rotate(tenant.id().value(), SecretTokens.hash(refreshToken),
                SecretTokens.hash(next), clock.instant().plus(refreshTtl), userAgent);
        if (rotation instanceof CredentialStore.Rotation.Reused reused) {
            redis.flag(revokedKey(tenant, reused.family()), accessTokens.ttl());
            audit.record(AuditAction.REFRESH_TOKEN_REUSED, reused.person(), reused.person(), ip, Map.of("session", reused.family().toString()));
            throw new Refusal(Refusal.Kind.UNAUTHENTICATED, ErrorCode.REFRESH_TOKEN_REUSED,
                    "This refresh token was used before, so its session has been ended: sign in again");
        }
        if (!(rotation instanceof CredentialStore.Rotation.Rotated rotated)) {
            throw new Refusal(Refusal.Kind.UNAUTHENTICATED, ErrorCode.TOKEN_INVALID, "The refresh token is invalid, expired or revoked");
        }
        PersonRow person = people.find(rotated.person())
                .filter(row -> PersonStatus.ACTIVE.name().equals(row.status()))
                .orElseThrow(() -> {
                    end(tenant, rotated.family());
                    return Refusal.unauthorized("The account is not active");
                });
        Set<Role> roles = people.liveRoles(person.id());
        return new Issued(accessTokens.issue(tenant, person.id(), roles, rotated.family()), next,
                accessTokens.ttl().toSeconds(), refreshTtl.toSeconds(), rotated.family());
    }

    /** The session a refresh token belongs to, if it is one of this organisation's. */
    public java.util.Optional<UUID> sessionOf(Tenant tenant, String refreshToken) {
        return credentials.familyOf(tenant.id().value(), SecretTokens.hash(refreshToken));
    }

    public void end(Tenant tenant, UUID session) {
        credentials.revokeFamily(tenant.id().value(), session);
        redis.flag(revokedKey(tenant, session), accessTokens.ttl());
    }

    /** Ends every session of the person except {@code keep} (null: all of them). */
    public void endAll(Tenant tenant, UUID person, UUID keep) {
        List<UUID> ended = credentials.revokeSessions(tenant.id().value(), person, keep);
        ended.forEach(session -> redis.flag(revokedKey(tenant, session), accessTokens.ttl()));
    }
}
