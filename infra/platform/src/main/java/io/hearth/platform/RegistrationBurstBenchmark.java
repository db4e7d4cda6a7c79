package io.hearth.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hearth.infra.FreePorts;
import io.hearth.infra.MailCatcher;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A crowd at the door: N members (default 1,000) of one organisation register for an event of S seats (default 100)
 * at the same moment, each over his own connection. Checks that exactly S are seated and the others wait with
 * positions 1 to N-S, in the order the server took them (their registration times), and prints the latency. First
 * the same crowd sends {@code GET /api/v1/me} at once: the floor, what any request costs when a thousand arrive
 * together on this machine. Then R rounds (default 3), each a new event, so that one slow setup gives several
 * measurements. With {@code -Dhearth.bench.profile=<file.jfr>} (in {@code HEARTH_BENCH_JAVA_OPTS}), app's first round
 * is recorded with Java Flight Recorder. Run: {@code infra/platform/bench-registrations [members] [seats] [rounds]}.
 */
public final class RegistrationBurstBenchmark {

    private RegistrationBurstBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int members = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int seats = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Path root = Paths.get(System.getProperty("hearth.root", ".")).toAbsolutePath().normalize();
        Path logs = Files.createTempDirectory("hearth-bench-");
        try (Platform platform = Platform.start(root, FreePorts.next(), FreePorts.next(), 0, logs)) {
            BenchOrganisation organisation = BenchOrganisation.onboard(platform, "bench-reg", "Registration Bench");
            MailCatcher mail = platform.stack().mailCatcher();
            String url = organisation.url();
            String host = organisation.host();
            String slug = organisation.slug();
            JsonHttp http = organisation.http();
            String admin = organisation.login("admin@demo.localhost");

            long t0 = System.nanoTime();
            List<String> emails = new ArrayList<>();
            for (int i = 0; i < members; i++) {
                emails.add("crowd" + i + "@" + slug + ".test");
            }
            inParallel(8, emails, email -> expect(201, http.send(url + "/api/v1/members/invitations", "POST", Map.of("email", email, "role", "MEMBER"),
                    organisation.auth(admin)), "invite " + email));
            Map<String, String> invitations = invitationTokens(mail, emails);
            Map<String, String> tokens = new ConcurrentHashMap<>();
            inParallel(4, emails, email -> {
                expect(201, http.send(url + "/api/v1/auth/invitations/" + invitations.get(email) + "/accept", "POST",
                        Map.of("password", DemoOrganisation.PASSWORD, "firstName", "Crowd", "lastName", email.substring(0, email.indexOf('@'))),
                        Map.of("Host", host)), "accept " + email);
                tokens.put(email, organisation.login(email));
            });
            System.out.printf("%d members invited, joined and signed in, in %.0f s%n", members, (System.nanoTime() - t0) / 1e9);

            // The floor: the same crowd, each on his own new connection, asks who he is at the same moment. No
            // registration can be answered faster than this on this machine.
            List<HttpRequest> whoAmI = new ArrayList<>();
            for (String email : emails) {
                whoAmI.add(HttpRequest.newBuilder(URI.create(url + "/api/v1/me")).timeout(Duration.ofSeconds(60)).header("Host", host)
                        .header("Connection", "close").header("Authorization", "Bearer " + tokens.get(email)).GET().build());
            }
            // Twice: the first also verifies each man's token for the first time, as the registrations will not have to.
            for (int round = 1; round <= 2; round++) {
                Burst floor = burst(whoAmI);
                System.out.printf("%n%d GET /api/v1/me at once (the floor, %s): %s, answers by status %s%n", members,
                        round == 1 ? "tokens new to the server" : "tokens known", floor.latency(), floor.byStatus());
            }

            String ptm = organisation.login("ptm@demo.localhost");
            String profile = System.getProperty("hearth.bench.profile");
            boolean failed = false;
            for (int round = 1; round <= rounds; round++) {
                Instant starts = Instant.now().plus(Duration.ofDays(30 + round));
                JsonNode event = expect(201, http.send(url + "/api/v1/events", "POST", Map.of("type", "WORKSHOP", "title", "The crowd's workshop " + round,
                        "startsAt", starts.toString(), "endsAt", starts.plus(Duration.ofHours(3)).toString(), "timeZone", "Europe/London",
                        "venue", "Hall", "capacity", seats, "visibility", "MEMBERS"), organisation.auth(ptm)), "create the event");
                String register = url + "/api/v1/events/" + event.get("id").asText() + "/register";
                List<HttpRequest> requests = new ArrayList<>();
                for (String email : emails) {
                    requests.add(HttpRequest.newBuilder(URI.create(register)).timeout(Duration.ofSeconds(60)).header("Host", host)
                            .header("Connection", "close").header("Authorization", "Bearer " + tokens.get(email)).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
                }
                boolean recording = profile != null && round == 1;
                if (recording) {
                    RequestPathBenchmark.jcmd(platform.app().pid(), "JFR.start", "name=bench", "settings=profile", "filename=" + Paths.get(profile).toAbsolutePath());
                }
                Burst burst = burst(requests);
                if (recording) {
                    RequestPathBenchmark.jcmd(platform.app().pid(), "JFR.stop", "name=bench");
                    System.out.println("app's flight recording of round 1: " + profile);
                }
                failed |= !report(round, burst, members, seats);
            }
            System.out.println("Service logs: " + logs);
            if (failed) {
                // Thrown, not System.exit: the platform's services must be stopped on the way out.
                throw new IllegalStateException("FAILED: the seats or the waiting list are wrong");
            }
        }
    }

    /** What a burst got back: each man's status and body (by his index) and the latencies, sorted. */
    private record Burst(List<Integer> statuses, Map<Integer, JsonNode> bodies, List<Long> micros, double seconds) {

        Map<Integer, Long> byStatus() {
            Map<Integer, Long> counts = new HashMap<>();
            statuses.forEach(s -> counts.merge(s, 1L, Long::sum));
            return counts;
        }

        String latency() {
            return String.format("p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms, all answered in %.2f s",
                    OnboardingBenchmark.percentile(micros, 50) / 1000.0, OnboardingBenchmark.percentile(micros, 95) / 1000.0,
                    OnboardingBenchmark.percentile(micros, 99) / 1000.0, micros.get(micros.size() - 1) / 1000.0, seconds);
        }
    }

    /**
     * Sends every request at the same moment, each on a new connection of its own: one HTTP/1.1 client, which opens a
     * connection for every request in flight, closed after its answer ({@code Connection: close}). One client, not a client per
     * man, so that the load's own threads take little of the machine the server runs on.
     */
    private static Burst burst(List<HttpRequest> requests) throws Exception {
        ObjectMapper json = new ObjectMapper();
        ExecutorService senders = Executors.newFixedThreadPool(4);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(senders)
                .connectTimeout(Duration.ofSeconds(30)).build();
        List<CompletableFuture<Long>> answers = new ArrayList<>();
        Map<Integer, JsonNode> bodies = new ConcurrentHashMap<>();
        List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
        long started = System.nanoTime();
        for (int i = 0; i < requests.size(); i++) {
            int man = i;
            long sent = System.nanoTime();
            answers.add(client.sendAsync(requests.get(i), HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
                long micros = (System.nanoTime() - sent) / 1000;
                statuses.add(response.statusCode());
                try {
                    bodies.put(man, json.readTree(response.body()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return micros;
            }));
        }
        List<Long> latencies = new ArrayList<>();
        for (CompletableFuture<Long> answer : answers) {
            latencies.add(answer.get());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        senders.shutdown();
        Collections.sort(latencies);
        return new Burst(statuses, bodies, latencies, seconds);
    }

    /** Prints one round and says whether its seats and waiting list are right. */
    private static boolean report(int round, Burst burst, int members, int seats) {
        Map<Integer, JsonNode> bodies = burst.bodies();
        long created = burst.statuses().stream().filter(s -> s == 201).count();
        List<JsonNode> confirmed = new ArrayList<>();
        List<JsonNode> waiting = new ArrayList<>();
        bodies.values().forEach(body -> {
            String status = body.path("status").asText();
            if ("CONFIRMED".equals(status)) {
                confirmed.add(body);
            } else if ("WAITLISTED".equals(status)) {
                waiting.add(body);
            }
        });
        List<Integer> positions = waiting.stream().map(body -> body.path("waitlistPosition").asInt()).sorted().toList();
        boolean contiguous = positions.size() == members - seats;
        for (int i = 0; contiguous && i < positions.size(); i++) {
            contiguous = positions.get(i) == i + 1;
        }
        // Arrival order as the server saw it: the later a man's registration time, the later his place.
        List<JsonNode> byTime = new ArrayList<>(bodies.values().stream().filter(body -> body.hasNonNull("createdAt")).toList());
        // Two men stamped in the same microsecond may be in either order: ties go by position.
        byTime.sort(Comparator.comparing((JsonNode body) -> Instant.parse(body.path("createdAt").asText()))
                .thenComparingInt(body -> body.path("waitlistPosition").asInt(0)));
        long outOfOrder = 0;
        Instant lastConfirmed = confirmed.stream().map(b -> Instant.parse(b.path("createdAt").asText())).max(Comparator.naturalOrder()).orElse(Instant.MIN);
        Instant firstWaiting = waiting.stream().map(b -> Instant.parse(b.path("createdAt").asText())).min(Comparator.naturalOrder()).orElse(Instant.MAX);
        int previous = 0;
        for (JsonNode body : byTime) {
            if (body.path("waitlistPosition").isInt()) {
                int position = body.path("waitlistPosition").asInt();
                if (position < previous) {
                    outOfOrder++;
                }
                previous = Math.max(previous, position);
            }
        }
        System.out.printf("%nRound %d: %d registrations for %d seats, all sent at once%n", round, members, seats);
        System.out.println("  answers by status: " + burst.byStatus());
        Map<String, Long> problems = new HashMap<>();
        bodies.values().stream().filter(body -> !body.hasNonNull("createdAt"))
                .forEach(body -> problems.merge(body.path("code").asText() + ": " + body.path("detail").asText(), 1L, Long::sum));
        problems.forEach((problem, count) -> System.out.println("  refused " + count + " times: " + problem));
        System.out.printf("  seated: %d (expected %d)%n", confirmed.size(), seats);
        System.out.printf("  waiting: %d, positions %s 1 to %d%n", waiting.size(), contiguous ? "exactly" : "NOT", members - seats);
        System.out.printf("  in the server's order: %s (%d waiting men placed before one registered earlier; last seat taken %s, first wait %s)%n",
                outOfOrder == 0 && !lastConfirmed.isAfter(firstWaiting) ? "yes" : "NO", outOfOrder, lastConfirmed, firstWaiting);
        System.out.println("  latency: " + burst.latency());
        return created == members && confirmed.size() == seats && contiguous;
    }

    private interface Step {
        void run(String email) throws Exception;
    }

    private static void inParallel(int threads, List<String> emails, Step step) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (String email : emails) {
            done.add(pool.submit(() -> {
                step.run(email);
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get();
        }
        pool.shutdown();
    }

    private static Map<String, String> invitationTokens(MailCatcher mail, List<String> emails) throws InterruptedException {
        Pattern link = Pattern.compile("/invitations/([A-Za-z0-9_-]{20,})");
        Map<String, String> tokens = new HashMap<>();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            for (MailCatcher.Mail message : mail.messages()) {
                Matcher matcher = link.matcher(message.body());
                if (matcher.find()) {
                    message.to().forEach(to -> tokens.put(to.toLowerCase(), matcher.group(1)));
                }
            }
            if (emails.stream().allMatch(email -> tokens.containsKey(email.toLowerCase()))) {
                Map<String, String> mine = new HashMap<>();
                emails.forEach(email -> mine.put(email, tokens.get(email.toLowerCase())));
                return mine;
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("not every invitation arrived within 3 minutes: " + tokens.size() + " links seen");
    }


    private static JsonNode expect(int status, JsonHttp.Response response, String what) {
        if (response.status() != status) {
            throw new IllegalStateException(what + ": expected " + status + ", got " + response.status() + " " + response.body());
        }
        return response.body();
    }

}
