package io.hearth.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Onboards N organisations through the real path and prints p50/p95 from {@code POST /api/v1/tenants} to
 * {@code ACTIVE}, then restarts app and prints its start-up time with those N schemas in place.
 * Run: {@code infra/platform/bench-onboarding [N]} (default 200).
 */
public final class OnboardingBenchmark {

    private OnboardingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Path root = Paths.get(System.getProperty("hearth.root", ".")).toAbsolutePath().normalize();
        Path logs = Files.createTempDirectory("hearth-bench-");
        int appPort = io.hearth.infra.FreePorts.next();
        System.out.printf("Onboarding %d organisations (service logs in %s)%n", n, logs);
        try (Platform platform = Platform.start(root, appPort, io.hearth.infra.FreePorts.next(), 0, logs)) {
            AdminClient admin = new AdminClient(platform.tenantAdmin().baseUrl());
            admin.signIn("operator@hearth.localhost", "hearth-operator-dev");
            String run = UUID.randomUUID().toString().substring(0, 4);
            List<Long> millis = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String slug = "bench-" + run + "-" + i;
                long t0 = System.nanoTime();
                AdminClient.Response response = admin.register(slug, "Bench " + i, "admin@" + slug + ".test", "standard");
                if (response.status() != 202) {
                    throw new IllegalStateException("registration refused: " + response);
                }
                admin.awaitStatus(slug, "ACTIVE", Duration.ofSeconds(60));
                millis.add((System.nanoTime() - t0) / 1_000_000);
                if ((i + 1) % 50 == 0) {
                    System.out.printf("  %d onboarded%n", i + 1);
                }
            }
            List<Long> sorted = new ArrayList<>(millis);
            Collections.sort(sorted);
            System.out.printf("POST -> ACTIVE over %d tenants: p50 %d ms, p95 %d ms, max %d ms%n",
                    n, percentile(sorted, 50), percentile(sorted, 95), sorted.get(sorted.size() - 1));

            platform.stopApp();
            try (ServiceProcess restarted = platform.startAnotherApp(root, appPort, logs)) {
                Duration startup = restarted.awaitReady(Duration.ofSeconds(120));
                System.out.printf("app start-up with %d tenant schemas (launch -> ready): %d ms%n", n, startup.toMillis());
            }

            // A release that adds a tenant migration: at start-up every schema is behind and is migrated.
            Path release = Files.createTempDirectory("hearth-rollout-");
            Files.writeString(release.resolve("V99990101000000__rollout_rehearsal.sql"),
                    "create table rollout_rehearsal (id integer primary key);\n");
            Path rolloutLog = logs.resolve("app-" + appPort + ".log");
            try (ServiceProcess rolledOut = platform.startAnotherApp(root, appPort, logs,
                    Map.of("HEARTH_TENANCY_EXTRA_MIGRATION_LOCATIONS", "filesystem:" + release))) {
                Duration startup = rolledOut.awaitReady(Duration.ofMinutes(15));
                System.out.printf("app start-up rolling a new migration over all %d schemas (launch -> ready): %d ms%n", n, startup.toMillis());
                for (String line : Files.readAllLines(rolloutLog)) {
                    if (line.contains("tenant schemas:")) {
                        java.util.regex.Matcher message = java.util.regex.Pattern.compile("\"message\":\"([^\"]*)\"").matcher(line);
                        System.out.println("  log: " + (message.find() ? message.group(1) : line));
                    }
                }
            }
        }
    }

    static long percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
