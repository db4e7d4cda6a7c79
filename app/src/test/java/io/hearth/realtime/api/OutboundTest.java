package io.hearth.realtime.api;

import io.micronaut.http.server.netty.handler.PipeliningServerHandler;
import io.micronaut.http.server.netty.handler.RequestHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The socket's outgoing queue, on a channel of its own (Netty's EmbeddedChannel: its event loop is this thread). */
class OutboundTest {

    private static final RequestHandler NO_REQUESTS = new RequestHandler() {
        @Override
        public void accept(io.netty.channel.ChannelHandlerContext ctx, io.netty.handler.codec.http.HttpRequest request,
                           io.micronaut.http.body.CloseableByteBody body, io.micronaut.http.server.netty.handler.OutboundAccess outboundAccess) {
            throw new AssertionError("no request expected");
        }

        @Override
        public void handleUnboundError(Throwable cause) {
            throw new AssertionError(cause);
        }
    };

    @Test
    void nothingIsWrittenWhileMicronautsHttpHandlerIsStillInThePipeline() throws Exception {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.pipeline().addLast("http", new PipeliningServerHandler(NO_REQUESTS));
        Outbound out = new Outbound(channel, 1 << 20, () -> { });
        out.startWhenUpgraded();
        out.send("{\"type\":\"hello\"}");
        out.close(4401, "bye");
        for (int i = 0; i < 5; i++) {
            TimeUnit.MILLISECONDS.sleep(2);
            channel.runPendingTasks();
            channel.runScheduledPendingTasks();
        }
        // a client answering hello now would reach the HTTP handler: hello waits
        assertThat((Object) channel.readOutbound()).isNull();

        channel.pipeline().remove("http");
        TimeUnit.MILLISECONDS.sleep(2);
        channel.runPendingTasks();
        channel.runScheduledPendingTasks();
        TextWebSocketFrame hello = channel.readOutbound();
        assertThat(hello.text()).isEqualTo("{\"type\":\"hello\"}");
        hello.release();
        // a close given before the switch follows what was queued before it
        CloseWebSocketFrame close = channel.readOutbound();
        assertThat(close.statusCode()).isEqualTo(4401);
        close.release();
    }

    @Test
    void onAChannelThatSpeaksWebSocketFramesGoOutInOrderAtOnce() {
        EmbeddedChannel channel = new EmbeddedChannel();
        Outbound out = new Outbound(channel, 1 << 20, () -> { });
        out.startWhenUpgraded();
        out.send("one");
        out.send("two");
        channel.runPendingTasks();
        TextWebSocketFrame one = channel.readOutbound();
        TextWebSocketFrame two = channel.readOutbound();
        assertThat(one.text()).isEqualTo("one");
        assertThat(two.text()).isEqualTo("two");
        one.release();
        two.release();
    }
}
