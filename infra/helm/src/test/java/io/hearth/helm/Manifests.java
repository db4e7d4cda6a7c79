package io.hearth.helm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The objects of one helm template run, with the few ways the tests look them up. */
record Manifests(String text, List<Map<String, Object>> objects) {

    @SuppressWarnings("unchecked")
    static Manifests parse(String text) {
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object document : Chart.yaml().loadAll(text)) {
            if (document != null) {
                objects.add((Map<String, Object>) document);
            }
        }
        return new Manifests(text, List.copyOf(objects));
    }

    List<Map<String, Object>> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
    }

    Map<String, Object> one(String kind, String name) {
        return ofKind(kind).stream()
                .filter(o -> name.equals(Node.string(o, "metadata.name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " among " + names()));
    }

    Map<String, Object> one(String kind) {
        List<Map<String, Object>> found = ofKind(kind);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + kind + ", found " + found.size());
        }
        return found.get(0);
    }

    List<String> names() {
        return objects.stream().map(o -> o.get("kind") + "/" + Node.string(o, "metadata.name")).toList();
    }

    /** Every container of every Deployment. */
    List<Map<String, Object>> containers() {
        return ofKind("Deployment").stream()
                .flatMap(d -> Node.list(d, "spec.template.spec.containers").stream())
                .map(Node::asMap)
                .filter(Objects::nonNull)
                .toList();
    }
}
