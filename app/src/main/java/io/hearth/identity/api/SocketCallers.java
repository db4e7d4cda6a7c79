package io.hearth.identity.api;

import io.hearth.identity.Admissions;
import io.hearth.identity.Caller;
import io.hearth.identity.People;
import io.hearth.identity.PersonStatus;
import io.hearth.identity.Role;
import io.hearth.identity.Sessions;
import io.hearth.tenancy.Tenant;
import io.hearth.kit.web.ClientAddresses;
import io.hearth.tenancy.api.TenantFilter;
import io.hearth.web.AppRedis;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Who a long-lived connection (the real-time socket) acts for. It has no request per action for {@link AccessRule}
 * to check, so it signs in once with an access token (validated as every request's is: {@link VerifiedTokens}, the
 * signature and {@link OrganisationClaims}, for the organisation of the upgrade request's host) and is asked again,
 * every few seconds, whether the session still lives, the man is still active, and which roles he holds now. A man
 * whose organisation requires a second factor for his role and who has none is not signed in here either.
 */
@io.hearth.tenancy.TenantBound
@Singleton
public class SocketCallers {

    /** A signed-in connection's caller, and when the token it signed in with expires. */
    public record SignedIn(Caller caller, Instant expiresAt) {
    }

    private final VerifiedTokens tokens;
    private final Admissions admissions;
    private final AppRedis redis;
    private final ClientAddresses clients;

    public SocketCallers(VerifiedTokens tokens, Admissions admissions, AppRedis redis, ClientAddresses clients) {
        this.clients = clients;
        this.tokens = tokens;
        this.admissions = admissions;
        this.redis = redis;
    }

    /**
     * The caller the token signs in on the upgrade request's host, if it does: a valid access token of that
     * organisation whose session has not ended, for a man active there. Blocks (Redis, at times the database).
     */
    public Optional<SignedIn> signIn(HttpRequest<?> upgrade, String token) {
        Optional<Tenant> tenant = TenantFilter.tenantOf(upgrade);
        if (tenant.isEmpty() || token == null || token.isBlank()) {
            return Optional.empty();
        }
        Authentication authentication;
        try {
            authentication = Mono.from(tokens.validateToken(token, upgrade)).block(Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        if (authentication == null) {
            return Optional.empty();
        }
        Object exp = authentication.getAttributes().get("exp");
        Instant expiresAt = exp instanceof Date date ? date.toInstant() : exp instanceof Number seconds ? Instant.ofEpochSecond(seconds.longValue()) : Instant.EPOCH;
        UUID person;
        UUID session;
        try {
            person = UUID.fromString(authentication.getName());
            session = UUID.fromString(String.valueOf(authentication.getAttributes().get("sid")));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return current(tenant.get(), person, session, clients.of(upgrade)).map(caller -> new SignedIn(caller, expiresAt));
    }

    /**
     * Many sockets' callers as they stand now, in one pipelined Redis batch (a socket is asked every few seconds: one
     * round trip and one waiting thread each would cost more than the sockets do); each answer the caller as he stands now (roles granted
     * or revoked since), or empty once his session ended or he is no longer active.
     * The callers may belong to several organisations: each admission is read in its own.
     */
    public List<Optional<Caller>> recheckAll(List<Caller> callers) {
        List<AppRedis.FlagAndVersions> asked = new ArrayList<>(callers.size());
        for (Caller caller : callers) {
            asked.add(new AppRedis.FlagAndVersions(Sessions.revokedKey(caller.tenant(), caller.session()),
                    Admissions.versionKeys(caller.tenant().id(), caller.person()), Admissions.freshVersions(), Admissions.versionTtl()));
        }
        List<AppRedis.FlagAndCount> states = redis.flagsAndVersions(asked);
        List<Optional<Caller>> now = new ArrayList<>(callers.size());
        for (int i = 0; i < callers.size(); i++) {
            Caller caller = callers.get(i);
            now.add(current(caller.tenant(), caller.person(), caller.session(), caller.ip(), states.get(i)));
        }
        return now;
    }

    private Optional<Caller> current(Tenant tenant, UUID person, UUID session, String ip) {
        return current(tenant, person, session, ip, redis.flagVersionsHit(Sessions.revokedKey(tenant, session), Admissions.versionKeys(tenant.id(), person),
                Admissions.freshVersions(), Admissions.versionTtl(), null, Duration.ofMinutes(1)));
    }

    private Optional<Caller> current(Tenant tenant, UUID person, UUID session, String ip, AppRedis.FlagAndCount state) {
        if (state.flag().isPresent()) {
            return Optional.empty();
        }
        Optional<People.Admission> admission = admissions.admission(tenant, person, state.versions())
                .filter(found -> found.status() == PersonStatus.ACTIVE);
        if (admission.isEmpty()) {
            return Optional.empty();
        }
        Set<Role> roles = admission.get().roles();
        if (!admission.get().mfaEnabled() && admission.get().settings().requiresMfa(roles)) {
            return Optional.empty();
        }
        return Optional.of(new Caller(tenant, person, session, roles, Role.permissionsOf(roles), ip));
    }
}
