package io.hearth.platform;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * What single sign-on costs a man, against the full platform and its local OpenID provider (a real one: discovery,
 * keys, code flow with PKCE), one sign-in at a time, in one run with the password sign-in beside it (both warmed):
 * the whole round trip (Hearth's start, the provider's authorization, Hearth's callback: the code traded for an ID
 * token, its signature, issuer, audience, expiry and nonce checked, the link found, the groups mapped, a session
 * issued), the callback alone, and the identity-first question the sign-in page asks as he types
 * ({@code GET /api/v1/auth/options?email=}). Any answer that is not the expected one stops the run with no figure.
 * Run: {@code infra/platform/bench-sso [sign-ins]} (default 200).
 */
public final class SsoBenchmark {

    private static final int WARM_UP = 20;

    private SsoBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int signIns = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Path root = Paths.get(System.getProperty("hearth.root", ".")).toAbsolutePath().normalize();
        Path logs = Files.createTempDirectory("hearth-bench-");
        try (Platform platform = Platform.start(root, io.hearth.infra.FreePorts.next(), io.hearth.infra.FreePorts.next(), 0, logs)) {
            AdminClient admin = new AdminClient(platform.tenantAdmin().baseUrl());
            admin.signIn("operator@hearth.localhost", "hearth-operator-dev");
            String slug = "bench-sso-" + UUID.randomUUID().toString().substring(0, 4);
            admin.register(slug, "SSO Bench", "admin@demo.localhost", "standard");
            admin.awaitStatus(slug, "ACTIVE", Duration.ofSeconds(30));
            DemoOrganisation demo = new DemoOrganisation(platform.app().baseUrl(), slug, platform.stack().mailCatcher());
            demo.seed("admin@demo.localhost");
            demo.setUpSingleSignOn("admin@demo.localhost", platform.openId());

            String app = platform.app().baseUrl();
            String host = slug + ".localhost";
            HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
            String email = URLEncoder.encode(OpenIdStandIn.DEMO_EMAIL, StandardCharsets.UTF_8);

            List<Long> roundTrips = new ArrayList<>();
            List<Long> callbacks = new ArrayList<>();
            List<Long> passwords = new ArrayList<>();
            List<Long> options = new ArrayList<>();
            for (int i = 0; i < WARM_UP + signIns; i++) {
                boolean counted = i >= WARM_UP;
                // Through the provider.
                long t0 = System.nanoTime();
                HttpResponse<String> start = expect(302, http.send(get(app + "/api/v1/auth/sso/start?email=" + email, host), HttpResponse.BodyHandlers.ofString()));
                HttpResponse<String> authorized = expect(302, http.send(HttpRequest.newBuilder(URI.create(location(start))).GET().build(),
                        HttpResponse.BodyHandlers.ofString()));
                URI back = URI.create(location(authorized));
                long t1 = System.nanoTime();
                HttpResponse<String> signedIn = expect(200, http.send(get(app + back.getRawPath() + "?" + back.getRawQuery(), host),
                        HttpResponse.BodyHandlers.ofString()));
                long t2 = System.nanoTime();
                if (!signedIn.body().contains("\"accessToken\"")) {
                    throw new IllegalStateException("the callback answered without a token: " + signedIn.body());
                }
                // With a password, in the same run.
                long t3 = System.nanoTime();
                HttpResponse<String> password = expect(200, http.send(HttpRequest.newBuilder(URI.create(app + "/api/v1/auth/login"))
                        .header("Host", host).header("Content-Type", "application/json").header("Accept", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"member1@demo.localhost\",\"password\":\"" + DemoOrganisation.PASSWORD + "\"}"))
                        .build(), HttpResponse.BodyHandlers.ofString()));
                long t4 = System.nanoTime();
                if (!password.body().contains("\"accessToken\"")) {
                    throw new IllegalStateException("the password sign-in answered without a token: " + password.body());
                }
                HttpResponse<String> asked = expect(200, http.send(get(app + "/api/v1/auth/options?email=" + email, host), HttpResponse.BodyHandlers.ofString()));
                long t5 = System.nanoTime();
                if (!asked.body().contains("\"sso\":true")) {
                    throw new IllegalStateException("the options did not send him to his provider: " + asked.body());
                }
                if (counted) {
                    roundTrips.add((t2 - t0) / 1000);
                    callbacks.add((t2 - t1) / 1000);
                    passwords.add((t4 - t3) / 1000);
                    options.add((t5 - t4) / 1000);
                }
            }
            report("sign-in through the organisation's provider, whole round trip (start, provider, callback)", roundTrips);
            report("  of which Hearth's callback (code exchange, ID token checks, link, groups, session)", callbacks);
            report("sign-in with a password (Argon2id), same run", passwords);
            report("GET /api/v1/auth/options?email= (identity first: does his domain go to a provider?)", options);
        }
    }

    private static HttpRequest get(String url, String host) {
        return HttpRequest.newBuilder(URI.create(url)).header("Host", host).header("Accept", "application/json").GET().build();
    }

    private static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElseThrow(() -> new IllegalStateException("no Location: " + response.uri()));
    }

    private static HttpResponse<String> expect(int status, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().method() + " " + response.uri() + " answered " + response.statusCode()
                    + " where " + status + " was expected: " + response.body());
        }
        return response;
    }

    private static void report(String what, List<Long> micros) {
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        System.out.printf("%s, n=%d: p50 %.1f ms, p95 %.1f ms, max %.1f ms%n", what, sorted.size(),
                OnboardingBenchmark.percentile(sorted, 50) / 1000.0, OnboardingBenchmark.percentile(sorted, 95) / 1000.0,
                sorted.get(sorted.size() - 1) / 1000.0);
    }
}
