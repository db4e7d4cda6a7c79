package io.hearth.realtime.api;

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

    /** {@code overflowed} runs (on the event loop) when the ceiling is passed: the socket stops receiving at once. */
    Outbound(Channel channel, long limit, Runnable overflowed) {
        this.channel = channel;
        this.limit = limit;
        this.overflowed = overflowed;
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
        channel.eventLoop().execute(() -> {
            drain();
            closeNow(code, reason, false);
        });
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
        while (!closing && !queue.isEmpty() && channel.isActive() && channel.isWritable()) {
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
