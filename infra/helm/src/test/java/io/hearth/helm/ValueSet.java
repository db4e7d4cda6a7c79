package io.hearth.helm;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The values the chart is held to: its defaults, and the production example. */
enum ValueSet {
    DEFAULTS,
    PRODUCTION;

    // One render per value set and JVM: every test class reads the same objects.
    private static final Map<ValueSet, Manifests> RENDERED = new ConcurrentHashMap<>();

    Path[] files() {
        return this == PRODUCTION ? new Path[] {Chart.PRODUCTION_VALUES} : new Path[0];
    }

    /** The rendered objects; their text is also left in target/chart-work/rendered-<set>.yaml to read. */
    Manifests manifests() {
        return RENDERED.computeIfAbsent(this, set -> {
            Manifests manifests = Chart.render(set.files());
            Chart.write(Chart.WORK.resolve("rendered-" + set.name().toLowerCase(Locale.ROOT) + ".yaml"), manifests.text());
            return manifests;
        });
    }
}
