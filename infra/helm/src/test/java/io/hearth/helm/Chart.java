package io.hearth.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The chart under test, driven through helm-java (Helm embedded: no helm binary on PATH). */
final class Chart {

    static final Path DIR = directory("hearth.chart.dir", "hearth");
    static final Path WORK = directory("hearth.work.dir", "target/chart-work");
    static final Path PRODUCTION_VALUES = DIR.resolve("examples/values-production.yaml");
    static final Path RULES = DIR.resolve("files/prometheus-rules.yaml");
    static final Path RULE_TESTS = DIR.resolve("files/prometheus-rules.test.yaml");
    static final String RELEASE = "hearth";
    static final String NAMESPACE = "hearth";
    /** The Kubernetes version templates render for (helm-java's default is 1.20, below the chart's kubeVersion). */
    static final String KUBE_VERSION = "1.33.0";

    private Chart() {
    }

    /** helm template with the chart's values.yaml and, in order, the given values files. */
    static String template(Path... valuesFiles) {
        TemplateCommand template = new Helm(DIR).template().withName(RELEASE).withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION);
        for (Path values : valuesFiles) {
            template = template.withValuesFile(values);
        }
        return template.call();
    }

    /** What helm install prints (NOTES.txt included), from a client-only dry run: no cluster is asked. */
    static String installOutput(String namespace, Path... valuesFiles) {
        InstallCommand install = new Helm(DIR).install().withName(RELEASE).withNamespace(namespace)
                .withKubeVersion(KUBE_VERSION).dryRun().clientOnly();
        for (Path values : valuesFiles) {
            install = install.withValuesFile(values);
        }
        return install.call().getOutput();
    }

    /** The objects helm template renders, parsed. */
    static Manifests render(Path... valuesFiles) {
        return Manifests.parse(template(valuesFiles));
    }

    /**
     * helm lint --strict of the chart as it would be with the given values file over values.yaml. helm-java's lint
     * takes no values file, so a copy of the chart gets the merged values as its values.yaml (Helm merges -f the same
     * way: maps deep, anything else replaced, null deletes).
     */
    static LintResult lint(Path valuesFile) {
        Path copy = copyOfChart(valuesFile == null ? "defaults" : valuesFile.getFileName().toString());
        if (valuesFile != null) {
            Map<String, Object> merged = merge(load(DIR.resolve("values.yaml")), load(valuesFile));
            write(copy.resolve("values.yaml"), new Yaml().dump(merged));
        }
        return new Helm(copy).lint().strict().call();
    }

    /** A values file with the given YAML, in the module's work folder. */
    static Path valuesFile(String name, String yaml) {
        Path file = WORK.resolve("values").resolve(name + ".yaml");
        write(file, yaml);
        return file;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> load(Path yamlFile) {
        try {
            Object loaded = yaml().load(Files.readString(yamlFile));
            return loaded == null ? new LinkedHashMap<>() : (Map<String, Object>) loaded;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Yaml yaml() {
        return new Yaml(new SafeConstructor(new LoaderOptions()));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> over) {
        Map<String, Object> merged = new LinkedHashMap<>(base);
        over.forEach((key, value) -> {
            if (value == null) {
                merged.remove(key);
            } else if (value instanceof Map<?, ?> map && merged.get(key) instanceof Map<?, ?> baseMap) {
                merged.put(key, merge((Map<String, Object>) baseMap, (Map<String, Object>) map));
            } else {
                merged.put(key, value);
            }
        });
        return merged;
    }

    private static Path copyOfChart(String name) {
        Path target = WORK.resolve("lint").resolve(name).resolve(DIR.getFileName());
        try {
            deleteRecursively(target);
            List<Path> sources;
            try (Stream<Path> walk = Files.walk(DIR)) {
                sources = new ArrayList<>(walk.toList());
            }
            for (Path source : sources) {
                Path destination = target.resolve(DIR.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(source, destination);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path each : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(each);
            }
        }
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path directory(String property, String fallback) {
        return Path.of(System.getProperty(property, fallback)).toAbsolutePath().normalize();
    }
}
