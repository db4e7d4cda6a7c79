package io.hearth.web;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import jakarta.inject.Singleton;

/** Finished spans kept in memory, for a test that asks ({@code hearth.test.traces=memory}): the SDK's own exporter for tests. */
@Factory
@Requires(property = "hearth.test.traces", value = "memory")
class InMemoryTraces {

    @Singleton
    InMemorySpanExporter spans() {
        return InMemorySpanExporter.create();
    }

    @Singleton
    SpanProcessor keepThem(InMemorySpanExporter spans) {
        return SimpleSpanProcessor.create(spans);
    }
}
