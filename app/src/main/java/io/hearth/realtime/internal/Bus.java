package io.hearth.realtime.internal;

import io.hearth.tenancy.TenantId;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * The real-time layer's Redis: one pub/sub channel per organisation ({@code hearth:rt:{tenant}}) that every instance
 * with a socket of that organisation listens to, each conversation's stream (a sorted set by offset, kept at least
 * {@link #KEEP_MILLIS} or the last {@link #KEEP_COUNT} publications, whichever is more), and presence: which
 * instance holds a man's sockets (online or away), which instances are alive, and what was last told of each man.
 * Scripts keep each change and its announcement atomic, so every instance sees them in one order.
 */
@Singleton
public class Bus {

    private static final Logger LOG = LoggerFactory.getLogger(Bus.class);

    public static final int KEEP_COUNT = 1000;
    public static final long KEEP_MILLIS = Duration.ofMinutes(5).toMillis();
    /** A conversation idle this long loses its stream (a socket back later recovers through the REST history). */
    public static final long STREAM_TTL_MILLIS = Duration.ofHours(24).toMillis();

    /** KEYS: stream. ARGV: offset, now, member, channel, message, keep count, keep ms, ttl ms. */
    private static final String PUBLISH_STREAM = """
            redis.call('ZADD', KEYS[1], ARGV[1], ARGV[3])
            local offset = tonumber(ARGV[1])
            local now = tonumber(ARGV[2])
            local keepCount = tonumber(ARGV[6])
            local keepMillis = tonumber(ARGV[7])
            for i = 1, 4 do
              local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
              if #oldest == 0 then break end
              local o = tonumber(oldest[2])
              local t = tonumber(string.match(oldest[1], '^(%d+)|'))
              if o > offset - keepCount or t == nil or t > now - keepMillis then break end
              redis.call('ZREMRANGEBYSCORE', KEYS[1], o, o)
            end
            redis.call('PEXPIRE', KEYS[1], ARGV[8])
            redis.call('PUBLISH', ARGV[4], ARGV[5])
            return 1""";

    /**
     * Sets (or, with an empty value, removes) what this instance says of a man's presence, and tells the organisation
     * when what is said of him overall changed. KEYS: devices hash, instance set, presence hash, instances zset.
     * ARGV: instance, person, value, now, channel, member (tenant|person), envelope id.
     */
    private static final String PRESENCE_SET = """
            if ARGV[3] == '' then
              redis.call('HDEL', KEYS[1], ARGV[1])
              redis.call('SREM', KEYS[2], ARGV[6])
            else
              redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
              redis.call('SADD', KEYS[2], ARGV[6])
            end
            local now = tonumber(ARGV[4])
            local status = 'offline'
            local devices = redis.call('HGETALL', KEYS[1])
            for i = 1, #devices, 2 do
              local alive = devices[i] == ARGV[1] or tonumber(redis.call('ZSCORE', KEYS[4], devices[i]) or '0') > now
              if alive then
                if devices[i + 1] == 'online' then status = 'online' elseif status == 'offline' then status = 'away' end
              end
            end
            local before = redis.call('HGET', KEYS[3], ARGV[2]) or 'offline'
            if status == 'offline' then redis.call('HDEL', KEYS[3], ARGV[2]) else redis.call('HSET', KEYS[3], ARGV[2], status) end
            if before ~= status then
              local frame = cjson.encode({type = 'presence', personId = ARGV[2], status = status})
              redis.call('PUBLISH', ARGV[5], cjson.encode({kind = 'PRESENCE', offset = 0, subject = ARGV[2], at = now, id = ARGV[7], frame = frame, sealed = false}))
            end
            return status""";

    /**
     * Keeps this instance alive (ARGV[1] until ARGV[2]) and clears the presence of instances that stopped without
     * saying so. KEYS: instances zset. ARGV: instance, alive until, now, random id prefix.
     */
    private static final String HEARTBEAT = """
            redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
            local now = tonumber(ARGV[3])
            local dead = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, 5)
            local n = 0
            for _, instance in ipairs(dead) do
              if redis.call('ZREM', KEYS[1], instance) == 1 then
                local setKey = 'hearth:rt:instance:' .. instance
                for _, member in ipairs(redis.call('SMEMBERS', setKey)) do
                  local tenant, person = string.match(member, '^([^|]+)|(.+)$')
                  local devicesKey = 'hearth:rt:' .. tenant .. ':devices:' .. person
                  local presenceKey = 'hearth:rt:' .. tenant .. ':presence'
                  redis.call('HDEL', devicesKey, instance)
                  local status = 'offline'
                  local devices = redis.call('HGETALL', devicesKey)
                  for i = 1, #devices, 2 do
                    if tonumber(redis.call('ZSCORE', KEYS[1], devices[i]) or '0') > now then
                      if devices[i + 1] == 'online' then status = 'online' elseif status == 'offline' then status = 'away' end
                    end
                  end
                  local before = redis.call('HGET', presenceKey, person) or 'offline'
                  if status == 'offline' then redis.call('HDEL', presenceKey, person) else redis.call('HSET', presenceKey, person, status) end
                  if before ~= status then
                    n = n + 1
                    local frame = cjson.encode({type = 'presence', personId = person, status = status})
                    redis.call('PUBLISH', 'hearth:rt:' .. tenant, cjson.encode({kind = 'PRESENCE', offset = 0, subject = person, at = now, id = ARGV[4] .. n, frame = frame, sealed = false}))
                  end
                end
                redis.call('DEL', setKey)
              end
            end
            return #dead""";

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> redis;
    private final Map<String, String> shas = new ConcurrentHashMap<>();
    private volatile StatefulRedisPubSubConnection<String, String> subscriptions;
    private volatile BiConsumer<TenantId, String> listener = (tenant, message) -> { };

    public Bus(RedisClient client, StatefulRedisConnection<String, String> redis) {
        this.client = client;
        this.redis = redis;
    }

    public static String channel(TenantId tenant) {
        return "hearth:rt:" + tenant.value();
    }

    static String stream(TenantId tenant, UUID conversation) {
        return "hearth:rt:" + tenant.value() + ":c:" + conversation;
    }

    /** Where messages on the organisations' channels go (one listener: the instance's hub). */
    public void listen(BiConsumer<TenantId, String> listener) {
        this.listener = listener;
    }

    private StatefulRedisPubSubConnection<String, String> subscriptions() {
        StatefulRedisPubSubConnection<String, String> connection = subscriptions;
        if (connection == null) {
            synchronized (this) {
                if (subscriptions == null) {
                    connection = client.connectPubSub();
                    connection.addListener(new RedisPubSubAdapter<>() {
                        @Override
                        public void message(String channel, String message) {
                            try {
                                listener.accept(TenantId.of(channel.substring("hearth:rt:".length())), message);
                            } catch (RuntimeException e) {
                                LOG.warn("could not deliver a real-time message from {}", channel, e);
                            }
                        }
                    });
                    subscriptions = connection;
                }
                connection = subscriptions;
            }
        }
        return connection;
    }

    /** Starts listening to an organisation's channel (its first socket here); returns once Redis confirmed. */
    public void subscribe(TenantId tenant) {
        subscriptions().sync().subscribe(channel(tenant));
    }

    /** Stops listening to an organisation's channel (its last socket here left). */
    public void unsubscribe(TenantId tenant) {
        subscriptions().async().unsubscribe(channel(tenant));
    }

    /** Keeps a conversation's publication in its stream and tells the organisation's instances, in one step. */
    public void publishStream(TenantId tenant, UUID conversation, long offset, long at, String envelope) {
        String member = at + "|" + envelope;
        run(PUBLISH_STREAM, new String[] {stream(tenant, conversation)}, Long.toString(offset), Long.toString(at), member, channel(tenant), envelope,
                Integer.toString(KEEP_COUNT), Long.toString(KEEP_MILLIS), Long.toString(STREAM_TTL_MILLIS));
    }

    /** Tells the organisation's instances (nothing kept). */
    public void publish(TenantId tenant, String envelope) {
        redis.sync().publish(channel(tenant), envelope);
    }

    /** A kept publication: its offset and its envelope. */
    public record Kept(long offset, String envelope) {
    }

    /** What a conversation's stream keeps after the offset, oldest first. */
    public List<Kept> after(TenantId tenant, UUID conversation, long offset) {
        List<io.lettuce.core.ScoredValue<String>> found = redis.sync().zrangebyscoreWithScores(stream(tenant, conversation),
                io.lettuce.core.Range.create((double) offset + 0.5, Double.POSITIVE_INFINITY));
        List<Kept> kept = new ArrayList<>(found.size());
        for (io.lettuce.core.ScoredValue<String> value : found) {
            String member = value.getValue();
            kept.add(new Kept((long) value.getScore(), member.substring(member.indexOf('|') + 1)));
        }
        return kept;
    }

    /** Sets what this instance says of a man (online, away, or nothing when his last socket here closed); returns his status overall. */
    public String presence(TenantId tenant, UUID person, String instance, String value, long now, String envelopeId) {
        String t = tenant.value().toString();
        return run(PRESENCE_SET, new String[] {"hearth:rt:" + t + ":devices:" + person, "hearth:rt:instance:" + instance, "hearth:rt:" + t + ":presence",
                "hearth:rt:instances"}, instance, person.toString(), value, Long.toString(now), channel(tenant), t + "|" + person, envelopeId);
    }

    /** Each person's status now (offline when nothing is said of him). */
    public List<String> presenceOf(TenantId tenant, List<UUID> people) {
        if (people.isEmpty()) {
            return List.of();
        }
        List<io.lettuce.core.KeyValue<String, String>> values = redis.sync().hmget("hearth:rt:" + tenant.value() + ":presence",
                people.stream().map(UUID::toString).toArray(String[]::new));
        List<String> statuses = new ArrayList<>(people.size());
        for (io.lettuce.core.KeyValue<String, String> value : values) {
            statuses.add(value.hasValue() ? value.getValue() : "offline");
        }
        return statuses;
    }

    /** This instance is alive until the given time; instances that are not any more lose what they said of presence. */
    public long heartbeat(String instance, long aliveUntil, long now, String idPrefix) {
        return run(HEARTBEAT, new String[] {"hearth:rt:instances"}, instance, Long.toString(aliveUntil), Long.toString(now), idPrefix);
    }

    @SuppressWarnings("unchecked")
    private <T> T run(String script, String[] keys, String... arguments) {
        String sha = shas.computeIfAbsent(script, Bus::sha1);
        try {
            return (T) redis.sync().evalsha(sha, outputOf(script), keys, arguments);
        } catch (io.lettuce.core.RedisNoScriptException e) {
            return (T) redis.sync().eval(script, outputOf(script), keys, arguments);
        }
    }

    private static ScriptOutputType outputOf(String script) {
        return script == PRESENCE_SET ? ScriptOutputType.VALUE : ScriptOutputType.INTEGER;
    }

    private static String sha1(String script) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(script.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @PreDestroy
    void close() {
        StatefulRedisPubSubConnection<String, String> connection = subscriptions;
        if (connection != null) {
            connection.closeAsync().orTimeout(2, TimeUnit.SECONDS);
        }
    }
}
