package io.hearth.realtime.api;

import io.hearth.identity.Caller;
import io.hearth.identity.api.SocketCallers;
import io.hearth.realtime.Frame;
import io.hearth.realtime.Frames;
import io.hearth.realtime.Hub;
import io.hearth.realtime.Presence;
import io.hearth.realtime.RealtimeStreams;
import io.hearth.tenancy.Tenant;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * One socket: signed in by its first frame (or its Sec-WebSocket-Protocol), then asked every few seconds whether
 * it may go on; what the hub delivers goes out through {@link Outbound}; what the client sends is handled one frame at
 * a time ({@link Serial}), in order, off the event loop.
 */
final class Connection implements Hub.Subscriber {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Connection.class);
    static final int UNAUTHORIZED = RealtimeProtocol.UNAUTHORIZED;
    static final int TRY_AGAIN_LATER = RealtimeProtocol.TRY_AGAIN_LATER;
    static final int MAX_FRAME_BYTES = 8 * 1024;
    static final int MAX_CURSORS = 500;
    static final int MAX_WATCHED_PEOPLE = 500;
    static final int TYPING_MILLIS = 5_000;

    private record Delivery(@Nullable UUID conversationId, long offset, String frame) {
    }

    private record CachedStream(RealtimeStreams.Stream stream, long readAt) {
    }

    private final RealtimeSocket socket;
    private final HttpRequest<?> upgrade;
    private final Tenant tenant;
    private final Channel channel;
    private final Outbound out;
    private final Serial serial;
    private final long openedAt;

    private volatile Caller caller;
    private volatile Instant expiresAt;
    private volatile long lastReadAt;
    private volatile long lastPingAt;
    private volatile long checkedAt;
    private volatile long presenceCheckedAt;
    private volatile boolean ended;
    private volatile String status = Presence.ONLINE;
    /** Whether it watches a conversation: a right a recheck looks at even when his own are unchanged. */
    private volatile boolean followsMore;

    /** Conversations being recovered: live frames for them wait here until the replay went out. Guarded by this. */
    private final Map<UUID, List<Delivery>> recovering = new HashMap<>();
    /** Handled on the serial executor only. */
    private final Set<UUID> watching = new LinkedHashSet<>();
    /** Replaced whole, never changed in place: read by the recheck thread too. */
    private volatile Set<UUID> presenceWatched = Set.of();
    private final Map<UUID, CachedStream> streams = new HashMap<>();
    private final Map<UUID, Long> typedAt = new HashMap<>();

    /** Frames allowed now (a bucket of 20, refilled at 5 a second); touched on the event loop only. */
    private double tokens = 20;
    private long tokensAt;

    Connection(RealtimeSocket socket, HttpRequest<?> upgrade, Tenant tenant, Channel channel, long now) {
        this.socket = socket;
        this.upgrade = upgrade;
        this.tenant = tenant;
        this.channel = channel;
        this.serial = new Serial(socket.pool());
        this.out = new Outbound(channel, socket.maxQueuedBytes(), () -> serial.execute(this::ended));
        this.openedAt = now;
        this.lastReadAt = now;
        this.lastPingAt = now;
        this.tokensAt = now;
        channel.closeFuture().addListener(closed -> serial.execute(this::ended));
    }

    @Override
    public Caller caller() {
        return caller;
    }

    long pending() {
        return out.pending();
    }

    // ---- from the hub (any thread; never blocks) ----

    @Override
    public void deliver(@Nullable UUID conversationId, long offset, String frame) {
        if (conversationId != null) {
            synchronized (this) {
                List<Delivery> waiting = recovering.get(conversationId);
                if (waiting != null) {
                    waiting.add(new Delivery(conversationId, offset, frame));
                    return;
                }
                out.send(frame);
            }
            return;
        }
        out.send(frame);
    }

    // ---- from Netty (the event loop) ----

    void opened(@Nullable String protocolToken) {
        out.startWhenUpgraded();
        send(new Frames.Hello(MAX_FRAME_BYTES));
        if (protocolToken != null) {
            serial.execute(() -> signIn(protocolToken));
        }
    }

    void received(String text, long now) {
        lastReadAt = now;
        tokens = Math.min(20, tokens + (now - tokensAt) * 5 / 1000.0);
        tokensAt = now;
        if (tokens < 1) {
            send(new Frames.Error(FrameError.RATE_LIMITED.name(), "Too many frames: at most 20 at once, then 5 a second", null));
            return;
        }
        tokens -= 1;
        if (ByteBufUtil.utf8Bytes(text) > MAX_FRAME_BYTES) {
            send(new Frames.Error(FrameError.FRAME_TOO_LARGE.name(), "A frame holds at most " + MAX_FRAME_BYTES + " bytes", null));
            return;
        }
        if (text.indexOf('\0') >= 0 || text.contains("\\u0000")) {
            send(new Frames.Error(FrameError.FRAME_INVALID.name(), "A frame must not hold NUL characters", null));
            return;
        }
        serial.execute(() -> handle(text));
    }

    void ponged(long now) {
        lastReadAt = now;
    }

    /** Once a second, from the socket's timer: sign-in deadline, token expiry, pings, rechecks. */
    void tick(long now) {
        if (ended || out.closing()) {
            return;
        }
        Caller current = caller;
        if (current == null) {
            if (now - openedAt > socket.signInWithinMillis()) {
                // After the frames that came before the deadline: an auth frame on its way is answered first.
                serial.execute(() -> {
                    if (caller == null) {
                        close(UNAUTHORIZED, "Sign in first: send an auth frame with an access token");
                    }
                });
            }
            return;
        }
        if (!expiresAt.isAfter(Instant.ofEpochMilli(now))) {
            close(UNAUTHORIZED, "The access token expired: connect again with a fresh one (or send it in an auth frame before it expires)");
            return;
        }
        if (now - lastPingAt >= socket.pingMillis()) {
            lastPingAt = now;
            out.ping();
        }
        if (now - lastReadAt > socket.pingMillis() * 2 + 10_000) {
            close(RealtimeProtocol.GOING_AWAY, "No answer to pings");
            return;
        }
        if (now - checkedAt >= socket.recheckMillis()) {
            checkedAt = now;
            socket.recheckLater(this);
        }
    }

    /**
     * What the batched recheck found (on the recheck thread). When nothing changed for a socket that watches no
     * conversation and whose presence list is not due for its minute's check, nothing is to be done and no task is
     * queued; else the socket's serial executor takes it from there.
     */
    void rechecked(Caller asked, Optional<Caller> now) {
        if (ended || caller != asked) {
            return;
        }
        boolean presenceDue = !presenceWatched.isEmpty() && System.currentTimeMillis() - presenceCheckedAt > 60_000;
        if (now.isPresent() && now.get().equals(asked) && !followsMore && !presenceDue) {
            return;
        }
        serial.execute(() -> recheck(asked, now));
    }

    void close(int code, String reason) {
        out.close(code, reason);
    }

    // ---- on the serial executor ----

    private void handle(String text) {
        if (ended) {
            return;
        }
        Incoming frame;
        try {
            frame = socket.json().readValue(text, Incoming.class);
        } catch (IOException | RuntimeException e) {
            send(new Frames.Error(FrameError.FRAME_NOT_JSON.name(), "A frame is a JSON object with a type", null));
            return;
        }
        if (frame == null || frame.type() == null || frame.type().isBlank()) {
            send(new Frames.Error(FrameError.FRAME_INVALID.name(), "A frame needs a type", null));
            return;
        }
        Optional<RealtimeProtocol.ClientType> type = RealtimeProtocol.ClientType.of(frame.type());
        if (type.isEmpty()) {
            send(new Frames.Error(FrameError.FRAME_UNKNOWN_TYPE.name(), "Unknown frame type: " + abbreviate(frame.type()), null));
            return;
        }
        if (type.get() != RealtimeProtocol.ClientType.AUTH && caller == null) {
            send(new Frames.Error(FrameError.NOT_SIGNED_IN.name(), "Sign in first: send an auth frame with an access token", null));
            return;
        }
        switch (type.get()) {
            case AUTH -> {
                if (frame.token() == null) {
                    send(new Frames.Error(FrameError.FRAME_INVALID.name(), "auth needs a token", null));
                } else {
                    signIn(frame.token());
                }
            }
            case RECOVER -> recover(frame.conversations());
            case WATCH -> watch(frame.conversationId());
            case UNWATCH -> unwatch(frame.conversationId());
            case TYPING -> typing(frame.conversationId());
            case PRESENCE -> presence(frame.status());
            case PRESENCE_WATCH -> watchPresence(frame.people());
            case PING -> send(new Frames.Pong());
        }
    }

    private void signIn(String token) {
        Optional<SocketCallers.SignedIn> signedIn;
        try {
            signedIn = socket.callers().signIn(upgrade, token);
        } catch (RuntimeException e) {
            // Redis did not answer in time (say): the token may be good, so not 4401, which sends a client for a new one.
            LOG.warn("a socket could not be signed in: a service it needs failed; it is told to come back", e);
            close(TRY_AGAIN_LATER, "A service Hearth needs is briefly unavailable: connect again in a few seconds");
            return;
        }
        if (signedIn.isEmpty()) {
            close(UNAUTHORIZED, "The token does not sign in to this organisation");
            return;
        }
        Caller now = signedIn.get().caller();
        Caller before = caller;
        if (before != null && !before.person().equals(now.person())) {
            close(UNAUTHORIZED, "A socket stays with the man who opened it");
            return;
        }
        caller = now;
        expiresAt = signedIn.get().expiresAt();
        checkedAt = System.currentTimeMillis();
        if (before == null) {
            socket.hub().register(now, this);
            socket.presence().set(now, this, status);
        }
        send(new Frames.Ready(now.person(), expiresAt, (int) (socket.pingMillis() / 1000), MAX_FRAME_BYTES));
    }

    private void recheck(Caller asked, Optional<Caller> now) {
        Caller before = caller;
        if (before != asked || ended) {
            return;
        }
        if (now.isEmpty()) {
            close(UNAUTHORIZED, "The session has ended or the account is no longer active: sign in again");
            return;
        }
        caller = now.get();
        streams.clear();
        for (UUID conversationId : List.copyOf(watching)) {
            Optional<RealtimeStreams.Stream> stream = socket.streams().stream(caller, conversationId).filter(RealtimeStreams.Stream::live);
            if (stream.isEmpty()) {
                watching.remove(conversationId);
                followed();
                socket.hub().unwatch(caller, this, conversationId);
                send(new Frames.Error(FrameError.CONVERSATION_NOT_ALLOWED.name(), "You no longer follow this conversation", conversationId));
            }
        }
        long millis = System.currentTimeMillis();
        if (!presenceWatched.isEmpty() && millis - presenceCheckedAt > 60_000) {
            presenceCheckedAt = millis;
            Set<UUID> visible = socket.streams().visiblePeople(caller, presenceWatched);
            if (!visible.equals(presenceWatched)) {
                socket.hub().watchPresence(caller, this, presenceWatched, visible);
                presenceWatched = visible;
                followed();
            }
        }
    }

    private void followed() {
        followsMore = !watching.isEmpty();
    }

    private void recover(@Nullable List<Incoming.Cursor> cursors) {
        if (cursors == null || cursors.size() > MAX_CURSORS) {
            send(new Frames.Error(FrameError.FRAME_INVALID.name(), "recover needs conversations: a list of at most " + MAX_CURSORS
                    + " {conversationId, offset, epoch}", null));
            return;
        }
        List<Frames.Recovery> results = new ArrayList<>(cursors.size());
        for (Incoming.Cursor cursor : cursors) {
            if (cursor == null || cursor.conversationId() == null || cursor.offset() == null || cursor.offset() < 0) {
                send(new Frames.Error(FrameError.FRAME_INVALID.name(), "Each conversation needs conversationId, offset (0 or more) and epoch", null));
                return;
            }
        }
        for (Incoming.Cursor cursor : cursors) {
            results.add(recoverOne(cursor));
        }
        send(new Frames.Recovered(results));
    }

    private Frames.Recovery recoverOne(Incoming.Cursor cursor) {
        UUID id = cursor.conversationId();
        synchronized (this) {
            recovering.put(id, new ArrayList<>());
        }
        List<String> replay = List.of();
        Frames.Recovery result;
        try {
            Optional<RealtimeStreams.Stream> found = socket.streams().stream(caller, id);
            if (found.isEmpty()) {
                result = new Frames.Recovery(id, false, 0, null, "not-allowed");
            } else {
                RealtimeStreams.Stream stream = found.get();
                if (!stream.epoch().equals(cursor.epoch())) {
                    result = new Frames.Recovery(id, false, stream.lastOffset(), stream.epoch(), "epoch");
                } else if (cursor.offset() > stream.lastOffset()) {
                    result = new Frames.Recovery(id, false, stream.lastOffset(), stream.epoch(), "ahead");
                } else if (cursor.offset() == stream.lastOffset()) {
                    result = new Frames.Recovery(id, true, stream.lastOffset(), stream.epoch(), null);
                } else {
                    Optional<List<String>> frames = socket.hub().replay(caller, stream, cursor.offset());
                    result = new Frames.Recovery(id, frames.isPresent(), stream.lastOffset(), stream.epoch(), frames.isPresent() ? null : "gap");
                    replay = frames.orElse(List.of());
                }
            }
        } catch (RuntimeException e) {
            socket.log().warn("could not recover conversation {} for a socket; it is told to refetch", id, e);
            result = new Frames.Recovery(id, false, 0, null, "unavailable");
            replay = List.of();
        }
        synchronized (this) {
            replay.forEach(out::send);
            flush(id, result.recovered() ? result.offset() : Long.MIN_VALUE);
        }
        return result;
    }

    /** Sends what arrived live while a conversation was recovered, but what the replay already gave. Holds this. */
    private void flush(UUID conversationId, long replayedUpTo) {
        List<Delivery> waiting = recovering.remove(conversationId);
        if (waiting != null) {
            waiting.stream().filter(d -> d.offset() > replayedUpTo).forEach(d -> out.send(d.frame()));
        }
    }

    private void watch(@Nullable UUID conversationId) {
        if (conversationId == null) {
            send(new Frames.Error(FrameError.FRAME_INVALID.name(), "watch needs a conversationId", null));
            return;
        }
        Optional<RealtimeStreams.Stream> stream = stream(conversationId, true).filter(RealtimeStreams.Stream::live);
        if (stream.isEmpty()) {
            send(new Frames.Error(FrameError.CONVERSATION_NOT_ALLOWED.name(), "This conversation is not yours to follow", conversationId));
            return;
        }
        watching.add(conversationId);
        followed();
        socket.hub().watch(caller, this, conversationId);
        send(new Frames.Watching(conversationId, stream.get().lastOffset(), stream.get().epoch()));
    }

    private void unwatch(@Nullable UUID conversationId) {
        if (conversationId == null) {
            send(new Frames.Error(FrameError.FRAME_INVALID.name(), "unwatch needs a conversationId", null));
            return;
        }
        watching.remove(conversationId);
        followed();
        socket.hub().unwatch(caller, this, conversationId);
    }

    private void typing(@Nullable UUID conversationId) {
        if (conversationId == null) {
            send(new Frames.Error(FrameError.FRAME_INVALID.name(), "typing needs a conversationId", null));
            return;
        }
        Optional<RealtimeStreams.Stream> stream = stream(conversationId, false).filter(RealtimeStreams.Stream::canType);
        if (stream.isEmpty()) {
            send(new Frames.Error(FrameError.CONVERSATION_NOT_ALLOWED.name(), "You cannot write in this conversation", conversationId));
            return;
        }
        long now = System.currentTimeMillis();
        Long last = typedAt.get(conversationId);
        if (last != null && now - last < 2_000) {
            return;
        }
        typedAt.put(conversationId, now);
        socket.realtime().typing(caller, conversationId, stream.get().people(),
                new Frames.Typing(conversationId, caller.person(), TYPING_MILLIS));
    }

    private void presence(@Nullable String value) {
        if (!Presence.ONLINE.equals(value) && !Presence.AWAY.equals(value)) {
            send(new Frames.Error(FrameError.FRAME_INVALID.name(), "presence needs status online or away", null));
            return;
        }
        status = value;
        socket.presence().set(caller, this, value);
    }

    private void watchPresence(@Nullable List<UUID> people) {
        if (people == null || people.size() > MAX_WATCHED_PEOPLE || people.contains(null)) {
            send(new Frames.Error(FrameError.FRAME_INVALID.name(), "presence.watch needs people: a list of at most " + MAX_WATCHED_PEOPLE + " ids", null));
            return;
        }
        Set<UUID> visible = socket.streams().visiblePeople(caller, Set.copyOf(people));
        socket.hub().watchPresence(caller, this, presenceWatched, visible);
        presenceWatched = visible;
        followed();
        presenceCheckedAt = System.currentTimeMillis();
        socket.presence().of(caller, List.copyOf(visible)).forEach((person, value) -> send(new Frames.Presence(person, value)));
    }

    /** A conversation's stream, read at most every few seconds for typing (a revoked right counts within them). */
    private Optional<RealtimeStreams.Stream> stream(UUID conversationId, boolean fresh) {
        long now = System.currentTimeMillis();
        CachedStream cached = streams.get(conversationId);
        if (!fresh && cached != null && now - cached.readAt() < socket.recheckMillis()) {
            return Optional.of(cached.stream());
        }
        Optional<RealtimeStreams.Stream> stream = socket.streams().stream(caller, conversationId);
        stream.ifPresentOrElse(s -> streams.put(conversationId, new CachedStream(s, now)), () -> streams.remove(conversationId));
        return stream;
    }

    private void ended() {
        if (ended) {
            return;
        }
        ended = true;
        Caller last = caller;
        socket.forget(this);
        if (last != null) {
            socket.hub().unregister(last, this);
            socket.presence().set(last, this, null);
        }
    }

    private void send(Frame frame) {
        try {
            out.send(socket.json().writeValueAsString(frame));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String abbreviate(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }
}
