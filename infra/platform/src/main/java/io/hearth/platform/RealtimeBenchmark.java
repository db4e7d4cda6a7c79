package io.hearth.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hearth.infra.FreePorts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real-time socket's numbers, against the local platform (app started as {@code ./run-local} starts it, with
 * the demo organisation). Two measures:
 * <ul>
 *   <li>{@code idle [sockets]} (default 10,000): that many sockets signed in to one app instance, held idle for 30 s
 *   (pings answered); the app's heap (after a full GC) and resident memory before and after. Every socket must reach
 *   {@code ready} and stay open, or the run stops without a figure.</li>
 *   <li>{@code reconnect [seconds] [per second]} (default 60 s, 5 a second): a man's socket closes; his circle writes
 *   while he is away; he comes back and sends {@code recover} with the offset he had: every message written while he
 *   was away must be replayed, in order, with {@code recovered: true}, or the run says so and prints no figure.</li>
 * </ul>
 * The load generator runs on the same two cores as the app, PostgreSQL, Redis and Kafka. Run:
 * {@code infra/platform/bench-realtime idle 10000} or {@code infra/platform/bench-realtime reconnect 60 5}.
 */
public final class RealtimeBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RealtimeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "idle";
        Path root = Paths.get(System.getProperty("hearth.root", ".")).toAbsolutePath().normalize();
        Path logs = Files.createTempDirectory("hearth-bench-");
        try (Platform platform = Platform.start(root, FreePorts.next(), FreePorts.next(), 0, logs)) {
            BenchOrganisation organisation = BenchOrganisation.onboard(platform, "bench-rt", "Realtime Bench");
            switch (mode) {
                case "idle" -> idle(platform, organisation, args.length > 1 ? Integer.parseInt(args[1]) : 10_000);
                case "fanout" -> fanout(root, logs, platform, organisation, args.length > 1 ? Integer.parseInt(args[1]) : 30,
                        args.length > 2 ? Integer.parseInt(args[2]) : 500, args.length > 3 ? Integer.parseInt(args[3]) : 50);
                case "reconnect" -> reconnect(platform, organisation, args.length > 1 ? Integer.parseInt(args[1]) : 60,
                        args.length > 2 ? Integer.parseInt(args[2]) : 5);
                default -> throw new IllegalArgumentException("mode: idle, fanout or reconnect");
            }
        }
    }

    private static void idle(Platform platform, BenchOrganisation organisation, int sockets) throws Exception {
        String token = organisation.login("member1@demo.localhost");
        long pid = platform.app().pid();
        Memory before = memory(pid);
        AtomicInteger ready = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        try (SocketLoad load = new SocketLoad(platform.app().port(), organisation.host(), (client, text) -> {
            if (text.contains("\"type\":\"ready\"")) {
                ready.incrementAndGet();
            } else if (text.contains("\"type\":\"error\"")) {
                failures.add("socket " + client.index + ": " + text);
            }
        }, (client, code) -> failures.add("socket " + client.index + " closed with " + code))) {
            long t0 = System.nanoTime();
            for (int i = 0; i < sockets; i++) {
                load.open(i, token);
                if (i % 200 == 199) {
                    int opened = i + 1;
                    await(() -> ready.get() + failures.size() >= opened, Duration.ofSeconds(60));
                    if (!failures.isEmpty()) {
                        throw new IllegalStateException("refusing a figure: " + failures.size() + " sockets failed, e.g. " + failures.peek());
                    }
                }
            }
            await(() -> ready.get() + failures.size() >= sockets, Duration.ofSeconds(120));
            double openSeconds = (System.nanoTime() - t0) / 1e9;
            if (!failures.isEmpty() || ready.get() != sockets) {
                throw new IllegalStateException("refusing a figure: " + ready.get() + " of " + sockets + " ready, " + failures.size()
                        + " failed, e.g. " + failures.peek());
            }
            System.out.printf("%,d sockets signed in to one instance in %.1f s (%.0f a second)%n", sockets, openSeconds, sockets / openSeconds);
            Thread.sleep(5_000);
            Map<String, Long> cpuFrom = cpuByProcess(pid, -1);
            Thread.sleep(25_000);
            Map<String, Long> cpuTo = cpuByProcess(pid, -1);
            StringBuilder idle = new StringBuilder("CPU while the sockets idle (25 s), per second:");
            cpuTo.forEach((kind, ticks) -> {
                long used = ticks - cpuFrom.getOrDefault(kind, 0L);
                if (used > 0) {
                    idle.append(String.format(" %s %.0f ms;", kind.equals("app-1") ? "app" : kind, used * 10.0 / 25));
                }
            });
            System.out.println(idle);
            if (!failures.isEmpty()) {
                throw new IllegalStateException("refusing a figure: " + failures.size() + " sockets closed while idle, e.g. " + failures.peek());
            }
            Memory after = memory(pid);
            System.out.printf("app heap in use after a full GC: %.0f MiB before, %.0f MiB with %,d idle sockets (%.1f KiB a socket); "
                            + "resident memory %.0f MiB before, %.0f MiB after (%.1f KiB a socket); heap committed %.0f MiB%n",
                    before.heapMiB(), after.heapMiB(), sockets, (after.heapMiB() - before.heapMiB()) * 1024 / sockets,
                    before.rssMiB(), after.rssMiB(), (after.rssMiB() - before.rssMiB()) * 1024 / sockets, after.maxHeapMiB());
        }
    }

    private static void reconnect(Platform platform, BenchOrganisation organisation, int seconds, int perSecond) throws Exception {
        String reader = organisation.login("member1@demo.localhost");
        String writer = organisation.login("facilitator@demo.localhost");
        String chat = null;
        for (JsonNode conversation : organisation.http().send(organisation.url() + "/api/v1/conversations", "GET", null,
                organisation.auth(reader)).body().get("items")) {
            if ("CIRCLE".equals(conversation.get("kind").asText())) {
                chat = conversation.get("id").asText();
            }
        }
        if (chat == null) {
            throw new IllegalStateException("the demo member has no circle chat");
        }
        JsonNode page = organisation.http().send(organisation.url() + "/api/v1/conversations/" + chat + "/messages", "GET", null,
                organisation.auth(reader)).body();
        long offset = page.get("lastOffset").asLong();
        String epoch = page.get("epoch").asText();

        List<Long> written = new ArrayList<>();
        long t0 = System.nanoTime();
        int total = seconds * perSecond;
        for (int i = 0; i < total; i++) {
            long due = t0 + (long) (i * 1e9 / perSecond);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            JsonHttp.Response posted = organisation.http().send(organisation.url() + "/api/v1/conversations/" + chat + "/messages", "POST",
                    Map.of("text", "while you were away " + i), organisation.auth(writer));
            if (posted.status() != 201) {
                throw new IllegalStateException("refusing a figure: a message was answered " + posted.status() + " " + posted.body());
            }
            written.add(posted.body().get("offset").asLong());
        }
        System.out.printf("%,d messages written in %.0f s while he was away%n", total, (System.nanoTime() - t0) / 1e9);

        ConcurrentLinkedQueue<JsonNode> frames = new ConcurrentLinkedQueue<>();
        AtomicInteger closes = new AtomicInteger();
        try (SocketLoad load = new SocketLoad(platform.app().port(), organisation.host(), (client, text) -> {
            try {
                frames.add(JSON.readTree(text));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, (client, code) -> closes.incrementAndGet())) {
            SocketLoad.Client client = load.open(0, reader);
            await(() -> frames.stream().anyMatch(f -> "ready".equals(f.get("type").asText())) || closes.get() > 0, Duration.ofSeconds(20));
            long r0 = System.nanoTime();
            client.send(JSON.writeValueAsString(Map.of("type", "recover", "conversations",
                    List.of(Map.of("conversationId", chat, "offset", offset, "epoch", epoch)))));
            await(() -> frames.stream().anyMatch(f -> "recovered".equals(f.get("type").asText())) || closes.get() > 0, Duration.ofSeconds(30));
            double replaySeconds = (System.nanoTime() - r0) / 1e9;
            List<Long> replayed = new ArrayList<>();
            JsonNode recovered = null;
            for (JsonNode frame : frames) {
                if ("message".equals(frame.get("type").asText())) {
                    replayed.add(frame.get("offset").asLong());
                } else if ("recovered".equals(frame.get("type").asText())) {
                    recovered = frame.get("conversations").get(0);
                }
            }
            if (recovered == null || !recovered.get("recovered").asBoolean() || !replayed.equals(written)) {
                throw new IllegalStateException("refusing a figure: recovered " + recovered + ", " + replayed.size() + " of " + written.size()
                        + " messages replayed" + (replayed.equals(written) ? "" : " (not the same offsets in order)"));
            }
            System.out.printf("after %d s away: %,d of %,d missed messages replayed in order (100%%), recovered: true, in %.0f ms%n",
                    seconds, replayed.size(), written.size(), replaySeconds * 1000);
        }
    }

    private static final int PER_CIRCLE = 10;

    /**
     * Circles of ten (a facilitator and nine men), their men's sockets split over two app instances; the facilitators
     * write at the given rate overall, through both instances, round the circles; each message's delivery to each of
     * its ten sockets is timed twice: from just before its POST (the write included), and from the time the server
     * wrote it ({@code sentAt}, taken in its transaction: commit and delivery). A message not answered 201, or a
     * delivery missing, stops the run without a figure.
     */
    private static void fanout(Path root, Path logs, Platform platform, BenchOrganisation organisation, int seconds, int rate, int circles)
            throws Exception {
        ServiceProcess second = platform.startAnotherApp(root, FreePorts.next(), logs);
        second.awaitReady(Duration.ofSeconds(120));
        String[] bases = {platform.app().baseUrl(), second.baseUrl()};
        DemoOrganisation people = new DemoOrganisation(platform.app().baseUrl(), organisation.slug(), platform.stack().mailCatcher());
        String admin = people.signIn("admin@demo.localhost");
        String[] chats = new String[circles];
        String[] writers = new String[circles];
        String[][] sockets = new String[circles][PER_CIRCLE];
        java.util.concurrent.ExecutorService setup = java.util.concurrent.Executors.newFixedThreadPool(4);
        List<java.util.concurrent.Future<?>> made = new ArrayList<>();
        for (int c = 0; c < circles; c++) {
            int circleIndex = c;
            made.add(setup.submit(() -> {
                String facilitatorEmail = "fan-f" + circleIndex + "@demo.localhost";
                people.join(admin, facilitatorEmail, "FACILITATOR", "Fan", "Facilitator" + circleIndex);
                String facilitator = organisation.login(facilitatorEmail);
                JsonNode circle = organisation.http().send(organisation.url() + "/api/v1/circles", "POST",
                        Map.of("name", "Fan circle " + circleIndex, "capacity", 10), organisation.auth(facilitator)).body();
                String circleId = circle.get("id").asText();
                sockets[circleIndex][0] = facilitator;
                for (int m = 1; m < PER_CIRCLE; m++) {
                    String email = "fan-" + circleIndex + "-" + m + "@demo.localhost";
                    String id = people.join(admin, email, "MEMBER", "Fan", "Man" + circleIndex + "x" + m);
                    JsonHttp.Response added = organisation.http().send(organisation.url() + "/api/v1/circles/" + circleId + "/members", "POST",
                            Map.of("personId", id), organisation.auth(facilitator));
                    if (added.status() != 201) {
                        throw new IllegalStateException("could not add a man to a circle: " + added.status() + " " + added.body());
                    }
                    sockets[circleIndex][m] = organisation.login(email);
                }
                chats[circleIndex] = organisation.http().send(organisation.url() + "/api/v1/circles/" + circleId + "/conversation", "GET", null,
                        organisation.auth(facilitator)).body().get("id").asText();
                writers[circleIndex] = facilitator;
                return null;
            }));
        }
        for (java.util.concurrent.Future<?> one : made) {
            one.get();
        }
        setup.shutdown();
        System.out.printf("%d circles of %d set up%n", circles, PER_CIRCLE);
        int warmup = Math.max(rate * 5, 100);
        int total = warmup + seconds * rate;
        long[] sentAt = new long[total];
        long[] latencies = new long[total * PER_CIRCLE];
        long[] fromWrite = new long[total * PER_CIRCLE];
        AtomicInteger delivered = new AtomicInteger();
        AtomicInteger counted = new AtomicInteger();
        AtomicInteger ready = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        java.util.regex.Pattern number = java.util.regex.Pattern.compile("\"text\":\"fan (\\d+)\"");
        java.util.regex.Pattern written = java.util.regex.Pattern.compile("\"sentAt\":\"([^\"]+)\"");
        java.util.function.BiConsumer<SocketLoad.Client, String> onText = (client, text) -> {
            if (text.startsWith("{\"type\":\"message\"")) {
                java.util.regex.Matcher found = number.matcher(text);
                if (found.find()) {
                    int k = Integer.parseInt(found.group(1));
                    long latency = System.nanoTime() - sentAt[k];
                    java.time.Instant now = java.time.Instant.now();
                    java.util.regex.Matcher at = written.matcher(text);
                    if (!at.find()) {
                        failures.add("a message frame without sentAt: " + text);
                        return;
                    }
                    long sinceWrite = java.time.Duration.between(java.time.Instant.parse(at.group(1)), now).toNanos();
                    delivered.incrementAndGet();
                    if (k >= warmup) {
                        int slot = counted.getAndIncrement();
                        latencies[slot] = latency;
                        fromWrite[slot] = sinceWrite;
                    }
                }
            } else if (text.contains("\"type\":\"ready\"")) {
                ready.incrementAndGet();
            }
        };
        java.util.function.BiConsumer<SocketLoad.Client, Integer> onClose = (client, code) -> failures.add("socket " + client.index + " closed " + code);
        try (SocketLoad one = new SocketLoad(platform.app().port(), organisation.host(), onText, onClose);
             SocketLoad two = new SocketLoad(second.port(), organisation.host(), onText, onClose)) {
            int socketCount = circles * PER_CIRCLE;
            for (int i = 0; i < socketCount; i++) {
                (i % 2 == 0 ? one : two).open(i, sockets[i / PER_CIRCLE][i % PER_CIRCLE]);
                if ((i + 1) % 50 == 0) {
                    // men come online over time, not all in one instant: fifty at a time
                    int opened = i + 1;
                    await(() -> ready.get() >= opened || !failures.isEmpty(), Duration.ofSeconds(30));
                }
            }
            await(() -> ready.get() == socketCount || !failures.isEmpty(), Duration.ofSeconds(60));
            if (!failures.isEmpty()) {
                throw new IllegalStateException("refusing a figure: " + failures.peek());
            }
            // What the platform costs with these sockets open and nothing written: the part of the figures below no message causes.
            Map<String, Long> idleFrom = cpuByProcess(platform.app().pid(), second.pid());
            Thread.sleep(10_000);
            Map<String, Long> idleTo = cpuByProcess(platform.app().pid(), second.pid());
            StringBuilder idle = new StringBuilder("CPU with " + socketCount + " sockets open and nothing written, per second:");
            idleTo.forEach((kind, ticks) -> {
                long used = ticks - idleFrom.getOrDefault(kind, 0L);
                if (used > 0) {
                    idle.append(String.format(" %s %.0f ms;", kind, used * 10.0 / 10));
                }
            });
            System.out.println(idle);
            java.util.concurrent.ExecutorService senders = java.util.concurrent.Executors.newFixedThreadPool(32);
            AtomicInteger refused = new AtomicInteger();
            ConcurrentLinkedQueue<String> refusals = new ConcurrentLinkedQueue<>();
            long t0 = System.nanoTime();
            long measuredFrom = 0;
            Map<String, Long> cpuBefore = Map.of();
            for (int k = 0; k < total; k++) {
                long due = t0 + (long) (k * 1e9 / rate);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                if (k == warmup) {
                    measuredFrom = System.nanoTime();
                    cpuBefore = cpuByProcess(platform.app().pid(), second.pid());
                }
                int index = k;
                int circle = k % circles;
                long scheduled = Math.min(due, System.nanoTime());
                senders.execute(() -> {
                    // timed from when it was due (or sent, if the generator was early): a queue before the POST counts too
                    sentAt[index] = scheduled;
                    JsonHttp.Response posted = organisation.http().send(bases[index % 2] + "/api/v1/conversations/" + chats[circle] + "/messages", "POST",
                            Map.of("text", "fan " + index), organisation.auth(writers[circle]));
                    if (posted.status() != 201) {
                        refused.incrementAndGet();
                        refusals.add(posted.status() + " " + posted.body());
                    }
                });
            }
            double sendSeconds = (System.nanoTime() - measuredFrom) / 1e9;
            senders.shutdown();
            senders.awaitTermination(120, java.util.concurrent.TimeUnit.SECONDS);
            double allSeconds = (System.nanoTime() - measuredFrom) / 1e9;
            Map<String, Long> cpuAfter = cpuByProcess(platform.app().pid(), second.pid());
            long expected = (long) total * PER_CIRCLE;
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (delivered.get() < expected && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            if (refused.get() > 0 || !failures.isEmpty() || delivered.get() != expected) {
                throw new IllegalStateException("refusing a figure: " + refused.get() + " messages refused (e.g. " + refusals.peek() + "), "
                        + failures.size() + " sockets closed, " + delivered.get() + " of " + expected + " deliveries");
            }
            long[] measured = java.util.Arrays.copyOf(latencies, counted.get());
            java.util.Arrays.sort(measured);
            long[] delivery = java.util.Arrays.copyOf(fromWrite, counted.get());
            java.util.Arrays.sort(delivery);
            System.out.printf("%d circles of %d, sockets on two instances; %,d messages measured (after %,d to warm up), scheduled at %d a second, "
                            + "sent in %.1f s and answered in %.1f s (%.0f a second achieved); %,d deliveries%n",
                    circles, PER_CIRCLE, total - warmup, warmup, rate, sendSeconds, allSeconds, (total - warmup) / allSeconds, measured.length);
            System.out.printf("delivery latency from when the POST was due to each socket: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    at(measured, 0.50), at(measured, 0.95), at(measured, 0.99), measured[measured.length - 1] / 1e6);
            StringBuilder cpu = new StringBuilder("CPU time in the measured window, per message:");
            for (Map.Entry<String, Long> process : cpuAfter.entrySet()) {
                long used = process.getValue() - cpuBefore.getOrDefault(process.getKey(), 0L);
                if (used > 0) {
                    cpu.append(String.format(" %s %.2f ms;", process.getKey(), used * 10.0 / (total - warmup)));
                }
            }
            System.out.println(cpu);
            System.out.printf("delivery latency from the server's write (sentAt) to each socket: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    at(delivery, 0.50), at(delivery, 0.95), at(delivery, 0.99), delivery[delivery.length - 1] / 1e6);
        } finally {
            second.close();
        }
    }

    /** CPU time (clock ticks of 10 ms) used so far by each kind of process on this machine: the two apps apart. */
    private static Map<String, Long> cpuByProcess(long firstApp, long secondApp) throws IOException {
        Map<String, Long> ticks = new java.util.TreeMap<>();
        try (java.util.stream.Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : (Iterable<Path>) processes::iterator) {
                String name = process.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String stat = Files.readString(process.resolve("stat"));
                    String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long used = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    long pid = Long.parseLong(name);
                    String kind = pid == firstApp ? "app-1" : pid == secondApp ? "app-2" : pid == ProcessHandle.current().pid() ? "generator"
                            : comm.startsWith("postgres") ? "postgres" : comm.startsWith("redis") ? "redis"
                            : comm.equals("java") ? "other-java" : "other";
                    ticks.merge(kind, used, Long::sum);
                } catch (IOException | RuntimeException gone) {
                    // a process that ended while being read
                }
            }
        }
        return ticks;
    }

    private static double at(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    private record Memory(double heapMiB, double maxHeapMiB, double rssMiB) {
    }

    /** The app's heap after a full GC (jcmd), and its resident memory (/proc). */
    private static Memory memory(long pid) throws Exception {
        run("jcmd", Long.toString(pid), "GC.run");
        // jstat: survivor, eden and old generation in use and their capacities (KiB), whatever the collector.
        String[] lines = run("jstat", "-gc", Long.toString(pid)).trim().split("\n");
        List<String> names = List.of(lines[0].trim().split("\\s+"));
        String[] values = lines[1].trim().split("\\s+");
        double heap = 0;
        double max = 0;
        for (String used : List.of("S0U", "S1U", "EU", "OU")) {
            heap += Double.parseDouble(values[names.indexOf(used)]) / 1024.0;
        }
        for (String capacity : List.of("S0C", "S1C", "EC", "OC")) {
            max += Double.parseDouble(values[names.indexOf(capacity)]) / 1024.0;
        }
        double rss = 0;
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.replaceAll("\\D+", "")) / 1024.0;
            }
        }
        return new Memory(heap, max, rss);
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }

    private static void await(java.util.function.BooleanSupplier condition, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("refusing a figure: not done within " + within);
            }
            Thread.sleep(20);
        }
    }
}
