package io.hearth.identity;

import io.hearth.kit.security.SignInThrottle;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import io.hearth.web.AppRedis;
import io.micronaut.context.annotation.Property;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Optional;

/** The kit's sign-in throttle for an organisation's people: each organisation's accounts and addresses counted apart. */
@TenantBound
@Singleton
public class SignInGuard {

    private final SignInThrottle throttle;

    public SignInGuard(AppRedis redis,
                       @Property(name = "hearth.rate-limits.login-failures-per-ip-per-minute") int failuresPerIpPerMinute,
                       @Property(name = "hearth.rate-limits.login-attempts-per-ip-per-minute") int attemptsPerIpPerMinute,
                       @Property(name = "hearth.rate-limits.login-failures-before-lockout") int failuresBeforeLockout,
                       @Property(name = "hearth.rate-limits.lockout-base") Duration lockoutBase,
                       @Property(name = "hearth.rate-limits.lockout-max") Duration lockoutMax) {
        this.throttle = new SignInThrottle(redis, new SignInThrottle.Limits(failuresPerIpPerMinute, attemptsPerIpPerMinute,
                failuresBeforeLockout, lockoutBase, lockoutMax));
    }

    /** Refuses with 429 while the account is locked or the address has failed or tried too often; see {@link SignInThrottle#admit}. */
    public void admit(Tenant tenant, String email, String ip) {
        throttle.admit(scope(tenant), email, ip);
    }

    /** Counts a failure from this address and for this account; returns the lockout it started, if it started one. */
    public Optional<Duration> failed(Tenant tenant, String email, String ip) {
        return throttle.failed(scope(tenant), email, ip);
    }

    /** Counts a failure of this account (a wrong current password, where the address is not in question). */
    public Optional<Duration> failed(Tenant tenant, String email) {
        return throttle.failed(scope(tenant), email);
    }

    public void succeeded(Tenant tenant, String email) {
        throttle.succeeded(scope(tenant), email);
    }

    /** Clears a lockout, as after a password reset proved the owner is back. */
    public void clear(Tenant tenant, String email) {
        throttle.clear(scope(tenant), email);
    }

    Duration lockoutFor(long nth) {
        return throttle.lockoutFor(nth);
    }

    private static String scope(Tenant tenant) {
        return tenant.id().value().toString();
    }
}
