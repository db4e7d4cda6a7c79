package io.hearth.helm;

import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChartLintTest {

    @Test
    void theDefaultValuesPassStrictLint() {
        LintResult result = Chart.lint(null);

        assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
        assertThat(result.getMessages()).noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
    }

    @Test
    void theProductionExamplePassesStrictLint() {
        LintResult result = Chart.lint(Chart.PRODUCTION_VALUES);

        assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
        assertThat(result.getMessages()).noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
    }

    @Test
    void lintRefusesValuesWithoutTheExistingSecret() {
        LintResult result = Chart.lint(Chart.valuesFile("lint-no-secret", "existingSecret: null\n"));

        assertThat(result.isFailed()).isTrue();
        assertThat(String.join("\n", result.getMessages())).contains("existingSecret");
    }

    @Test
    void lintRefusesReplicasThatAreNoNumber() {
        LintResult result = Chart.lint(Chart.valuesFile("lint-replicas-three", "app:\n  replicaCount: three\n"));

        assertThat(result.isFailed()).isTrue();
        assertThat(String.join("\n", result.getMessages())).contains("replicaCount");
    }
}
