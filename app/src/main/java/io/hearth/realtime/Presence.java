package io.hearth.realtime;

import io.hearth.realtime.internal.Bus;
import io.hearth.tenancy.TenantId;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Who is online, away or offline, across instances. Each instance says, per man, what its sockets of him say
 * ({@code online} if one is in the foreground, {@code away} if all are hidden) and keeps itself alive in Redis every
 * second; a man's status is the best any living instance says. A socket that closes counts at once; an instance
 * that dies stops counting {@link #ALIVE_MILLIS} after its last heartbeat, when the next heartbeat of another sweeps it:
 * within 5 s either way. Every change of a man's status is told, once, to the sockets that watch him.
 */
@io.hearth.tenancy.TenantBound
@Singleton
public class Presence {

    private static final Logger LOG = LoggerFactory.getLogger(Presence.class);

    public static final String ONLINE = "online";
    public static final String AWAY = "away";
    public static final String OFFLINE = "offline";
    static final long ALIVE_MILLIS = 3_000;

    private record Key(TenantId tenant, UUID person) {
    }

    private final Bus bus;
    private final Clock clock;
    private final String instance = UUID.randomUUID().toString();
    /** Per man here: each socket's status. */
    private final Map<Key, Map<Object, String>> sockets = new HashMap<>();
    /** Per man here: what this instance last said of him. */
    private final Map<Key, String> said = new HashMap<>();
    private long heartbeats;
    private volatile long lastHeartbeat;

    public Presence(Bus bus, Clock clock) {
        this.bus = bus;
        this.clock = clock;
    }

    /** A socket's status ({@link #ONLINE} or {@link #AWAY}), or null when it closed. */
    public synchronized void set(io.hearth.identity.Caller caller, Object socket, String status) {
        TenantId tenant = caller.tenant().id();
        UUID person = caller.person();
        Key key = new Key(tenant, person);
        Map<Object, String> his = sockets.computeIfAbsent(key, k -> new HashMap<>());
        if (status == null) {
            his.remove(socket);
        } else {
            his.put(socket, status);
        }
        String here = his.containsValue(ONLINE) ? ONLINE : his.isEmpty() ? "" : AWAY;
        if (his.isEmpty()) {
            sockets.remove(key);
        }
        if (Objects.equals(said.getOrDefault(key, ""), here)) {
            return;
        }
        if (clock.millis() - lastHeartbeat > 1_000) {
            heartbeat();
        }
        bus.presence(tenant, person, instance, here, clock.millis(), UUID.randomUUID().toString());
        if (here.isEmpty()) {
            said.remove(key);
        } else {
            said.put(key, here);
        }
    }

    /** Each man's status now, in the order asked. */
    public Map<UUID, String> of(io.hearth.identity.Caller caller, List<UUID> people) {
        return of(caller.tenant().id(), people);
    }

    /** The same for a feature that has no caller (notifications, told of a message by Kafka). */
    public Map<UUID, String> of(TenantId tenant, List<UUID> people) {
        List<String> statuses = bus.presenceOf(tenant, people);
        Map<UUID, String> found = new LinkedHashMap<>();
        for (int i = 0; i < people.size(); i++) {
            found.put(people.get(i), statuses.get(i));
        }
        return found;
    }

    /** Keeps this instance alive and sweeps the presence of instances that died. */
    @Scheduled(fixedDelay = "1s")
    void heartbeat() {
        long now = clock.millis();
        try {
            bus.heartbeat(instance, now + ALIVE_MILLIS, now, instance + ":" + (heartbeats++) + ":");
            lastHeartbeat = now;
        } catch (RuntimeException e) {
            LOG.warn("presence heartbeat failed; this instance's sockets count as offline elsewhere until it succeeds", e);
        }
    }
}
