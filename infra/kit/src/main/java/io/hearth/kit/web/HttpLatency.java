package io.hearth.kit.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteMatch;
import io.micronaut.web.router.UriRouteMatch;
import org.reactivestreams.Publisher;

import java.time.Duration;

/**
 * What the HTTP server's own metrics ({@code http_server_requests_seconds}, by route and status) cannot say cheaply:
 * how long requests take as a histogram for a p95 ({@code hearth_http_server_latency_seconds}, a few buckets around
 * the 200 ms objective and no other label, so it stays a dozen series), and which routes refuse callers for going too
 * fast ({@code hearth_rate_limit_refusals_total} by route template, never by path). The real-time socket's upgrade is
 * not a request that ends: it is left out.
 */
@Filter(Filter.MATCH_ALL_PATTERN)
public class HttpLatency implements HttpServerFilter {

    static final String SOCKET = "/api/v1/realtime";

    private final Timer latency;
    private final MeterRegistry registry;

    public HttpLatency(MeterRegistry registry) {
        this.registry = registry;
        this.latency = Timer.builder("hearth.http.server.latency")
                .description("Time to answer an HTTP request, for its 95th percentile")
                .serviceLevelObjectives(Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200),
                        Duration.ofMillis(400), Duration.ofMillis(800), Duration.ofMillis(1600), Duration.ofSeconds(5))
                .register(registry);
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order();
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        if (request.getPath().startsWith(SOCKET)) {
            return chain.proceed(request);
        }
        long started = System.nanoTime();
        return Publishers.map(chain.proceed(request), response -> {
            latency.record(Duration.ofNanos(System.nanoTime() - started));
            if (response.code() == HttpStatus.TOO_MANY_REQUESTS.getCode()) {
                Counter.builder("hearth.rate.limit.refusals").description("Requests refused for going too fast (429)")
                        .tag("route", route(request)).register(registry).increment();
            }
            return response;
        });
    }

    /** The route's template ({@code /api/v1/circles/{id}}), never the path: ids would make a series each. */
    static String route(HttpRequest<?> request) {
        RouteMatch<?> match = RouteAttributes.getRouteMatch(request).orElse(null);
        if (match instanceof UriRouteMatch<?, ?> uri) {
            return uri.getRouteInfo().getUriMatchTemplate().toPathString();
        }
        return "UNMATCHED";
    }
}
