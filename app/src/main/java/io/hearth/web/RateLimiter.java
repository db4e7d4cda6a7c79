package io.hearth.web;

import io.micronaut.core.annotation.Nullable;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Fixed-window counters in Redis, shared by every instance. Keys must carry the tenant. Each hit is one atomic
 * script (count, and start the window on the first hit), so concurrent instances never lose a count.
 */
@Singleton
public class RateLimiter {

    private static final String HIT = """
            local count = redis.call('INCR', KEYS[1])
            if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            local ttl = redis.call('PTTL', KEYS[1])
            if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
            return {count, ttl}""";

    /** A flag's remaining time, and unless the flag is set or there is no counter, a hit on the counter: one round trip. */
    private static final String FLAG_THEN_HIT = """
            local flagged = redis.call('PTTL', KEYS[1])
            if flagged > 0 then return {flagged, 0, 0} end
            if #KEYS < 2 then return {0, 0, 0} end
            local count = redis.call('INCR', KEYS[2])
            if count == 1 then redis.call('PEXPIRE', KEYS[2], ARGV[1]) end
            local ttl = redis.call('PTTL', KEYS[2])
            if ttl < 0 then redis.call('PEXPIRE', KEYS[2], ARGV[1]); ttl = tonumber(ARGV[1]) end
            return {0, count, ttl}""";

    private final StatefulRedisConnection<String, String> redis;

    public RateLimiter(StatefulRedisConnection<String, String> redis) {
        this.redis = redis;
    }

    /** Counts a hit; when it is over the limit, how long until the window ends. */
    public Optional<Duration> hit(String key, int limit, Duration window) {
        List<Long> result = redis.sync().eval(HIT, ScriptOutputType.MULTI, new String[]{"hearth:rl:" + key}, Long.toString(window.toMillis()));
        long count = result.get(0);
        return count > limit ? Optional.of(Duration.ofMillis(Math.max(result.get(1), 1))) : Optional.empty();
    }

    /** What {@link #flagThenHit} found: the flag (if set, nothing was counted), else the count and the window's rest. */
    public record FlagAndCount(Optional<Duration> flag, long count, Duration windowLeft) {
    }

    /**
     * In one round trip: whether the flag is set and, when it is not and a counter is given, a hit on the counter
     * (as {@link #hit}). Both keys are on the same Redis (no cluster slots here).
     */
    public FlagAndCount flagThenHit(String flagKey, @Nullable String counterKey, Duration window) {
        String[] keys = counterKey == null ? new String[]{"hearth:flag:" + flagKey} : new String[]{"hearth:flag:" + flagKey, "hearth:rl:" + counterKey};
        List<Long> result = redis.sync().eval(FLAG_THEN_HIT, ScriptOutputType.MULTI, keys, Long.toString(window.toMillis()));
        long flagged = result.get(0);
        return new FlagAndCount(flagged > 0 ? Optional.of(Duration.ofMillis(flagged)) : Optional.empty(), result.get(1),
                Duration.ofMillis(Math.max(result.get(2), 1)));
    }

    /** Counts a hit and returns the count in the window. */
    public long count(String key, Duration window) {
        List<Long> result = redis.sync().eval(HIT, ScriptOutputType.MULTI, new String[]{"hearth:rl:" + key}, Long.toString(window.toMillis()));
        return result.get(0);
    }

    /** Without counting: when the window's count has reached the limit, how long until the window ends. */
    public Optional<Duration> reached(String key, int limit) {
        String value = redis.sync().get("hearth:rl:" + key);
        if (value == null || Long.parseLong(value) < limit) {
            return Optional.empty();
        }
        Long ttl = redis.sync().pttl("hearth:rl:" + key);
        return Optional.of(Duration.ofMillis(ttl == null || ttl < 1 ? 1 : ttl));
    }

    public void reset(String key) {
        redis.sync().del("hearth:rl:" + key);
    }

    /** Sets a flag that lasts the given time (a lockout, a revoked session). */
    public void flag(String key, Duration ttl) {
        redis.sync().psetex("hearth:flag:" + key, Math.max(ttl.toMillis(), 1), "1");
    }

    /** How long the flag still lasts, if set. */
    public Optional<Duration> flagged(String key) {
        Long ttl = redis.sync().pttl("hearth:flag:" + key);
        return ttl != null && ttl > 0 ? Optional.of(Duration.ofMillis(ttl)) : Optional.empty();
    }

    public void clearFlag(String key) {
        redis.sync().del("hearth:flag:" + key);
    }
}
