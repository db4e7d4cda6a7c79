package io.hearth.admin.operators;

import io.hearth.admin.AdminCode;
import io.hearth.admin.operators.internal.OperatorRepository;
import io.hearth.admin.operators.internal.OperatorRow;
import io.hearth.kit.Refusal;
import io.hearth.kit.redis.RedisCounters;
import io.hearth.kit.security.SignInThrottle;
import io.hearth.kit.security.Totp;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * The operators' door, guarded as members' sign-in is and more: the kit's throttle (per address and per account,
 * lockouts that double), every attempt audited, and a second factor (RFC 6238) required unless a development flag
 * turns it off. The password opens a short-lived challenge; the code from the operator's authenticator closes it. An
 * operator without a second factor enrols at that step: the challenge carries a new secret and his first code proves
 * he holds it. A code is good once.
 */
@Singleton
public class OperatorSignIn {

    private static final Logger LOG = LoggerFactory.getLogger(OperatorSignIn.class);
    /** Every operator account is throttled in this one scope; app's scopes are organisations' ids, so none is shared. */
    private static final String SCOPE = "operators";
    private static final Duration CHALLENGE_TTL = Duration.ofMinutes(5);
    private static final int CODES_PER_CHALLENGE = 5;
    private static final int CODES_PER_QUARTER = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a right password comes to: signed in, or a second factor to give (with a secret to enrol when he has none). */
    public sealed interface Outcome permits SignedIn, SecondFactorNeeded {
    }

    public record SignedIn(Operators.Operator operator) implements Outcome {
    }

    public record SecondFactorNeeded(String challenge, long expiresIn, @Nullable Enrolment enrolment) implements Outcome {
    }

    /** A new secret for his authenticator: as text and as the otpauth URI a QR code carries. */
    @Schema(name = "Enrolment")
    @io.micronaut.serde.annotation.Serdeable
    public record Enrolment(String secret, String otpauthUri) {
    }

    private final Operators operators;
    private final OperatorRepository repository;
    private final ControlPlaneKeys keys;
    private final SignInThrottle throttle;
    private final RedisCounters counters;
    private final StatefulRedisConnection<String, String> redis;
    private final Clock clock;
    private final boolean secondFactorRequired;

    public OperatorSignIn(Operators operators, OperatorRepository repository, ControlPlaneKeys keys, StatefulRedisConnection<String, String> redis,
                          @Property(name = "hearth.admin.second-factor.required", defaultValue = "true") boolean secondFactorRequired,
                          @Property(name = "hearth.admin.rate-limits.login-failures-per-ip-per-minute", defaultValue = "10") int failuresPerIp,
                          @Property(name = "hearth.admin.rate-limits.login-attempts-per-ip-per-minute", defaultValue = "60") int attemptsPerIp,
                          @Property(name = "hearth.admin.rate-limits.login-failures-before-lockout", defaultValue = "5") int failuresBeforeLockout,
                          @Property(name = "hearth.admin.rate-limits.lockout-base", defaultValue = "5m") Duration lockoutBase,
                          @Property(name = "hearth.admin.rate-limits.lockout-max", defaultValue = "24h") Duration lockoutMax) {
        this.operators = operators;
        this.repository = repository;
        this.keys = keys;
        this.redis = redis;
        this.counters = new RedisCounters(redis);
        this.throttle = new SignInThrottle(counters, new SignInThrottle.Limits(failuresPerIp, attemptsPerIp, failuresBeforeLockout, lockoutBase,
                lockoutMax));
        this.clock = Clock.systemUTC();
        this.secondFactorRequired = secondFactorRequired;
        if (!secondFactorRequired) {
            LOG.warn("operators sign in without a second factor (hearth.admin.second-factor.required=false): a development setting only");
        }
    }

    /** The password step. 401 for a wrong address or password (alike), 429 while throttled. */
    public Outcome signIn(String email, String password, String ip) {
        String address = Operators.normalise(email);
        throttle.admit(SCOPE, address, ip);
        Optional<Operators.Operator> operator = operators.authenticate(address, password);
        if (operator.isEmpty()) {
            Optional<Duration> lockout = throttle.failed(SCOPE, address, ip);
            operators.record(null, address, "SIGN_IN_FAILED", ip, "wrong email or password");
            lockout.ifPresent(lock -> operators.record(null, address, "LOCKED_OUT", ip, "for " + lock.toSeconds() + " s"));
            throw new Refusal(Refusal.Kind.UNAUTHENTICATED, io.hearth.kit.CommonCode.AUTHENTICATION_ERROR, "Wrong email or password");
        }
        Operators.Operator found = operator.get();
        if (!found.secondFactor() && !secondFactorRequired) {
            throttle.succeeded(SCOPE, address);
            operators.record(found.id(), address, "SIGNED_IN", ip, "password only (second factor not required here)");
            return new SignedIn(found);
        }
        String challenge = token();
        Enrolment enrolment = null;
        String pending = "";
        if (!found.secondFactor()) {
            String secret = Totp.newSecret();
            pending = keys.seal(secret);
            enrolment = new Enrolment(secret, "otpauth://totp/" + encode("Hearth operators:" + found.email()) + "?secret=" + secret
                    + "&issuer=" + encode("Hearth operators") + "&algorithm=SHA1&digits=" + Totp.DIGITS + "&period=" + Totp.STEP_SECONDS);
        }
        redis.sync().psetex(challengeKey(challenge), CHALLENGE_TTL.toMillis(), found.id() + "|" + pending);
        operators.record(found.id(), address, "PASSWORD_ACCEPTED", ip, enrolment == null ? "second factor asked" : "second factor to enrol");
        return new SecondFactorNeeded(challenge, CHALLENGE_TTL.toSeconds(), enrolment);
    }

    /**
     * The second step: the code for the challenge. 401 MFA_CODE_INVALID for a wrong, reused or late code, or a challenge
     * used up. Each try is counted before the code is looked at (per challenge, and per account in a quarter of an
     * hour), so that codes sent at the same moment cannot get past the count; the challenge is claimed once.
     */
    public Operators.Operator confirm(String challenge, String code, String ip) {
        String value = redis.sync().get(challengeKey(challenge));
        if (value == null) {
            throw invalid("The sign-in has expired or was used: sign in again");
        }
        int bar = value.indexOf('|');
        UUID id = UUID.fromString(value.substring(0, bar));
        String pending = value.substring(bar + 1);
        OperatorRow row = repository.findById(id).filter(OperatorRow::active).orElseThrow(() -> invalid("Sign in again"));
        throttle.admit(SCOPE, row.email(), ip);
        if (counters.count("admin-challenge-codes:" + challenge, CHALLENGE_TTL) > CODES_PER_CHALLENGE) {
            redis.sync().del(challengeKey(challenge));
            throw invalid("Too many codes for this sign-in: sign in again");
        }
        counters.hit("admin-codes:" + id, CODES_PER_QUARTER, Duration.ofMinutes(15)).ifPresent(wait -> {
            throw Refusal.rateLimited("Too many codes for this account: try again later", (wait.toMillis() + 999) / 1000);
        });
        String secret = pending.isEmpty() ? (row.totpSecretSealed() == null ? null : keys.open(row.totpSecretSealed())) : keys.open(pending);
        OptionalLong step = secret == null ? OptionalLong.empty() : Totp.matchingStep(secret, code.trim(), clock.instant());
        boolean fresh = step.isPresent() && (pending.isEmpty() ? repository.useStep(id, step.getAsLong()) == 1 : true);
        if (!fresh) {
            Optional<Duration> lockout = throttle.failed(SCOPE, row.email(), ip);
            operators.record(id, row.email(), "SECOND_FACTOR_FAILED", ip, step.isPresent() ? "code used before" : "wrong code");
            lockout.ifPresent(lock -> {
                operators.record(id, row.email(), "LOCKED_OUT", ip, "for " + lock.toSeconds() + " s");
                redis.sync().del(challengeKey(challenge));
            });
            throw invalid("The code is wrong, used before or out of time");
        }
        // Claimed once: of two right codes sent at the same moment, one signs in.
        if (redis.sync().del(challengeKey(challenge)) == 0) {
            throw invalid("The sign-in has expired or was used: sign in again");
        }
        if (!pending.isEmpty()) {
            if (repository.enrolSecondFactor(id, pending, step.getAsLong()) == 0) {
                throw invalid("A second factor was enrolled meanwhile: sign in again and give its code");
            }
            operators.record(id, row.email(), "SECOND_FACTOR_ENROLLED", ip, null);
        }
        throttle.succeeded(SCOPE, row.email());
        redis.sync().del("hearth:rl:admin-codes:" + id);
        operators.record(id, row.email(), "SIGNED_IN", ip, "password and second factor");
        return new Operators.Operator(id, row.email(), true);
    }

    private static Refusal invalid(String detail) {
        return new Refusal(Refusal.Kind.UNAUTHENTICATED, AdminCode.MFA_CODE_INVALID, detail);
    }

    private static String challengeKey(String challenge) {
        return "hearth:admin:mfa-challenge:" + challenge;
    }

    private static String token() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
