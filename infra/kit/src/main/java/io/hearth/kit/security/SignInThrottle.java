package io.hearth.kit.security;

import io.hearth.kit.Refusal;
import io.hearth.kit.redis.RedisCounters;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Slows down password guessing, in Redis so every instance shares it: per address a limit on failed sign-ins (a
 * retreat's wifi, where forty men sign in within a minute from one address, is never held up by their successes) and
 * a generous ceiling on all attempts; per account a lockout after repeated failures that doubles with each further
 * lockout (up to a cap), until a successful sign-in or a day without lockouts clears it. The scope names whose
 * accounts these are (an organisation, or the platform's operators), so that two scopes never share a count.
 */
public final class SignInThrottle {

    private static final Duration FAILURE_MEMORY = Duration.ofHours(1);
    private static final Duration LOCKOUT_MEMORY = Duration.ofHours(24);

    /** The limits: failures and attempts per address and minute, failures before a lockout, the first lockout and the longest. */
    public record Limits(int failuresPerIpPerMinute, int attemptsPerIpPerMinute, int failuresBeforeLockout, Duration lockoutBase,
                         Duration lockoutMax) {
    }

    private final RedisCounters redis;
    private final Limits limits;

    public SignInThrottle(RedisCounters redis, Limits limits) {
        this.redis = redis;
        this.limits = limits;
    }

    /**
     * Refuses with 429 while the account is locked, while the address has failed too often this minute, or when it
     * has tried more than the ceiling this minute. Counts the attempt towards the ceiling only.
     */
    public void admit(String scope, String email, String ip) {
        redis.flagged(lockKey(scope, email)).ifPresent(wait -> {
            throw Refusal.rateLimited("Too many failed sign-ins for this account: try again later", seconds(wait));
        });
        redis.reached(failuresKey(scope, ip), limits.failuresPerIpPerMinute()).ifPresent(wait -> {
            throw Refusal.rateLimited("Too many failed sign-ins from this address: try again later", seconds(wait));
        });
        redis.hit("login-ip:" + scope + ":" + ip, limits.attemptsPerIpPerMinute(), Duration.ofMinutes(1)).ifPresent(wait -> {
            throw Refusal.rateLimited("Too many sign-in attempts from this address: try again later", seconds(wait));
        });
    }

    /** Counts a failure from this address and for this account; returns the lockout it started, if it started one. */
    public Optional<Duration> failed(String scope, String email, String ip) {
        redis.count(failuresKey(scope, ip), Duration.ofMinutes(1));
        return failed(scope, email);
    }

    /** Counts a failure of this account (a wrong current password or second factor, where the address is not in question). */
    public Optional<Duration> failed(String scope, String email) {
        long failures = redis.count("login-fail:" + account(scope, email), FAILURE_MEMORY);
        if (failures < limits.failuresBeforeLockout()) {
            return Optional.empty();
        }
        long lockouts = redis.count("login-lockouts:" + account(scope, email), LOCKOUT_MEMORY);
        Duration lock = lockoutFor(lockouts);
        redis.flag(lockKey(scope, email), lock);
        redis.reset("login-fail:" + account(scope, email));
        return Optional.of(lock);
    }

    public void succeeded(String scope, String email) {
        redis.reset("login-fail:" + account(scope, email));
        redis.reset("login-lockouts:" + account(scope, email));
    }

    /** Clears a lockout, as after a password reset proved the owner is back. */
    public void clear(String scope, String email) {
        succeeded(scope, email);
        redis.clearFlag(lockKey(scope, email));
    }

    /** base, 2 x base, 4 x base ... up to the cap: the n-th lockout in a day. */
    public Duration lockoutFor(long nth) {
        long factor = 1L << Math.min(Math.max(nth - 1, 0), 20);
        Duration lock = limits.lockoutBase().multipliedBy(factor);
        return lock.compareTo(limits.lockoutMax()) > 0 ? limits.lockoutMax() : lock;
    }

    private static String account(String scope, String email) {
        return scope + ":" + email.trim().toLowerCase(Locale.ROOT);
    }

    private static String failuresKey(String scope, String ip) {
        return "login-ip-fail:" + scope + ":" + ip;
    }

    private static String lockKey(String scope, String email) {
        return "login-lock:" + account(scope, email);
    }

    private static long seconds(Duration wait) {
        return (wait.toMillis() + 999) / 1000;
    }
}
