package io.hearth.kit.tracing;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import net.logstash.logback.composite.AbstractJsonProvider;
import tools.jackson.core.JsonGenerator;

/**
 * Puts the trace and span a log line was written in on it ({@code "trace_id"}, {@code "span_id"}, as OpenTelemetry
 * names them), read from the span current on the logging thread: a log line leads to its trace and back. Named in each
 * service's logback.xml as a provider of its JSON encoder.
 */
public class TraceIdsJsonProvider extends AbstractJsonProvider<ILoggingEvent> {

    @Override
    public void writeTo(JsonGenerator generator, ILoggingEvent event) {
        SpanContext span = Span.current().getSpanContext();
        if (span.isValid()) {
            generator.writeStringProperty("trace_id", span.getTraceId());
            generator.writeStringProperty("span_id", span.getSpanId());
        }
    }
}
