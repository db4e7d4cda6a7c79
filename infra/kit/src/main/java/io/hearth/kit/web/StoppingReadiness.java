package io.hearth.kit.web;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import io.micronaut.runtime.graceful.GracefulShutdownCapable;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Readiness goes DOWN the moment a graceful shutdown begins (SIGTERM), so that a balancer still asking stops sending
 * new requests while those in flight finish; liveness stays UP, so nothing restarts the stopping pod.
 */
@Singleton
@Readiness
public class StoppingReadiness implements HealthIndicator, GracefulShutdownCapable {

    private volatile boolean stopping;

    @Override
    public Publisher<HealthResult> getResult() {
        return Publishers.just(HealthResult.builder("stopping", stopping ? HealthStatus.DOWN : HealthStatus.UP)
                .details(java.util.Map.of("stopping", stopping)).build());
    }

    @Override
    public CompletionStage<?> shutdownGracefully() {
        stopping = true;
        return CompletableFuture.completedFuture(null);
    }

    public boolean stopping() {
        return stopping;
    }
}
