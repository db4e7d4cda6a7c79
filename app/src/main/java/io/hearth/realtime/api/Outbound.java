package io.hearth.realtime.api;

import io.micronaut.http.server.netty.handler.PipeliningServerHandler;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * A socket's frames on their way out, with a ceiling. Micronaut writes a socket's frames into Netty's buffer
 * without a limit (micronaut-core#8984): a client that stops reading would grow the heap for ever. Here frames wait
 * in a queue of our own and go to Netty only while its channel is writable (below its high-water mark); once the
 * bytes waiting and in flight pass {@link #limit}, the queue is dropped (its memory freed at once), the socket gets a
 * close frame 4408 and is closed, by force if the close frame cannot be written within {@link #CLOSE_GRACE_SECONDS}.
 *
 * <p>Nothing is written before Micronaut has finished switching the channel from HTTP to WebSocket: it puts the
 * WebSocket frame decoder in place with the 101 and only then (on the request's thread) takes its HTTP handler out
 * of the pipeline, and a frame read in between reaches the HTTP handler and is lost. Our first frame, {@code hello},
 * is what a client waits for before it speaks, so holding every frame until the HTTP handler has gone closes that
 * window for every client that follows the protocol.
 *
 * <p>All state is touched on the channel's event loop only.
 */
final class Outbound {

    static final int TOO_SLOW = RealtimeProtocol.TOO_SLOW;
    static final long CLOSE_GRACE_SECONDS = 10;

    private final Channel channel;
    private final long limit;
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private volatile long queued;
    private volatile long inFlight;
    private volatile boolean closing;

    private final Runnable overflowed;
    private boolean upgraded;
    private Runnable onUpgrade = () -> { };

    /** {@code overflowed} runs (on the event loop) when the ceiling is passed: the socket stops receiving at once. */
    Outbound(Channel channel, long limit, Runnable overflowed) {
        this.channel = channel;
        this.limit = limit;
        this.overflowed = overflowed;
    }

    /** Starts writing once the channel speaks WebSocket only (see above); frames given before wait in the queue. */
    void startWhenUpgraded() {
        channel.eventLoop().execute(() -> awaitUpgrade(0));
    }

    private void awaitUpgrade(int tries) {
        if (channel.isActive() && channel.pipeline().get(PipeliningServerHandler.class) != null && tries < 5_000) {
            channel.eventLoop().schedule(() -> awaitUpgrade(tries + 1), 1, TimeUnit.MILLISECONDS);
            return;
        }
        upgraded = true;
        drain();
        onUpgrade.run();
    }

    /** Runs now (on the event loop) if the channel speaks WebSocket, or once it does. */
    private void whenUpgraded(Runnable action) {
        if (upgraded) {
            action.run();
        } else {
            Runnable before = onUpgrade;
            onUpgrade = () -> {
                before.run();
                action.run();
            };
        }
    }

    /** Queues a frame (from any thread); frames go out in the order they were given. */
    void send(String frame) {
        channel.eventLoop().execute(() -> enqueue(frame));
    }

    /** Sends a WebSocket ping (from any thread). */
    void ping() {
        channel.eventLoop().execute(() -> {
            if (!closing && channel.isActive()) {
                channel.writeAndFlush(new PingWebSocketFrame());
            }
        });
    }

    /** Closes with a code and reason after what is queued (from any thread). */
    void close(int code, String reason) {
        channel.eventLoop().execute(() -> whenUpgraded(() -> {
            drain();
            closeNow(code, reason, false);
        }));
    }

    private void enqueue(String frame) {
        if (closing || !channel.isActive()) {
            return;
        }
        queue.add(frame);
        queued += ByteBufUtil.utf8Bytes(frame);
        if (queued + inFlight > limit) {
            closeNow(TOO_SLOW, "Too slow: more than " + limit + " bytes waited to be read", true);
            overflowed.run();
            return;
        }
        drain();
    }

    private void drain() {
        while (upgraded && !closing && !queue.isEmpty() && channel.isActive() && channel.isWritable()) {
            String frame = queue.poll();
            long bytes = ByteBufUtil.utf8Bytes(frame);
            queued -= bytes;
            inFlight += bytes;
            channel.writeAndFlush(new TextWebSocketFrame(frame)).addListener(done -> {
                inFlight -= bytes;
                drain();
            });
        }
    }

    private void closeNow(int code, String reason, boolean dropQueued) {
        if (closing) {
            return;
        }
        closing = true;
        if (dropQueued || !queue.isEmpty()) {
            queue.clear();
            queued = 0;
        }
        if (!channel.isActive()) {
            return;
        }
        channel.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(ChannelFutureListener.CLOSE);
        channel.eventLoop().schedule(() -> {
            if (channel.isOpen()) {
                channel.close();
            }
        }, CLOSE_GRACE_SECONDS, TimeUnit.SECONDS);
    }

    /** Bytes waiting here and in flight (on the event loop). */
    long pending() {
        return queued + inFlight;
    }

    boolean closing() {
        return closing;
    }
}
