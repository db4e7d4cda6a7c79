package io.hearth.kit.tracing;

import ch.qos.logback.classic.spi.LoggingEvent;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.json.JsonFactory;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TracingTest {

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build()).build();
    private final Tracing tracing = new Tracing(sdk);

    @AfterEach
    void close() {
        sdk.close();
    }

    @Test
    void anEventWrittenInARequestIsPublishedAndConsumedInThatRequestsTrace() {
        Span request = sdk.getTracer("test").spanBuilder("POST /api/v1/things").setSpanKind(SpanKind.SERVER).startSpan();
        String kept;
        try (Scope ignored = request.makeCurrent()) {
            kept = Tracing.traceparent();
        } finally {
            request.end();
        }
        // The relay, later, on another thread with no span of its own.
        ConsumerRecord<String, String> record = new ConsumerRecord<>("hearth.circles", 0, 42L, "key", "{}");
        tracing.publishing("hearth.circles", kept, header -> {
            record.headers().add(Tracing.TRACEPARENT, header.getBytes(StandardCharsets.UTF_8));
            return null;
        });
        tracing.consume(record, () -> Tracing.tenant("acme"));

        List<SpanData> all = spans.getFinishedSpanItems();
        assertThat(all).extracting(SpanData::getName).containsExactly("POST /api/v1/things", "hearth.circles publish", "hearth.circles process");
        assertThat(all).extracting(SpanData::getTraceId).containsOnly(request.getSpanContext().getTraceId());
        SpanData publish = all.get(1);
        SpanData process = all.get(2);
        assertThat(publish.getParentSpanId()).isEqualTo(request.getSpanContext().getSpanId());
        assertThat(process.getParentSpanId()).isEqualTo(publish.getSpanId());
        assertThat(process.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(process.getAttributes().asMap().toString()).contains("hearth.tenant=acme", "messaging.kafka.message.offset=42");
    }

    @Test
    void outsideATraceNothingIsKeptAndTheEventStartsOne() {
        assertThat(Tracing.traceparent()).isNull();
        String[] sent = new String[1];

        tracing.publishing("hearth.circles", null, header -> sent[0] = header);

        assertThat(sent[0]).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
    }

    @Test
    void whatTheConsumersWorkThrowsIsRecordedOnItsSpanAndThrownOn() {
        ConsumerRecord<String, String> record = new ConsumerRecord<>("hearth.events", 0, 1L, "key", "{}");

        assertThatThrownBy(() -> tracing.consume(record, () -> {
            throw new IllegalStateException("the database is down");
        })).hasMessage("the database is down");

        SpanData span = spans.getFinishedSpanItems().get(0);
        assertThat(span.getStatus().getStatusCode()).isEqualTo(io.opentelemetry.api.trace.StatusCode.ERROR);
        assertThat(span.getEvents()).extracting(event -> event.getName()).contains("exception");
    }

    @Test
    void aLogLineCarriesTheTraceAndSpanItWasWrittenIn() throws Exception {
        Span span = sdk.getTracer("test").spanBuilder("work").startSpan();
        StringWriter out = new StringWriter();
        try (Scope ignored = span.makeCurrent(); JsonGenerator json = new JsonFactory().createGenerator(out)) {
            json.writeStartObject();
            new TraceIdsJsonProvider().writeTo(json, new LoggingEvent());
            json.writeEndObject();
        } finally {
            span.end();
        }

        assertThat(out.toString()).isEqualTo("{\"trace_id\":\"" + span.getSpanContext().getTraceId() + "\",\"span_id\":\""
                + span.getSpanContext().getSpanId() + "\"}");
    }

    @Test
    void aLogLineOutsideATraceHasNoTraceFields() throws Exception {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
            json.writeStartObject();
            new TraceIdsJsonProvider().writeTo(json, new LoggingEvent());
            json.writeEndObject();
        }

        assertThat(out.toString()).isEqualTo("{}");
    }

    @Test
    void tokensInAPathAndTheQueryNeverReachASpan() {
        assertThat(RedactedTraces.redact("/u/AbC123_xyz-0987654321qwerty?x=1")).isEqualTo("/u/{redacted}");
        assertThat(RedactedTraces.redact("/calendar/0123456789abcdefGHIJ.ics")).isEqualTo("/calendar/{redacted}.ics");
        assertThat(RedactedTraces.redact("/api/v1/circles")).isEqualTo("/api/v1/circles");
        assertThat(RedactedTraces.redactUrl("https://oauth2.example/token/abcdefghijklmnopqrstu?code=secret"))
                .isEqualTo("https://oauth2.example/token/{redacted}");

        InMemorySpanExporter exported = InMemorySpanExporter.create();
        String attributes;
        // Read before the SDK closes: closing it shuts the exporter, which forgets what it held.
        try (OpenTelemetrySdk redacting = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                .addSpanProcessor(new RedactedTraces.Redactor()).addSpanProcessor(SimpleSpanProcessor.create(exported)).build()).build()) {
            redacting.getTracer("test").spanBuilder("GET /reset-password/{token}")
                    .setAttribute("url.path", "/reset-password/kJ8f-2mQ_x9TzLr4pW6vN1bY")
                    .setAttribute("url.query", "state=s3cr3t-state-value-123456&code=4/0AbCdEf")
                    .startSpan().end();
            attributes = exported.getFinishedSpanItems().get(0).getAttributes().toString();
        }

        assertThat(attributes).doesNotContain("kJ8f-2mQ_x9TzLr4pW6vN1bY").doesNotContain("s3cr3t").doesNotContain("0AbCdEf")
                .contains("/reset-password/{redacted}");
    }
}
