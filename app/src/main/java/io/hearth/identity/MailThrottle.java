package io.hearth.identity;

import io.hearth.kit.Refusal;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import io.hearth.web.AppRedis;
import io.micronaut.context.annotation.Property;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Locale;

/**
 * Limits what anyone can make Hearth mail without signing in (registration, password reset): per address and per
 * client address, per hour, in Redis so every instance shares the count. It counts every request, for addresses
 * with and without an account alike, so a 429 tells nothing about whether an account exists.
 */
@TenantBound
@Singleton
public class MailThrottle {

    private static final Duration HOUR = Duration.ofHours(1);

    private final AppRedis limiter;
    private final int perAddressPerHour;
    private final int perClientPerHour;

    public MailThrottle(AppRedis limiter,
                        @Property(name = "hearth.rate-limits.mail-per-address-per-hour") int perAddressPerHour,
                        @Property(name = "hearth.rate-limits.mail-per-client-per-hour") int perClientPerHour) {
        this.limiter = limiter;
        this.perAddressPerHour = perAddressPerHour;
        this.perClientPerHour = perClientPerHour;
    }

    /** Counts a request that may send a mail to {@code email}; 429 with Retry-After over either limit. */
    public void admit(Tenant tenant, String email, String clientIp) {
        limiter.hit("mail-client:" + tenant.id().value() + ":" + clientIp, perClientPerHour, HOUR).ifPresent(wait -> {
            throw Refusal.rateLimited("Too many requests that send mail from this address: try again later", seconds(wait));
        });
        String address = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
        limiter.hit("mail-to:" + tenant.id().value() + ":" + address, perAddressPerHour, HOUR).ifPresent(wait -> {
            throw Refusal.rateLimited("Too many mails asked for this email address: try again later", seconds(wait));
        });
    }

    private static long seconds(Duration wait) {
        return (wait.toMillis() + 999) / 1000;
    }
}
