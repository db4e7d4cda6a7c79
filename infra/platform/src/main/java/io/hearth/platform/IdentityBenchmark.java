package io.hearth.platform;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What identity costs a client: sign-in latency (Argon2id by design makes it slow), and the latency and
 * throughput of an authenticated request ({@code GET /api/v1/me}: token check, session check in Redis, the
 * person's live grants, the per-person limit) against the full platform.
 * Run: {@code infra/platform/bench-identity [sign-ins] [requests]} (defaults 50 and 2000).
 */
public final class IdentityBenchmark {

    private IdentityBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int signIns = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        Path root = Paths.get(System.getProperty("hearth.root", ".")).toAbsolutePath().normalize();
        Path logs = Files.createTempDirectory("hearth-bench-");
        try (Platform platform = Platform.start(root, io.hearth.infra.FreePorts.next(), io.hearth.infra.FreePorts.next(), 0, logs)) {
            AdminClient admin = new AdminClient(platform.tenantAdmin().baseUrl());
            admin.signIn("operator@hearth.localhost", "hearth-operator-dev");
            String slug = "bench-id-" + UUID.randomUUID().toString().substring(0, 4);
            admin.register(slug, "Identity Bench", "admin@demo.localhost", "standard");
            admin.awaitStatus(slug, "ACTIVE", Duration.ofSeconds(30));
            new DemoOrganisation(platform.app().baseUrl(), slug, platform.stack().mailCatcher()).seed("admin@demo.localhost");
            String url = platform.app().baseUrl();
            Map<String, String> host = Map.of("Host", slug + ".localhost");
            JsonHttp http = new JsonHttp();

            // Raise the member's own API limit out of the way: this measures the work, not the limiter's refusals.
            String adminToken = login(http, url, host, "admin@demo.localhost");
            http.send(url + "/api/v1/organisation/settings", "PUT", Map.of("registrationMode", "APPROVAL", "mfaRequiredRoles", List.of(),
                    "apiRequestsPerMinute", 100000), Map.of("Host", host.get("Host"), "Authorization", "Bearer " + adminToken));

            List<Long> loginMicros = new ArrayList<>();
            String token = null;
            for (int i = 0; i < signIns + 5; i++) {
                long t0 = System.nanoTime();
                token = login(http, url, host, "member1@demo.localhost");
                if (i >= 5) {
                    loginMicros.add((System.nanoTime() - t0) / 1000);
                }
            }
            report("sign-in (POST /api/v1/auth/login), one at a time", loginMicros);

            Map<String, String> auth = Map.of("Host", host.get("Host"), "Authorization", "Bearer " + token);
            for (int i = 0; i < 200; i++) {
                http.send(url + "/api/v1/me", "GET", null, auth);
            }
            List<Long> meMicros = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                long t0 = System.nanoTime();
                JsonHttp.Response response = http.send(url + "/api/v1/me", "GET", null, auth);
                meMicros.add((System.nanoTime() - t0) / 1000);
                if (response.status() != 200) {
                    throw new IllegalStateException("GET /me answered " + response.status() + ": " + response.body());
                }
            }
            report("GET /api/v1/me signed in, one at a time", meMicros);

            int clients = 8;
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            long t0 = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                done.add(pool.submit(() -> {
                    JsonHttp own = new JsonHttp();
                    for (int i = 0; i < requests / clients; i++) {
                        own.send(url + "/api/v1/me", "GET", null, auth);
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
            pool.shutdown();
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("GET /api/v1/me with %d concurrent clients: %.0f requests/s%n", clients, (requests / clients * clients) / seconds);
        }
    }

    private static String login(JsonHttp http, String url, Map<String, String> host, String email) {
        JsonHttp.Response response = http.send(url + "/api/v1/auth/login", "POST", Map.of("email", email, "password", DemoOrganisation.PASSWORD), host);
        JsonNode token = response.body().get("accessToken");
        if (response.status() != 200 || token == null) {
            throw new IllegalStateException("sign-in failed: " + response.status() + " " + response.body());
        }
        return token.asText();
    }

    private static void report(String what, List<Long> micros) {
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        System.out.printf("%s, n=%d: p50 %.1f ms, p95 %.1f ms, max %.1f ms%n", what, sorted.size(),
                OnboardingBenchmark.percentile(sorted, 50) / 1000.0, OnboardingBenchmark.percentile(sorted, 95) / 1000.0,
                sorted.get(sorted.size() - 1) / 1000.0);
    }
}
