package io.hearth.realtime.api;

import io.hearth.identity.Caller;
import io.hearth.identity.api.SocketCallers;
import io.hearth.realtime.Hub;
import io.hearth.realtime.Presence;
import io.hearth.realtime.Realtime;
import io.hearth.realtime.RealtimeStreams;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.api.TenantFilter;
import io.hearth.web.Public;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.websocket.CloseReason;
import io.micronaut.websocket.WebSocketPongMessage;
import io.micronaut.websocket.WebSocketSession;
import io.micronaut.websocket.annotation.OnClose;
import io.micronaut.websocket.annotation.OnError;
import io.micronaut.websocket.annotation.OnMessage;
import io.micronaut.websocket.annotation.OnOpen;
import io.micronaut.websocket.annotation.ServerWebSocket;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The real-time socket, {@code GET /api/v1/realtime} on an organisation's host (docs/realtime.md). The upgrade itself
 * is open (a browser cannot set headers on it); the socket signs in with an access token of that organisation, in
 * its first frame or as a {@code bearer.<token>} entry of Sec-WebSocket-Protocol beside {@code hearth.v1} (never in
 * the URL, which lands in logs), and is closed with 4401 when it does not within 10 s, when the token expires, or
 * when the session ends.
 */
@Public
@ServerWebSocket(value = "/api/v1/realtime", subprotocols = RealtimeSocket.PROTOCOL)
public class RealtimeSocket implements io.micronaut.runtime.graceful.GracefulShutdownCapable {

    private static final Logger LOG = LoggerFactory.getLogger(RealtimeSocket.class);

    static final String PROTOCOL = "hearth.v1";
    static final String BEARER = "bearer.";

    private final SocketCallers callers;
    private final Hub hub;
    private final Presence presence;
    private final Realtime realtime;
    private final RealtimeStreams streams;
    private final JsonMapper json;
    private final ExecutorService pool;
    private final long pingMillis;
    private final long recheckMillis;
    private final long signInWithinMillis;
    private final long maxQueuedBytes;
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    /** Sockets due to be asked again, and the one thread that asks, in batches. */
    private static final int RECHECK_BATCH = 500;
    private final java.util.concurrent.ConcurrentLinkedQueue<Connection> due = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicBoolean rechecking = new java.util.concurrent.atomic.AtomicBoolean();
    private final ExecutorService rechecker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "realtime-recheck");
        thread.setDaemon(true);
        return thread;
    });
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "realtime-timer");
        thread.setDaemon(true);
        return thread;
    });

    public RealtimeSocket(SocketCallers callers, Hub hub, Presence presence, Realtime realtime, RealtimeStreams streams,
                          JsonMapper json, @Named(TaskExecutors.BLOCKING) ExecutorService pool,
                          @Property(name = "hearth.realtime.ping", defaultValue = "25s") Duration ping,
                          @Property(name = "hearth.realtime.recheck", defaultValue = "4s") Duration recheck,
                          @Property(name = "hearth.realtime.sign-in-within", defaultValue = "10s") Duration signInWithin,
                          @Property(name = "hearth.realtime.max-queued-bytes", defaultValue = "1048576") long maxQueuedBytes) {
        this.callers = callers;
        this.hub = hub;
        this.presence = presence;
        this.realtime = realtime;
        this.streams = streams;
        this.json = json;
        this.pool = pool;
        this.pingMillis = ping.toMillis();
        this.recheckMillis = recheck.toMillis();
        this.signInWithinMillis = signInWithin.toMillis();
        this.maxQueuedBytes = maxQueuedBytes;
        timer.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    @OnOpen
    public void open(WebSocketSession session, HttpRequest<?> request) {
        Optional<Tenant> tenant = TenantFilter.tenantOf(request);
        if (tenant.isEmpty() || !(request instanceof NettyHttpRequest<?> netty)) {
            session.close(new CloseReason(Connection.UNAUTHORIZED, "Connect on your organisation's host"));
            return;
        }
        Connection connection = new Connection(this, request, tenant.get(), netty.getChannelHandlerContext().channel(), System.currentTimeMillis());
        connections.put(session.getId(), connection);
        connection.opened(protocolToken(request));
    }

    @OnMessage(maxPayloadLength = 64 * 1024)
    public void message(String text, WebSocketSession session) {
        Connection connection = connections.get(session.getId());
        if (connection != null) {
            connection.received(text, System.currentTimeMillis());
        }
    }

    @OnMessage
    public void pong(WebSocketPongMessage pong, WebSocketSession session) {
        Connection connection = connections.get(session.getId());
        if (connection != null) {
            connection.ponged(System.currentTimeMillis());
        }
    }

    @OnClose
    public void close(WebSocketSession session) {
        // The connection cleans up when its channel closes, whoever closed it.
    }

    @OnError
    public void error(WebSocketSession session, Throwable error) {
        LOG.debug("real-time socket {} failed", session.getId(), error);
    }

    /** The token in Sec-WebSocket-Protocol ({@code hearth.v1, bearer.<token>}), if the client put it there. */
    static @Nullable String protocolToken(HttpRequest<?> request) {
        for (String header : request.getHeaders().getAll("Sec-WebSocket-Protocol")) {
            for (String entry : header.split(",")) {
                String value = entry.trim();
                if (value.startsWith(BEARER) && value.length() > BEARER.length()) {
                    return value.substring(BEARER.length());
                }
            }
        }
        return null;
    }

    private void tick() {
        long now = System.currentTimeMillis();
        for (Connection connection : connections.values()) {
            try {
                connection.tick(now);
            } catch (RuntimeException e) {
                LOG.warn("a real-time socket's timer failed", e);
            }
        }
        if (!due.isEmpty() && rechecking.compareAndSet(false, true)) {
            rechecker.execute(this::recheckDue);
        }
    }

    /** The socket is due to be asked again whether its man still holds what he held (from its timer tick). */
    void recheckLater(Connection connection) {
        due.add(connection);
    }

    /**
     * Every socket due, in batches: one pipelined Redis round trip per batch, then each socket told what was found
     * (most find nothing changed and do nothing).
     */
    private void recheckDue() {
        try {
            List<Connection> batch = new ArrayList<>(RECHECK_BATCH);
            List<Caller> asked = new ArrayList<>(RECHECK_BATCH);
            Connection next;
            while ((next = due.poll()) != null || !batch.isEmpty()) {
                if (next != null) {
                    Caller caller = next.caller();
                    if (caller != null) {
                        batch.add(next);
                        asked.add(caller);
                    }
                    if (batch.size() < RECHECK_BATCH) {
                        continue;
                    }
                }
                List<Optional<Caller>> found;
                try {
                    found = callers.recheckAll(asked);
                } catch (RuntimeException e) {
                    // Each is asked again at its next turn, a few seconds on (not at once: Redis may be struggling).
                    LOG.warn("{} real-time sockets could not be asked again; their rights stand until their next turn", batch.size(), e);
                    return;
                }
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).rechecked(asked.get(i), found.get(i));
                }
                batch.clear();
                asked.clear();
            }
        } finally {
            rechecking.set(false);
        }
    }

    void forget(Connection connection) {
        connections.values().remove(connection);
    }

    /** Bytes waiting to go out on all sockets here. */
    public long pending() {
        return connections.values().stream().mapToLong(Connection::pending).sum();
    }

    /**
     * The service is stopping (a deploy, a node drained): every socket is told at once to connect again (1001), so its
     * client reconnects to another instance while this one finishes its requests, rather than when it is gone.
     */
    @Override
    public java.util.concurrent.CompletionStage<?> shutdownGracefully() {
        connections.values().forEach(connection -> connection.close(RealtimeProtocol.GOING_AWAY, "The server is restarting: connect again"));
        return java.util.concurrent.CompletableFuture.completedFuture(null);
    }

    @Override
    public java.util.OptionalLong reportActiveTasks() {
        return java.util.OptionalLong.of(connections.size());
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
        rechecker.shutdownNow();
        connections.values().forEach(connection -> connection.close(RealtimeProtocol.GOING_AWAY, "The server is going away: connect again"));
    }

    SocketCallers callers() {
        return callers;
    }

    Hub hub() {
        return hub;
    }

    Presence presence() {
        return presence;
    }

    Realtime realtime() {
        return realtime;
    }

    RealtimeStreams streams() {
        return streams;
    }

    JsonMapper json() {
        return json;
    }

    ExecutorService pool() {
        return pool;
    }

    Logger log() {
        return LOG;
    }

    long pingMillis() {
        return pingMillis;
    }

    long recheckMillis() {
        return recheckMillis;
    }

    long signInWithinMillis() {
        return signInWithinMillis;
    }

    long maxQueuedBytes() {
        return maxQueuedBytes;
    }
}
