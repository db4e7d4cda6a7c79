package io.hearth.helm;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every rendered object against the JSON schema of its apiVersion and kind, offline: node runs test/validate.mjs,
 * which validates with the schemas bundled in npm's kubernetes-models (Kubernetes' OpenAPI) and
 * {@code @kubernetes-models/prometheus-operator} (ServiceMonitor, PrometheusRule).
 */
class KubernetesSchemasTest {

    private static final Path SCHEMAS = Path.of(System.getProperty("hearth.schemas.dir", "test")).toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    record Verdict(String kind, String name, String module, List<String> errors) {
    }

    @ParameterizedTest
    @EnumSource(ValueSet.class)
    void everyRenderedObjectMatchesTheSchemaOfItsKind(ValueSet values) {
        List<Map<String, Object>> objects = values.manifests().objects();

        List<Verdict> verdicts = validate(objects);

        assertThat(verdicts).hasSize(objects.size());
        assertThat(verdicts).allSatisfy(v -> assertThat(v.errors()).as(v.kind() + " " + v.name()).isEmpty());
        assertThat(verdicts).extracting(Verdict::kind).contains("Deployment", "Service", "ConfigMap", "ServiceAccount",
                "Ingress", "PodDisruptionBudget", "HorizontalPodAutoscaler", "ServiceMonitor", "PrometheusRule");
    }

    @Test
    void theValidatorRefusesObjectsThatBreakTheirSchema() {
        Manifests manifests = ValueSet.DEFAULTS.manifests();
        Map<String, Object> deployment = copy(manifests.one("Deployment", "hearth-app"));
        Node.map(deployment, "spec").put("replicas", "three");
        Map<String, Object> monitor = copy(manifests.one("ServiceMonitor", "hearth-app"));
        Node.asMap(Node.list(monitor, "spec.endpoints").get(0)).put("interval", "every 30 seconds");
        Map<String, Object> unknown = Map.of("apiVersion", "example.com/v1", "kind", "Gadget", "metadata", Map.of("name", "x"));

        List<Verdict> verdicts = validate(List.of(deployment, monitor, unknown));

        assertThat(verdicts.get(0).errors()).anyMatch(e -> e.contains("replicas"));
        assertThat(verdicts.get(1).errors()).anyMatch(e -> e.contains("interval"));
        assertThat(verdicts.get(2).errors()).anyMatch(e -> e.contains("no schema"));
    }

    private static List<Verdict> validate(List<Map<String, Object>> objects) {
        try {
            Process node = new ProcessBuilder("node", SCHEMAS.resolve("validate.mjs").toString())
                    .directory(SCHEMAS.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            try (var in = node.getOutputStream()) {
                in.write(JSON.writeValueAsBytes(objects));
            }
            String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(node.waitFor(60, TimeUnit.SECONDS)).as("node finished").isTrue();
            assertThat(node.exitValue()).as("node " + SCHEMAS.resolve("validate.mjs") + " (npm packages installed by the "
                    + "module's process-test-resources step)").isZero();
            return JSON.readValue(out, new TypeReference<>() { });
        } catch (IOException e) {
            throw new AssertionError("cannot run node: it is needed to validate against Kubernetes' schemas", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static Map<String, Object> copy(Map<String, Object> object) {
        return JSON.convertValue(object, new TypeReference<>() { });
    }
}
