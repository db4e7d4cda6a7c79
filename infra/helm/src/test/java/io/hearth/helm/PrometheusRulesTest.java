package io.hearth.helm;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** files/prometheus-rules.yaml: valid for promtool, proven by its unit tests, shipped as it is, each alert documented. */
class PrometheusRulesTest {

    private static final Path OPERATIONS = Path.of(System.getProperty("hearth.docs.dir", "../../docs"))
            .resolve("operations.md").toAbsolutePath().normalize();
    private static final String NO_PROMTOOL = "promtool is not installed (Debian's prometheus package; or set PROMTOOL): "
            + "the rules file cannot be checked (.ci/run installs it)";

    @Test
    void promtoolAcceptsTheRulesFile() {
        Optional<Path> promtool = promtool();
        assertThat(promtool).as(NO_PROMTOOL).isPresent();

        Run run = run(promtool.get(), "check", "rules", Chart.RULES.toString());

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("SUCCESS");
    }

    @Test
    void promtoolsUnitTestsOfTheAlertsPass() {
        Optional<Path> promtool = promtool();
        assertThat(promtool).as(NO_PROMTOOL).isPresent();

        Run run = run(promtool.get(), "test", "rules", Chart.RULE_TESTS.getFileName().toString());

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("SUCCESS");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theUnitTestsMakeTheErrorRateLatencyAndOutboxAlertsFireAndStayQuiet() {
        Set<String> fired = new HashSet<>();
        Set<String> quiet = new HashSet<>();
        for (Object test : (List<Object>) Chart.load(Chart.RULE_TESTS).get("tests")) {
            for (Object check : Node.list(test, "alert_rule_test")) {
                String alert = Node.string(check, "alertname");
                (Node.list(check, "exp_alerts").isEmpty() ? quiet : fired).add(alert);
            }
        }

        assertThat(fired).contains("HearthHighErrorRate", "HearthSlowRequests", "HearthOutboxStuck");
        assertThat(quiet).contains("HearthHighErrorRate", "HearthSlowRequests", "HearthOutboxStuck");
    }

    @Test
    void thePrometheusRuleHoldsTheRulesFileAsItIs() {
        for (ValueSet values : ValueSet.values()) {
            var rule = values.manifests().one("PrometheusRule");

            assertThat(Node.string(rule, "apiVersion")).isEqualTo("monitoring.coreos.com/v1");
            assertThat(Node.map(rule, "spec")).isEqualTo(Chart.load(Chart.RULES));
        }
    }

    @Test
    void everyAlertHasASeverityASummaryADescriptionAndARunbookSectionInTheOperationsPage() throws IOException {
        Set<String> anchors = headingAnchors(Files.readString(OPERATIONS));
        List<String> alerts = new ArrayList<>();

        for (Object group : Node.list(Chart.load(Chart.RULES), "groups")) {
            for (Object rule : Node.list(group, "rules")) {
                String alert = Node.string(rule, "alert");
                alerts.add(alert);
                assertThat(Node.string(rule, "labels.severity")).as(alert).isIn("critical", "warning");
                assertThat(Node.string(rule, "annotations.summary")).as(alert).isNotBlank();
                assertThat(Node.string(rule, "annotations.description")).as(alert).isNotBlank();
                String runbook = Node.string(rule, "annotations.runbook_url");
                assertThat(runbook).as(alert).isEqualTo("https://github.com/hearth/hearth/blob/main/docs/operations.md#"
                        + alert.toLowerCase(Locale.ROOT));
                assertThat(anchors).as("docs/operations.md has a heading ### " + alert).contains(alert.toLowerCase(Locale.ROOT));
            }
        }
        assertThat(alerts).contains("HearthHighErrorRate", "HearthSlowRequests", "HearthOutboxStuck", "HearthConsumerLag",
                "HearthDatabasePoolSaturated", "HearthTenantMigrationFailed", "HearthDeliveriesStuck",
                "HearthCertificateExpiresSoon", "HearthCertificateExpiresVerySoon", "HearthTargetDown");
    }

    /** GitHub's anchors of a Markdown page's headings: lower case, punctuation dropped, spaces as hyphens. */
    private static Set<String> headingAnchors(String markdown) {
        Set<String> anchors = new HashSet<>();
        var heading = Pattern.compile("(?m)^#{1,6}\\s+(.+?)\\s*$").matcher(markdown);
        while (heading.find()) {
            anchors.add(heading.group(1).toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
        }
        return anchors;
    }

    private static Optional<Path> promtool() {
        String configured = System.getenv("PROMTOOL");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured));
        }
        return Stream.concat(
                        Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)).filter(s -> !s.isBlank()),
                        Stream.of("/usr/bin", "/usr/local/bin"))
                .map(dir -> Path.of(dir, "promtool"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    record Run(int exit, String output) {
    }

    private static Run run(Path promtool, String... arguments) {
        List<String> command = new ArrayList<>(List.of(promtool.toString()));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).directory(Chart.RULES.getParent().toFile())
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
            return new Run(process.exitValue(), output);
        } catch (IOException e) {
            throw new AssertionError("cannot run " + promtool, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
