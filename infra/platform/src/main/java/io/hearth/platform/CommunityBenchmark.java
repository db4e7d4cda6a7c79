package io.hearth.platform;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.infra.FreePorts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The help desk and polls under use, through the API of the full platform: {@code men} members (made through the API)
 * each open {@code tickets} tickets, support reads its queue, answers tickets asking for more (the clock stops) and
 * each man replies in the app (it runs again); then every man answers an organisation-wide question again and again,
 * each answer counted live over the socket to everyone it asks. Four clients at a time. Each step runs a warm-up
 * first; only answers with the expected status count, and any other stops the run without a figure. Run:
 * {@code infra/platform/bench-community [men] [tickets per man] [rounds of answers]}.
 */
public final class CommunityBenchmark {

    private static final int CLIENTS = 4;

    private CommunityBenchmark() {
    }

    /** One timed request; the failure, when the answer was not the expected one. */
    private interface Call {
        JsonHttp.Response send() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int men = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int ticketsPerMan = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        Path root = Paths.get(System.getProperty("hearth.root", ".")).toAbsolutePath().normalize();
        Path logs = Files.createTempDirectory("hearth-bench-");
        try (Platform platform = Platform.start(root, FreePorts.next(), FreePorts.next(), 0, logs)) {
            BenchOrganisation organisation = BenchOrganisation.onboard(platform, "bench-community", "Community Bench");
            DemoOrganisation people = new DemoOrganisation(platform.app().baseUrl(), organisation.slug(), platform.stack().mailCatcher());
            JsonHttp http = organisation.http();
            String url = organisation.url();
            String admin = organisation.login("admin@demo.localhost");
            String support = organisation.login("support@demo.localhost");
            String[] tokens = new String[men];
            // Daemon threads: a run that stops on an error must not keep the JVM (and the platform it started) alive.
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS, task -> {
                Thread thread = new Thread(task, "bench-client");
                thread.setDaemon(true);
                return thread;
            });
            List<Future<?>> made = new ArrayList<>();
            for (int i = 0; i < men; i++) {
                int index = i;
                made.add(pool.submit(() -> {
                    String email = "community-" + index + "@demo.localhost";
                    people.join(admin, email, "MEMBER", "Bench", "Man" + index);
                    tokens[index] = organisation.login(email);
                    return null;
                }));
            }
            for (Future<?> one : made) {
                one.get();
            }
            String category = expect(201, http.send(url + "/api/v1/ticket-categories", "POST", Map.of("name", "Bench questions",
                    "firstResponseMinutes", 60, "resolutionMinutes", 480), organisation.auth(admin)), "a category").get("id").asText();

            System.out.printf("%-44s %7s %8s %8s %8s%n", "step", "count", "p50 ms", "p95 ms", "p99 ms");
            ConcurrentLinkedQueue<String> opened = new ConcurrentLinkedQueue<>();
            List<Call> opens = new ArrayList<>();
            for (int round = 0; round < ticketsPerMan; round++) {
                for (int man = 0; man < men; man++) {
                    String token = tokens[man];
                    int n = round;
                    opens.add(() -> {
                        JsonHttp.Response r = http.send(url + "/api/v1/tickets", "POST", Map.of("categoryId", category, "subject",
                                "Question " + n, "body", "I would like to know more about the next retreat, please."), withKey(organisation.auth(token)));
                        if (r.status() == 201) {
                            opened.add(r.body().get("id").asText());
                        }
                        return r;
                    });
                }
            }
            measure("open a ticket (POST /tickets)", 201, opens, pool, opens.size() / 10);

            List<Call> queueReads = repeat(400, () -> http.send(url + "/api/v1/tickets?queue=true&size=20", "GET", null, organisation.auth(support)));
            measure("support's queue, 20 a page (" + opened.size() + " tickets)", 200, queueReads, pool, 100);
            List<Call> unassigned = repeat(400, () -> http.send(url + "/api/v1/tickets?queue=true&unassigned=true&status=NEW&size=20", "GET", null,
                    organisation.auth(support)));
            measure("the queue: new and unassigned", 200, unassigned, pool, 100);

            List<String> answered = new ArrayList<>(opened).subList(0, Math.min(opened.size(), 400));
            List<Call> answers = new ArrayList<>();
            for (String id : answered) {
                answers.add(() -> http.send(url + "/api/v1/tickets/" + id + "/messages", "POST", Map.of("body",
                        "Thanks for asking. Which weekend suits you?", "status", "WAITING_FOR_MEMBER"), withKey(organisation.auth(support))));
            }
            measure("support answers, waiting for him", 201, answers, pool, 40);
            List<Call> reads = new ArrayList<>();
            for (String id : answered) {
                reads.add(() -> http.send(url + "/api/v1/tickets/" + id, "GET", null, organisation.auth(support)));
            }
            measure("one ticket with its messages", 200, reads, pool, 40);

            Map<String, String> ownerOf = owners(http, url, organisation, tokens);
            List<Call> replies = new ArrayList<>();
            for (String id : answered) {
                String token = ownerOf.get(id);
                replies.add(() -> http.send(url + "/api/v1/tickets/" + id + "/messages", "POST", Map.of("body", "The second weekend, thanks."),
                        withKey(organisation.auth(token))));
            }
            measure("his reply in the app (the clock runs again)", 201, replies, pool, 40);

            JsonNode poll = expect(201, http.send(url + "/api/v1/polls", "POST", Map.of("scope", "ORGANISATION", "kind", "CHOICE",
                    "question", "Which retreat theme?", "options", List.of(Map.of("label", "Fathers"), Map.of("label", "Work"),
                            Map.of("label", "Grief"), Map.of("label", "Play"))), organisation.auth(admin)), "a poll");
            String pollId = poll.get("id").asText();
            List<String> options = new ArrayList<>();
            poll.get("options").forEach(o -> options.add(o.get("id").asText()));
            List<Call> choices = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                for (int man = 0; man < men; man++) {
                    String token = tokens[man];
                    String option = options.get((man + round) % options.size());
                    choices.add(() -> http.send(url + "/api/v1/polls/" + pollId + "/answer", "PUT", Map.of("choices", List.of(option)),
                            organisation.auth(token)));
                }
            }
            measure("answer a poll of " + (men + 8) + " men (live tally)", 200, choices, pool, choices.size() / 10);
            List<Call> pollReads = repeat(400, () -> http.send(url + "/api/v1/polls/" + pollId, "GET", null, organisation.auth(tokens[0])));
            measure("read the poll with its tally", 200, pollReads, pool, 100);
            pool.shutdown();
        }
    }

    private static List<Call> repeat(int times, Call call) {
        return new ArrayList<>(Collections.nCopies(times, call));
    }

    private static Map<String, String> withKey(Map<String, String> headers) {
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.put("Idempotency-Key", UUID.randomUUID().toString());
        return all;
    }

    /** Which man opened each ticket (his own list), so that he answers his own. */
    private static Map<String, String> owners(JsonHttp http, String url, BenchOrganisation organisation, String[] tokens) {
        Map<String, String> owners = new java.util.HashMap<>();
        for (String token : tokens) {
            for (int page = 0; ; page++) {
                JsonNode list = expect(200, http.send(url + "/api/v1/tickets?size=100&page=" + page, "GET", null, organisation.auth(token)), "his tickets");
                list.get("items").forEach(t -> owners.put(t.get("id").asText(), token));
                if (list.get("items").size() < 100) {
                    break;
                }
            }
        }
        return owners;
    }

    /**
     * Runs the calls, {@link #CLIENTS} at a time: the first {@code warmUp} uncounted, then the rest timed. Prints p50,
     * p95, p99; any answer but {@code expected} stops the run without a figure.
     */
    private static void measure(String step, int expected, List<Call> calls, ExecutorService pool, int warmUpWanted) throws Exception {
        int warmUp = Math.min(warmUpWanted, calls.size() / 2);
        ConcurrentLinkedQueue<Long> times = new ConcurrentLinkedQueue<>();
        AtomicReference<String> failure = new AtomicReference<>();
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            Call call = calls.get(i);
            boolean counted = i >= warmUp;
            running.add(pool.submit(() -> {
                if (failure.get() != null) {
                    return null;
                }
                long start = System.nanoTime();
                JsonHttp.Response response = call.send();
                long elapsed = System.nanoTime() - start;
                if (response.status() != expected) {
                    failure.compareAndSet(null, response.status() + " " + response.body());
                } else if (counted) {
                    times.add(elapsed);
                }
                return null;
            }));
        }
        for (Future<?> one : running) {
            one.get();
        }
        if (failure.get() != null) {
            System.out.printf("%s: an answer was not %d (%s): no figure%n", step, expected, failure.get());
            System.exit(1);
        }
        List<Long> sorted = new ArrayList<>(times);
        Collections.sort(sorted);
        System.out.printf("%-44s %7d %8.1f %8.1f %8.1f%n", step, sorted.size(), ms(sorted, 0.50), ms(sorted, 0.95), ms(sorted, 0.99));
    }

    private static double ms(List<Long> sorted, double quantile) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1)) / 1e6;
    }

    private static JsonNode expect(int status, JsonHttp.Response response, String what) {
        if (response.status() != status) {
            throw new IllegalStateException(what + ": " + response.status() + " " + response.body());
        }
        return response.body();
    }
}
