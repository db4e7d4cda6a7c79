package io.hearth.kit.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The service's metrics in Prometheus's text format at {@code GET /prometheus}, on a port of their own
 * ({@code hearth.metrics.port}, {@code HEARTH_METRICS_PORT}): never on an organisation's host, never behind the
 * Ingress (which routes the HTTP port alone), and outside the service's filters (tenancy, sign-in, rate limits), so a
 * scrape neither needs a token nor counts against anyone. Port 0 takes a free one ({@link #port()} says which).
 * Nothing else is served there.
 */
@Context
@Requires(property = "hearth.metrics.enabled", notEquals = "false")
public class MetricsServer {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);
    /** Prometheus's text exposition format 0.0.4. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;
    private final HttpServer server;

    public MetricsServer(PrometheusMeterRegistry registry, @Property(name = "hearth.metrics.port") int port,
                         @Property(name = "hearth.metrics.host", defaultValue = "0.0.0.0") String host) {
        this.registry = registry;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve metrics on " + host + ":" + port, e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "metrics-server");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
        LOG.info("metrics at http://{}:{}/prometheus", host, port());
    }

    /** The port the scrape is served on. */
    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"/prometheus".equals(exchange.getRequestURI().getPath())) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().add("Allow", "GET");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", CONTENT_TYPE);
            exchange.getResponseHeaders().add("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (RuntimeException e) {
            LOG.warn("a metrics scrape failed", e);
            throw e;
        }
    }

    @PreDestroy
    void stop() {
        server.stop(0);
    }
}
