package io.hearth.identity;

import io.hearth.ErrorCode;
import io.hearth.crypto.FieldCipher;
import io.hearth.crypto.SecretTokens;
import io.hearth.identity.internal.PersonRepository;
import io.hearth.kit.Refusal;
import io.hearth.messaging.Texts;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import io.hearth.web.AppRedis;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.context.annotation.Property;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Proves a phone number: a 6-digit code by SMS that expires, with limited attempts and a limit on sends. The
 * verified number is stored sealed (AES-256-GCM). Codes live in Redis as hashes bound to the number.
 */
@TenantBound
@Singleton
public class PhoneVerification {

    private final Texts texts;
    private final StatefulRedisConnection<String, String> redis;
    private final AppRedis limiter;
    private final PersonRepository persons;
    private final FieldCipher cipher;
    private final Audit audit;
    private final Duration codeTtl;
    private final int attempts;
    private final int sendsPerHour;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public PhoneVerification(Texts texts, StatefulRedisConnection<String, String> redis, AppRedis limiter, PersonRepository persons,
                             FieldCipher cipher, Audit audit, @Property(name = "hearth.identity.phone-code-ttl") Duration codeTtl,
                             @Property(name = "hearth.identity.phone-code-attempts") int attempts,
                             @Property(name = "hearth.rate-limits.phone-codes-per-hour") int sendsPerHour, Clock clock) {
        this.texts = texts;
        this.redis = redis;
        this.limiter = limiter;
        this.persons = persons;
        this.cipher = cipher;
        this.audit = audit;
        this.codeTtl = codeTtl;
        this.attempts = attempts;
        this.sendsPerHour = sendsPerHour;
        this.clock = clock;
    }

    /** Texts him a code; returns how long it lasts. */
    public Duration sendCode(Caller caller, String phone) {
        Tenant tenant = caller.tenant();
        limiter.hit("phone-sends:" + tenant.id().value() + ":" + caller.person(), sendsPerHour, Duration.ofHours(1)).ifPresent(wait -> {
            throw Refusal.rateLimited("Too many codes sent: try again later", wait.toSeconds());
        });
        String code = String.format("%06d", random.nextInt(1_000_000));
        redis.sync().set(codeKey(tenant, caller), SecretTokens.hash(phone + ":" + code), SetArgs.Builder.px(codeTtl.toMillis()));
        limiter.reset(attemptsKey(tenant, caller));
        // Queued: a provider that is down delays the text (until the code expires), it does not fail the request.
        texts.send(caller.tenant(), phone, "Your " + tenant.name() + " verification code is " + code + ". It expires in " + codeTtl.toMinutes() + " minutes.",
                codeTtl);
        return codeTtl;
    }

    public void confirm(Caller caller, String phone, String code) {
        Tenant tenant = caller.tenant();
        String stored = redis.sync().get(codeKey(tenant, caller));
        if (stored == null) {
            throw new Refusal(Refusal.Kind.INVALID, ErrorCode.VERIFICATION_CODE_INVALID, "No code is waiting, or it expired: ask for a new one");
        }
        if (limiter.count(attemptsKey(tenant, caller), codeTtl) > attempts) {
            redis.sync().del(codeKey(tenant, caller));
            throw Refusal.rateLimited("Too many wrong codes: ask for a new one", 1);
        }
        if (!java.security.MessageDigest.isEqual(stored.getBytes(), SecretTokens.hash(phone + ":" + code).getBytes())) {
            throw new Refusal(Refusal.Kind.INVALID, ErrorCode.VERIFICATION_CODE_INVALID, "The code is wrong");
        }
        redis.sync().del(codeKey(tenant, caller));
        persons.updatePhone(caller.person(), cipher.seal(phone, Accounts.phoneAad(tenant, caller.person())), clock.instant(), clock.instant());
        audit.byCaller(caller, AuditAction.PHONE_VERIFIED, caller.person(), Map.of());
    }

    private static String codeKey(Tenant tenant, Caller caller) {
        return "hearth:phone-code:" + tenant.id().value() + ":" + caller.person();
    }

    private static String attemptsKey(Tenant tenant, Caller caller) {
        return "phone-attempts:" + tenant.id().value() + ":" + caller.person();
    }
}
