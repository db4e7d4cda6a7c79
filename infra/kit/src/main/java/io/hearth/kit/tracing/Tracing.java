package io.hearth.kit.tracing;

import io.micronaut.core.annotation.Nullable;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.StreamSupport;

/**
 * One trace from an HTTP request through the outbox and Kafka to the consumer's work. The trace an event is written
 * in is kept with its outbox row ({@link #traceparent()}, W3C Trace Context); the relay publishes it under a producer
 * span of that trace and sends that span's {@code traceparent} as a Kafka header ({@link #publishing}); a consumer's
 * work runs in a consumer span continuing it ({@link #consume}). The organisation is a span attribute
 * ({@link #TENANT}), never a metric label. Without an OpenTelemetry SDK (a test of the kit alone) every span is a no-op.
 */
@Singleton
public class Tracing {

    /** The span attribute naming the organisation (its slug) a request or an event is of. */
    public static final String TENANT = "hearth.tenant";
    public static final String TRACEPARENT = "traceparent";

    private static final TextMapGetter<Headers> KAFKA_HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers headers) {
            return StreamSupport.stream(headers.spliterator(), false).map(Header::key).toList();
        }

        @Override
        public String get(@Nullable Headers headers, String key) {
            Header header = headers == null ? null : headers.lastHeader(key);
            return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }
    };

    private static final TextMapGetter<Map<String, String>> MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(@Nullable Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private final Tracer tracer;

    public Tracing(@Nullable OpenTelemetry openTelemetry) {
        this.tracer = (openTelemetry == null ? OpenTelemetry.noop() : openTelemetry).getTracer("io.hearth");
    }

    /** The trace in progress as a W3C {@code traceparent}, or null outside one: what an outbox row keeps. */
    public static @Nullable String traceparent() {
        return traceparent(Context.current());
    }

    private static @Nullable String traceparent(Context context) {
        Map<String, String> carrier = new HashMap<>();
        W3CTraceContextPropagator.getInstance().inject(context, carrier, Map::put);
        return carrier.get(TRACEPARENT);
    }

    /** Marks the span in progress as being of this organisation. */
    public static void tenant(String slug) {
        Span.current().setAttribute(TENANT, slug);
    }

    /**
     * Sends a stored event in a producer span under the trace it was written in (a new trace when it kept none);
     * {@code send} is given the {@code traceparent} to put in the record's headers.
     */
    public <T> T publishing(String topic, @Nullable String traceparent, Function<String, T> send) {
        Context parent = traceparent == null ? Context.root()
                : W3CTraceContextPropagator.getInstance().extract(Context.root(), Map.of(TRACEPARENT, traceparent), MAP);
        Span span = tracer.spanBuilder(topic + " publish").setParent(parent).setSpanKind(SpanKind.PRODUCER)
                .setAttribute("messaging.system", "kafka").setAttribute("messaging.destination.name", topic).startSpan();
        return inSpan(span, () -> send.apply(traceparent(Context.current())));
    }

    /**
     * Runs a consumer's work on one record in a consumer span continuing the trace its headers carry. What the work
     * throws is recorded on the span and thrown on (the listener's error strategy retries it).
     */
    public void consume(ConsumerRecord<?, ?> record, Runnable work) {
        Context parent = W3CTraceContextPropagator.getInstance().extract(Context.root(), record.headers(), KAFKA_HEADERS);
        Span span = tracer.spanBuilder(record.topic() + " process").setParent(parent).setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka").setAttribute("messaging.destination.name", record.topic())
                .setAttribute("messaging.destination.partition.id", Integer.toString(record.partition()))
                .setAttribute("messaging.kafka.message.offset", record.offset()).startSpan();
        inSpan(span, () -> {
            work.run();
            return null;
        });
    }

    /** Runs the work with the span current; what it throws is recorded on the span and thrown on; the span ends. */
    private static <T> T inSpan(Span span, java.util.function.Supplier<T> work) {
        try (Scope ignored = span.makeCurrent()) {
            return work.get();
        } catch (RuntimeException e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR);
            throw e;
        } finally {
            span.end();
        }
    }
}
