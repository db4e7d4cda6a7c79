package io.hearth.identity;

import io.hearth.kit.Refusal;
import io.hearth.tenancy.Tenant;
import io.hearth.web.RateLimiter;
import io.micronaut.context.annotation.Property;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Locale;

/**
 * Slows down password guessing, in Redis so every instance shares it: per address a limit on failed sign-ins (a
 * retreat's wifi, where forty men sign in within a minute from one address, is never held up by their successes) and
 * a generous ceiling on all attempts; per account a lockout after repeated failures that doubles with each further
 * lockout (up to a cap), until a successful sign-in or a day without lockouts clears it.
 */
@Singleton
public class SignInGuard {

    private static final Duration FAILURE_MEMORY = Duration.ofHours(1);
    private static final Duration LOCKOUT_MEMORY = Duration.ofHours(24);

    private final RateLimiter redis;
    private final int failuresPerIpPerMinute;
    private final int attemptsPerIpPerMinute;
    private final int failuresBeforeLockout;
    private final Duration lockoutBase;
    private final Duration lockoutMax;

    public SignInGuard(RateLimiter redis,
                       @Property(name = "hearth.rate-limits.login-failures-per-ip-per-minute") int failuresPerIpPerMinute,
                       @Property(name = "hearth.rate-limits.login-attempts-per-ip-per-minute") int attemptsPerIpPerMinute,
                       @Property(name = "hearth.rate-limits.login-failures-before-lockout") int failuresBeforeLockout,
                       @Property(name = "hearth.rate-limits.lockout-base") Duration lockoutBase,
                       @Property(name = "hearth.rate-limits.lockout-max") Duration lockoutMax) {
        this.redis = redis;
        this.failuresPerIpPerMinute = failuresPerIpPerMinute;
        this.attemptsPerIpPerMinute = attemptsPerIpPerMinute;
        this.failuresBeforeLockout = failuresBeforeLockout;
        this.lockoutBase = lockoutBase;
        this.lockoutMax = lockoutMax;
    }

    /**
     * Refuses with 429 while the account is locked, while the address has failed too often this minute, or when it
     * has tried more than the ceiling this minute. Counts the attempt towards the ceiling only.
     */
    public void admit(Tenant tenant, String email, String ip) {
        redis.flagged(lockKey(tenant, email)).ifPresent(wait -> {
            throw Refusal.rateLimited("Too many failed sign-ins for this account: try again later", seconds(wait));
        });
        redis.reached(failuresKey(tenant, ip), failuresPerIpPerMinute).ifPresent(wait -> {
            throw Refusal.rateLimited("Too many failed sign-ins from this address: try again later", seconds(wait));
        });
        redis.hit("login-ip:" + tenant.id().value() + ":" + ip, attemptsPerIpPerMinute, Duration.ofMinutes(1)).ifPresent(wait -> {
            throw Refusal.rateLimited("Too many sign-in attempts from this address: try again later", seconds(wait));
        });
    }

    /** Counts a failure from this address and for this account; returns the lockout it started, if it started one. */
    public java.util.Optional<Duration> failed(Tenant tenant, String email, String ip) {
        redis.count(failuresKey(tenant, ip), Duration.ofMinutes(1));
        return failed(tenant, email);
    }

    /** Counts a failure of this account (a wrong current password, where the address is not in question). */
    public java.util.Optional<Duration> failed(Tenant tenant, String email) {
        long failures = redis.count("login-fail:" + account(tenant, email), FAILURE_MEMORY);
        if (failures < failuresBeforeLockout) {
            return java.util.Optional.empty();
        }
        long lockouts = redis.count("login-lockouts:" + account(tenant, email), LOCKOUT_MEMORY);
        Duration lock = lockoutFor(lockouts);
        redis.flag(lockKey(tenant, email), lock);
        redis.reset("login-fail:" + account(tenant, email));
        return java.util.Optional.of(lock);
    }

    public void succeeded(Tenant tenant, String email) {
        redis.reset("login-fail:" + account(tenant, email));
        redis.reset("login-lockouts:" + account(tenant, email));
    }

    /** Clears a lockout, as after a password reset proved the owner is back. */
    public void clear(Tenant tenant, String email) {
        succeeded(tenant, email);
        redis.clearFlag(lockKey(tenant, email));
    }

    /** base, 2 x base, 4 x base ... up to the cap: the n-th lockout in a day. */
    Duration lockoutFor(long nth) {
        long factor = 1L << Math.min(Math.max(nth - 1, 0), 20);
        Duration lock = lockoutBase.multipliedBy(factor);
        return lock.compareTo(lockoutMax) > 0 ? lockoutMax : lock;
    }

    private static String account(Tenant tenant, String email) {
        return tenant.id().value() + ":" + email.trim().toLowerCase(Locale.ROOT);
    }

    private static String failuresKey(Tenant tenant, String ip) {
        return "login-ip-fail:" + tenant.id().value() + ":" + ip;
    }

    private static String lockKey(Tenant tenant, String email) {
        return "login-lock:" + account(tenant, email);
    }

    private static long seconds(Duration wait) {
        return (wait.toMillis() + 999) / 1000;
    }
}
