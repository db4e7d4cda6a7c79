package io.hearth.kit.tracing;

import io.micronaut.context.annotation.Requires;
import io.micronaut.tracing.opentelemetry.OpenTelemetryBuilderCustomizer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdkBuilder;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Keeps secrets that travel in URLs out of every span: a password-reset, e-mail or unsubscribe token, a calendar
 * feed's, an OAuth {@code code} and {@code state}. The HTTP instrumentation records the raw path and query
 * ({@code url.path}, {@code url.query}, {@code url.full}); before any exporter sees a span, each path segment that could be
 * a token (16 or more letters, digits, {@code -} or {@code _}) becomes {@code {redacted}} and the query goes. The
 * route template ({@code http.route}) and the span's name keep what an operator needs.
 */
@Singleton
@Requires(classes = OpenTelemetryBuilderCustomizer.class)
public class RedactedTraces implements OpenTelemetryBuilderCustomizer {

    static final String REDACTED = "{redacted}";
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{16,}");
    private static final AttributeKey<String> PATH = AttributeKey.stringKey("url.path");
    private static final AttributeKey<String> QUERY = AttributeKey.stringKey("url.query");
    private static final AttributeKey<String> FULL = AttributeKey.stringKey("url.full");
    private static final AttributeKey<String> TARGET = AttributeKey.stringKey("http.target");
    private static final List<AttributeKey<String>> PATHS = List.of(PATH, TARGET);

    @Override
    public void configure(AutoConfiguredOpenTelemetrySdkBuilder builder) {
        builder.addTracerProviderCustomizer((provider, config) -> provider.addSpanProcessor(new Redactor()));
    }

    /** A path with every segment that could be a token replaced, and no query. */
    static String redact(String pathAndQuery) {
        int query = pathAndQuery.indexOf('?');
        String path = query < 0 ? pathAndQuery : pathAndQuery.substring(0, query);
        return TOKEN.matcher(path).replaceAll(REDACTED);
    }

    /** An absolute URL with its path redacted and without its query. */
    static String redactUrl(String url) {
        int scheme = url.indexOf("://");
        int path = scheme < 0 ? -1 : url.indexOf('/', scheme + 3);
        return path < 0 ? url.replaceAll("\\?.*$", "") : url.substring(0, path) + redact(url.substring(path));
    }

    static final class Redactor implements SpanProcessor {

        @Override
        public void onStart(Context parent, ReadWriteSpan span) {
            for (AttributeKey<String> key : PATHS) {
                String value = span.getAttribute(key);
                if (value != null) {
                    span.setAttribute(key, redact(value));
                }
            }
            if (span.getAttribute(QUERY) != null) {
                span.setAttribute(QUERY, REDACTED);
            }
            String full = span.getAttribute(FULL);
            if (full != null) {
                span.setAttribute(FULL, redactUrl(full));
            }
        }

        @Override
        public boolean isStartRequired() {
            return true;
        }

        @Override
        public void onEnd(ReadableSpan span) {
        }

        @Override
        public boolean isEndRequired() {
            return false;
        }
    }
}
