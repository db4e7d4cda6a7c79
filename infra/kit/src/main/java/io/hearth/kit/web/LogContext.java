package io.hearth.kit.web;

import io.micronaut.core.propagation.ThreadPropagatedContextElement;
import org.slf4j.MDC;

import java.util.HashMap;
import java.util.Map;

/** MDC entries (request id, tenant) that follow a request across the threads it runs on. */
public record LogContext(Map<String, String> entries) implements ThreadPropagatedContextElement<Map<String, String>> {

    public LogContext {
        entries = Map.copyOf(entries);
    }

    public LogContext with(String key, String value) {
        Map<String, String> copy = new HashMap<>(entries);
        copy.put(key, value);
        return new LogContext(copy);
    }

    @Override
    public Map<String, String> updateThreadContext() {
        Map<String, String> previous = MDC.getCopyOfContextMap();
        entries.forEach(MDC::put);
        return previous;
    }

    @Override
    public void restoreThreadContext(Map<String, String> previous) {
        if (previous == null) {
            MDC.clear();
        } else {
            MDC.setContextMap(previous);
        }
    }
}
