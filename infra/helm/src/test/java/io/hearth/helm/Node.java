package io.hearth.helm;

import java.util.List;
import java.util.Map;

/** Reading parsed YAML by dotted paths ("spec.template.spec"); a missing step gives null. */
final class Node {

    private Node() {
    }

    static Object at(Object node, String path) {
        Object current = node;
        for (String step : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(step);
        }
        return current;
    }

    static Map<String, Object> map(Object node, String path) {
        return asMap(at(node, path));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object node) {
        return node instanceof Map<?, ?> ? (Map<String, Object>) node : null;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object node, String path) {
        Object found = at(node, path);
        return found instanceof List<?> ? (List<Object>) found : List.of();
    }

    static String string(Object node, String path) {
        Object found = at(node, path);
        return found == null ? null : found.toString();
    }
}
