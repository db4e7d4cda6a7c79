package io.hearth.kit.web;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StoppingReadinessTest {

    @Test
    void readinessIsUpUntilAGracefulShutdownBeginsThenDown() {
        StoppingReadiness readiness = new StoppingReadiness();
        assertThat(status(readiness)).isEqualTo(HealthStatus.UP);

        readiness.shutdownGracefully().toCompletableFuture().join();

        assertThat(status(readiness)).isEqualTo(HealthStatus.DOWN);
    }

    private static HealthStatus status(StoppingReadiness readiness) {
        HealthResult[] result = new HealthResult[1];
        readiness.getResult().subscribe(new org.reactivestreams.Subscriber<>() {
            @Override
            public void onSubscribe(org.reactivestreams.Subscription subscription) {
                subscription.request(1);
            }

            @Override
            public void onNext(HealthResult item) {
                result[0] = item;
            }

            @Override
            public void onError(Throwable failure) {
                throw new AssertionError(failure);
            }

            @Override
            public void onComplete() {
            }
        });
        return result[0].getStatus();
    }
}
