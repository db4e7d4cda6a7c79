package io.hearth.web;

import io.hearth.kit.redis.RedisCounters;
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
 * app's Redis layer: the kit's counters and flags (keys must carry the tenant), and the one-round-trip check of a
 * flag, versions and a counter that the request path uses.
 */
@Singleton
public class AppRedis extends RedisCounters {

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

    public AppRedis(StatefulRedisConnection<String, String> redis) {
        super(redis);
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
        String[] keys = flagVersionKeys(flagKey, versionKeys, counterKey);
        String[] arguments = flagVersionArguments(versionKeys, freshVersions, versionTtl, window);
        return flagAndCount(script(FLAG_VERSIONS_HIT, FLAG_VERSIONS_HIT_SHA, keys, arguments), versionKeys.size());
    }

    /** One question for {@link #flagsAndVersions}: a flag and version keys, without a counter. */
    public record FlagAndVersions(String flagKey, List<String> versionKeys, List<String> freshVersions, Duration versionTtl) {
    }

    /**
     * As {@link #flagVersionsHit} without a counter, for many at once: the scripts go out together (Lettuce pipelines
     * them on the one connection) and the answers come back in order, one wait for all instead of one each.
     */
    public List<FlagAndCount> flagsAndVersions(List<FlagAndVersions> asked) {
        List<io.lettuce.core.RedisFuture<List<Object>>> sent = new ArrayList<>(asked.size());
        for (FlagAndVersions one : asked) {
            sent.add(redis.async().evalsha(FLAG_VERSIONS_HIT_SHA, ScriptOutputType.MULTI, flagVersionKeys(one.flagKey(), one.versionKeys(), null),
                    flagVersionArguments(one.versionKeys(), one.freshVersions(), one.versionTtl(), Duration.ofMinutes(1))));
        }
        List<FlagAndCount> answers = new ArrayList<>(asked.size());
        long deadline = System.nanoTime() + redis.getTimeout().toNanos();
        for (int i = 0; i < asked.size(); i++) {
            FlagAndVersions one = asked.get(i);
            List<Object> result;
            try {
                result = sent.get(i).get(Math.max(deadline - System.nanoTime(), 1), java.util.concurrent.TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                if (!(e.getCause() instanceof RedisNoScriptException)) {
                    throw e.getCause() instanceof RuntimeException runtime ? runtime : new io.lettuce.core.RedisException(e.getCause());
                }
                // This Redis has not seen the script yet (a restart): send it whole once.
                result = script(FLAG_VERSIONS_HIT, FLAG_VERSIONS_HIT_SHA, flagVersionKeys(one.flagKey(), one.versionKeys(), null),
                        flagVersionArguments(one.versionKeys(), one.freshVersions(), one.versionTtl(), Duration.ofMinutes(1)));
            } catch (java.util.concurrent.TimeoutException e) {
                throw new io.lettuce.core.RedisCommandTimeoutException("Redis did not answer " + asked.size() + " scripts within " + redis.getTimeout());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new io.lettuce.core.RedisCommandInterruptedException(e);
            }
            answers.add(flagAndCount(result, one.versionKeys().size()));
        }
        return answers;
    }

    private static String[] flagVersionKeys(String flagKey, List<String> versionKeys, @Nullable String counterKey) {
        List<String> keys = new ArrayList<>(versionKeys.size() + 2);
        keys.add("hearth:flag:" + flagKey);
        versionKeys.forEach(key -> keys.add("hearth:v:" + key));
        if (counterKey != null) {
            keys.add("hearth:rl:" + counterKey);
        }
        return keys.toArray(String[]::new);
    }

    private static String[] flagVersionArguments(List<String> versionKeys, List<String> freshVersions, Duration versionTtl, Duration window) {
        List<String> arguments = new ArrayList<>(freshVersions.size() + 3);
        arguments.add(Long.toString(window.toMillis()));
        arguments.add(Integer.toString(versionKeys.size()));
        arguments.add(Long.toString(Math.max(versionTtl.toMillis(), 1)));
        arguments.addAll(freshVersions);
        return arguments.toArray(String[]::new);
    }

    private static FlagAndCount flagAndCount(List<Object> result, int versionCount) {
        long flagged = (Long) result.get(0);
        if (flagged > 0) {
            return new FlagAndCount(Optional.of(Duration.ofMillis(flagged)), List.of(), 0, Duration.ZERO);
        }
        List<String> versions = new ArrayList<>(versionCount);
        for (int i = 0; i < versionCount; i++) {
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
}
