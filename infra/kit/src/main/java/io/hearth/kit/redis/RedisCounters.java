package io.hearth.kit.redis;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Fixed-window counters and expiring flags in Redis, shared by every instance of a service. Keys must carry whose
 * they are (a tenant, or the control plane's own prefix). Each hit is one atomic script (count, and start the
 * window on the first hit), so concurrent instances never lose a count.
 */
public class RedisCounters {

    private static final String HIT = """
            local count = redis.call('INCR', KEYS[1])
            if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            local ttl = redis.call('PTTL', KEYS[1])
            if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
            return {count, ttl}""";

    protected final StatefulRedisConnection<String, String> redis;

    public RedisCounters(StatefulRedisConnection<String, String> redis) {
        this.redis = redis;
    }

    /** Counts a hit; when it is over the limit, how long until the window ends. */
    public Optional<Duration> hit(String key, int limit, Duration window) {
        List<Long> result = redis.sync().eval(HIT, ScriptOutputType.MULTI, new String[]{"hearth:rl:" + key}, Long.toString(window.toMillis()));
        long count = result.get(0);
        return count > limit ? Optional.of(Duration.ofMillis(Math.max(result.get(1), 1))) : Optional.empty();
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
