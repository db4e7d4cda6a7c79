package io.hearth.web;

import io.hearth.kit.CommonCode;
import io.hearth.kit.Refusal;
import io.hearth.kit.web.Problem;
import io.hearth.kit.web.RefusalHandlers;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.TimeoutOptions;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Redis gone or hung: what needs it (sessions, limits, sign-in) answers 503 SERVICE_UNAVAILABLE with Retry-After
 * within about a second, instead of hanging until the caller gives up. The client rejects commands at once while it
 * is disconnected, gives up on any command after {@code redis.timeout}, and reconnects by itself, so service comes
 * back as soon as Redis does.
 */
public final class RedisOutages {

    private static final Logger LOG = LoggerFactory.getLogger(RedisOutages.class);

    private RedisOutages() {
    }

    @Singleton
    public static final class FailFast implements BeanCreatedEventListener<RedisClient> {
        private final Duration timeout;

        public FailFast(@Property(name = "redis.timeout", defaultValue = "1s") Duration timeout) {
            this.timeout = timeout;
        }

        @Override
        public RedisClient onCreated(BeanCreatedEvent<RedisClient> event) {
            RedisClient client = event.getBean();
            client.setOptions(ClientOptions.builder()
                    .autoReconnect(true)
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .timeoutOptions(TimeoutOptions.enabled(timeout))
                    .build());
            return client;
        }
    }

    @Singleton
    @Produces(Problem.MEDIA_TYPE)
    public static final class Handler implements ExceptionHandler<RedisException, HttpResponse<?>> {
        private final ErrorResponseProcessor<?> processor;

        public Handler(ErrorResponseProcessor<?> processor) {
            this.processor = processor;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, RedisException exception) {
            LOG.warn("Redis is unavailable: {} {} answered 503: {}", request.getMethodName(), request.getPath(), exception.toString());
            return RefusalHandlers.answer(processor, request, unavailable());
        }
    }

    static Refusal unavailable() {
        return Refusal.unavailable("A service Hearth needs is briefly unavailable: try again in a few seconds", 5);
    }
}
