package io.hearth.web;

import io.micronaut.core.annotation.Nullable;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.ArrayList;
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

    /**
     * A flag's remaining time; unless the flag is set, the current value of each version key (one missing is set to
     * the fresh value given for it, so that it has one from now on); and unless the flag is set or there is no
     * counter, a hit on the counter. KEYS: flag, versions..., [counter]; ARGV: window, version count, version ttl,
     * fresh values...
     */
    private static final String FLAG_VERSIONS_HIT = """
            local flagged = redis.call('PTTL', KEYS[1])
            if flagged > 0 then return {flagged, 0, 0} end
            local n = tonumber(ARGV[2])
            local result = {0, 0, 0}
            for i = 1, n do
              local v = redis.call('GET', KEYS[1 + i])
              if not v then
                v = ARGV[3 + i]
                redis.call('SET', KEYS[1 + i], v, 'PX', ARGV[3])
              end
              result[3 + i] = v
            end
            if #KEYS < 2 + n then return result end
            local counter = KEYS[2 + n]
            local count = redis.call('INCR', counter)
            if count == 1 then redis.call('PEXPIRE', counter, ARGV[1]) end
            local ttl = redis.call('PTTL', counter)
            if ttl < 0 then redis.call('PEXPIRE', counter, ARGV[1]); ttl = tonumber(ARGV[1]) end
            result[2] = count
            result[3] = ttl
            return result""";

    private static final String FLAG_VERSIONS_HIT_SHA = sha1(FLAG_VERSIONS_HIT);

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

    /** What {@link #flagVersionsHit} found: the flag (if set, nothing else was read), the versions, the count and the window's rest. */
    public record FlagAndCount(Optional<Duration> flag, List<String> versions, long count, Duration windowLeft) {
    }

    /**
     * In one round trip: whether the flag is set and, when it is not, the value of each version key (a missing one
     * gets its fresh value, kept for {@code versionTtl}) and, if a counter is given, a hit on it (as {@link #hit}).
     * All keys are on the same Redis (no cluster slots here).
     */
    public FlagAndCount flagVersionsHit(String flagKey, List<String> versionKeys, List<String> freshVersions, Duration versionTtl,
                                        @Nullable String counterKey, Duration window) {
        List<String> keys = new ArrayList<>(versionKeys.size() + 2);
        keys.add("hearth:flag:" + flagKey);
        versionKeys.forEach(key -> keys.add("hearth:v:" + key));
        if (counterKey != null) {
            keys.add("hearth:rl:" + counterKey);
        }
        List<String> arguments = new ArrayList<>(freshVersions.size() + 3);
        arguments.add(Long.toString(window.toMillis()));
        arguments.add(Integer.toString(versionKeys.size()));
        arguments.add(Long.toString(Math.max(versionTtl.toMillis(), 1)));
        arguments.addAll(freshVersions);
        List<Object> result = script(FLAG_VERSIONS_HIT, FLAG_VERSIONS_HIT_SHA, keys.toArray(String[]::new), arguments.toArray(String[]::new));
        long flagged = (Long) result.get(0);
        if (flagged > 0) {
            return new FlagAndCount(Optional.of(Duration.ofMillis(flagged)), List.of(), 0, Duration.ZERO);
        }
        List<String> versions = new ArrayList<>(versionKeys.size());
        for (int i = 0; i < versionKeys.size(); i++) {
            versions.add(String.valueOf(result.get(3 + i)));
        }
        return new FlagAndCount(Optional.empty(), versions, (Long) result.get(1), Duration.ofMillis(Math.max((Long) result.get(2), 1)));
    }

    /** Gives the version key a new value, kept for {@code ttl}: whoever remembered something under the old one knows it changed. */
    public void newVersion(String versionKey, String value, Duration ttl) {
        redis.sync().psetex("hearth:v:" + versionKey, Math.max(ttl.toMillis(), 1), value);
    }

    /** A script by its digest (Redis keeps it compiled), sent whole only when this Redis has not seen it yet. */
    private <T> T script(String script, String sha, String[] keys, String[] arguments) {
        try {
            return redis.sync().evalsha(sha, ScriptOutputType.MULTI, keys, arguments);
        } catch (RedisNoScriptException unknown) {
            return redis.sync().eval(script, ScriptOutputType.MULTI, keys, arguments);
        }
    }

    private static String sha1(String script) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-1").digest(script.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this JVM", e);
        }
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
