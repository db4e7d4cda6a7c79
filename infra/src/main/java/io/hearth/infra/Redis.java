package io.hearth.infra;

import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;

/** A real Redis 6.2 server process on a free port. */
public final class Redis implements AutoCloseable {

    private final RedisServer server;
    private final int port;

    private Redis(RedisServer server, int port) {
        this.server = server;
        this.port = port;
    }

    public static Redis start() {
        return start(FreePorts.next());
    }

    /** On a given port, as for a server coming back where it was. */
    public static Redis start(int port) {
        try {
            RedisServer server = RedisServer.newRedisServer().port(port).bind("127.0.0.1").build();
            server.start();
            return new Redis(server, port);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded Redis", e);
        }
    }

    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException("could not stop embedded Redis", e);
        }
    }
}
