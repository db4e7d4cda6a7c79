package io.hearth.identity;

import io.hearth.ErrorCode;
import io.hearth.crypto.SecretTokens;
import io.hearth.identity.internal.CredentialStore;
import io.hearth.identity.internal.PersonRow;
import io.hearth.kit.Refusal;
import io.hearth.kit.crypto.PasswordHasher;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import io.hearth.web.AppRedis;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.context.annotation.Property;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Password sign-in, and its second step when the person has two-factor authentication on: the password yields a
 * short-lived challenge (in Redis), the challenge and a code yield the session.
 */
@TenantBound
@Singleton
public class SignIn {

    private static final int CHALLENGE_ATTEMPTS = 5;

    private final People people;
    private final CredentialStore credentials;
    private final PasswordHasher hasher;
    private final SignInGuard guard;
    private final Sessions sessions;
    private final Mfa mfa;
    private final OrganisationSso sso;
    private final Audit audit;
    private final AppRedis limiter;
    private final StatefulRedisConnection<String, String> redis;
    private final Duration challengeTtl;
    private final String dummyHash;

    public SignIn(People people, CredentialStore credentials, PasswordHasher hasher, SignInGuard guard, Sessions sessions, Mfa mfa, OrganisationSso sso,
                  Audit audit, AppRedis limiter, StatefulRedisConnection<String, String> redis,
                  @Property(name = "hearth.identity.mfa-challenge-ttl") Duration challengeTtl) {
        this.people = people;
        this.credentials = credentials;
        this.hasher = hasher;
        this.guard = guard;
        this.sessions = sessions;
        this.mfa = mfa;
        this.sso = sso;
        this.audit = audit;
        this.limiter = limiter;
        this.redis = redis;
        this.challengeTtl = challengeTtl;
        this.dummyHash = hasher.hash(SecretTokens.newToken());
    }

    /** Either a session, or (MFA on) a challenge to answer with a code. */
    public sealed interface Outcome {
        record Session(Sessions.Issued issued) implements Outcome {
        }

        record Challenge(String challenge, long expiresIn) implements Outcome {
        }
    }

    public Outcome withPassword(Tenant tenant, String email, String password, String ip, String userAgent) {
        guard.admit(tenant, email, ip);
        Optional<PersonRow> person = people.findByEmail(email.trim())
                .filter(row -> !PersonStatus.ERASED.name().equals(row.status()));
        // By domain, before any password is looked at: it tells nothing of which addresses have accounts.
        sso.requirePasswordAllowed(tenant, email.trim(), person.map(PersonRow::id).orElse(null));
        Optional<String> hash = person.flatMap(row -> credentials.passwordHash(tenant.id().value(), row.id()));
        // Hash even for an unknown address, so the time taken does not tell which addresses have accounts.
        boolean matches = hasher.matches(password, hash.orElse(dummyHash)) && hash.isPresent();
        if (!matches) {
            Optional<Duration> lockout = guard.failed(tenant, email, ip);
            audit.record(AuditAction.SIGN_IN_FAILED, null, person.map(PersonRow::id).orElse(null), ip,
                    Map.of("email", email.trim(), "reason", "password"));
            lockout.ifPresent(lock -> audit.record(AuditAction.SIGN_IN_LOCKED, null, person.map(PersonRow::id).orElse(null), ip,
                    Map.of("email", email.trim(), "seconds", lock.toSeconds())));
            throw new Refusal(Refusal.Kind.UNAUTHENTICATED, ErrorCode.INVALID_CREDENTIALS, "The email address or the password is wrong");
        }
        guard.succeeded(tenant, email);
        PersonRow row = person.get();
        requireActive(row);
        return afterFirstFactor(tenant, row, "password", ip, userAgent);
    }

    /** The person proved the first factor (password, or a linked provider): a session, or a challenge if MFA is on. */
    Outcome afterFirstFactor(Tenant tenant, PersonRow row, String method, String ip, String userAgent) {
        if (row.mfaEnabled()) {
            String challenge = SecretTokens.newToken();
            redis.sync().set(challengeKey(tenant, challenge), row.id().toString(), SetArgs.Builder.px(challengeTtl.toMillis()));
            return new Outcome.Challenge(challenge, challengeTtl.toSeconds());
        }
        audit.record(AuditAction.SIGN_IN_SUCCEEDED, row.id(), row.id(), ip, Map.of("method", method));
        return new Outcome.Session(sessions.start(tenant, row, userAgent));
    }

    public Sessions.Issued withSecondFactor(Tenant tenant, String challenge, String code, String ip, String userAgent) {
        String key = challengeKey(tenant, challenge);
        String personId = redis.sync().get(key);
        if (personId == null) {
            throw new Refusal(Refusal.Kind.UNAUTHENTICATED, ErrorCode.TOKEN_INVALID, "The sign-in challenge is invalid or expired: sign in again");
        }
        UUID person = UUID.fromString(personId);
        if (limiter.count("mfa-attempts:" + tenant.id().value() + ":" + SecretTokens.hash(challenge), challengeTtl) > CHALLENGE_ATTEMPTS) {
            redis.sync().del(key);
            throw new Refusal(Refusal.Kind.UNAUTHENTICATED, ErrorCode.TOKEN_INVALID, "Too many wrong codes: sign in again");
        }
        if (!mfa.check(tenant, person, code, ip)) {
            audit.record(AuditAction.SIGN_IN_FAILED, null, person, ip, Map.of("reason", "second-factor"));
            throw new Refusal(Refusal.Kind.UNAUTHENTICATED, ErrorCode.MFA_CODE_INVALID, "The code is wrong or was used already");
        }
        if (redis.sync().del(key) == 0) {
            throw new Refusal(Refusal.Kind.UNAUTHENTICATED, ErrorCode.TOKEN_INVALID, "The sign-in challenge was used already");
        }
        PersonRow row = people.find(person).orElseThrow(() -> Refusal.unauthorized("The account is gone"));
        requireActive(row);
        audit.record(AuditAction.SIGN_IN_SUCCEEDED, row.id(), row.id(), ip, Map.of("method", "password+totp"));
        return sessions.start(tenant, row, userAgent);
    }

    /** Refuses a person who may not sign in, telling him why. */
    static void requireActive(PersonRow person) {
        switch (PersonStatus.valueOf(person.status())) {
            case ACTIVE -> {
            }
            case PENDING_VERIFICATION -> throw new Refusal(Refusal.Kind.FORBIDDEN, ErrorCode.ACCOUNT_PENDING_VERIFICATION,
                    "Confirm your email address first: follow the link we sent you");
            case PENDING_APPROVAL -> throw new Refusal(Refusal.Kind.FORBIDDEN, ErrorCode.ACCOUNT_PENDING_APPROVAL,
                    "An administrator of the organisation has yet to approve your account");
            case DEACTIVATED -> throw new Refusal(Refusal.Kind.FORBIDDEN, ErrorCode.ACCOUNT_DEACTIVATED,
                    "This account has been deactivated by the organisation");
            case ERASED -> throw new Refusal(Refusal.Kind.UNAUTHENTICATED, ErrorCode.INVALID_CREDENTIALS, "The email address or the password is wrong");
        }
    }

    private static String challengeKey(Tenant tenant, String challenge) {
        return "hearth:mfa-challenge:" + tenant.id().value() + ":" + SecretTokens.hash(challenge);
    }
}
