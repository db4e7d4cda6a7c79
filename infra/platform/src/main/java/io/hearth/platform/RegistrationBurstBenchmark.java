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
 * positions 1 to N-S, in the order the server took them (their registration times), and prints the latency.
 * Run: {@code infra/platform/bench-registrations [members] [seats]}.
 */
public final class RegistrationBurstBenchmark {

    private RegistrationBurstBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int members = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int seats = args.length > 1 ? Integer.parseInt(args[1]) : 100;
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

            String ptm = organisation.login("ptm@demo.localhost");
            Instant starts = Instant.now().plus(Duration.ofDays(30));
            JsonNode event = expect(201, http.send(url + "/api/v1/events", "POST", Map.of("type", "WORKSHOP", "title", "The crowd's workshop",
                    "startsAt", starts.toString(), "endsAt", starts.plus(Duration.ofHours(3)).toString(), "timeZone", "Europe/London",
                    "venue", "Hall", "capacity", seats, "visibility", "MEMBERS"), organisation.auth(ptm)), "create the event");
            String register = url + "/api/v1/events/" + event.get("id").asText() + "/register";

            // Every man on his own connection, all sent at once.
            ObjectMapper json = new ObjectMapper();
            ExecutorService senders = Executors.newFixedThreadPool(16);
            List<HttpClient> clients = new ArrayList<>();
            List<CompletableFuture<long[]>> answers = new ArrayList<>();
            Map<Integer, JsonNode> bodies = new ConcurrentHashMap<>();
            List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
            for (int i = 0; i < members; i++) {
                clients.add(HttpClient.newBuilder().executor(senders).connectTimeout(Duration.ofSeconds(30)).build());
            }
            long burst = System.nanoTime();
            for (int i = 0; i < members; i++) {
                int man = i;
                HttpRequest request = HttpRequest.newBuilder(URI.create(register)).timeout(Duration.ofSeconds(60)).header("Host", host)
                        .header("Authorization", "Bearer " + tokens.get(emails.get(i))).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
                long sent = System.nanoTime();
                answers.add(clients.get(i).sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
                    long micros = (System.nanoTime() - sent) / 1000;
                    statuses.add(response.statusCode());
                    try {
                        bodies.put(man, json.readTree(response.body()));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return new long[]{micros};
                }));
            }
            List<Long> latencies = new ArrayList<>();
            for (CompletableFuture<long[]> answer : answers) {
                latencies.add(answer.get()[0]);
            }
            double seconds = (System.nanoTime() - burst) / 1e9;
            senders.shutdown();
            Collections.sort(latencies);

            long created = statuses.stream().filter(s -> s == 201).count();
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
            byTime.sort(Comparator.comparing((JsonNode body) -> Instant.parse(body.path("createdAt").asText())));
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
            Map<Integer, Long> byStatus = new HashMap<>();
            statuses.forEach(s -> byStatus.merge(s, 1L, Long::sum));

            System.out.printf("%n%d registrations for %d seats, all sent at once, answered in %.2f s%n", members, seats, seconds);
            System.out.println("  answers by status: " + byStatus);
            Map<String, Long> problems = new HashMap<>();
            bodies.values().stream().filter(body -> !body.hasNonNull("createdAt"))
                    .forEach(body -> problems.merge(body.path("code").asText() + ": " + body.path("detail").asText(), 1L, Long::sum));
            problems.forEach((problem, count) -> System.out.println("  refused " + count + " times: " + problem));
            System.out.printf("  seated: %d (expected %d)%n", confirmed.size(), seats);
            System.out.printf("  waiting: %d, positions %s 1 to %d%n", waiting.size(), contiguous ? "exactly" : "NOT", members - seats);
            System.out.printf("  in the server's order: %s (%d waiting men placed before one registered earlier; last seat taken %s, first wait %s)%n",
                    outOfOrder == 0 && !lastConfirmed.isAfter(firstWaiting) ? "yes" : "NO", outOfOrder, lastConfirmed, firstWaiting);
            System.out.printf("  latency: p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms%n", OnboardingBenchmark.percentile(latencies, 50) / 1000.0,
                    OnboardingBenchmark.percentile(latencies, 95) / 1000.0, OnboardingBenchmark.percentile(latencies, 99) / 1000.0,
                    latencies.get(latencies.size() - 1) / 1000.0);
            System.out.println("Service logs: " + logs);
            if (created != members || confirmed.size() != seats || !contiguous) {
                // Thrown, not System.exit: the platform's services must be stopped on the way out.
                throw new IllegalStateException("FAILED: the seats or the waiting list are wrong");
            }
        }
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
