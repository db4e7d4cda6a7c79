package io.hearth.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hearth.infra.FreePorts;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Documents' files of up to 20 MB (issue: documents and waivers) through the real API of the full platform (app as its
 * own JVM, real PostgreSQL, Redis and Kafka, the local-disk store in a directory of this run):
 * the demo organisation's admin shares PDFs of 100 KB, 1 MB and 20 MB ({@code POST /api/v1/documents}, multipart, as a
 * browser sends it), a member downloads the 20 MB one ({@code GET /api/v1/documents/{id}/file}), and four admins'
 * clients share a 20 MB file at once, a few rounds. The app's peak resident memory (VmHWM) is read before and after:
 * a file streamed to disk must not show in it by the 20 MB.
 *
 * <p>An upload counts only when it is 201 with the file's exact size and SHA-256; a download only when it is 200 with
 * the same bytes (SHA-256); any other answer stops the run without a figure. Each step is warmed up first (the
 * services run with the full JIT, as in production). Run: {@code infra/platform/bench-documents [uploads per size] [app heap]}
 * (default 20, and the services' heap of the local run, 768m; a heap such as {@code 160m} shows that no file is held in it).
 */
public final class DocumentBenchmark {

    private static final int WARM_UP = 3;
    private static final int AT_ONCE = 4;
    private static final int ROUNDS_AT_ONCE = 3;
    private static final int MB = 1024 * 1024;

    private DocumentBenchmark() {
    }

    /** A file to share: its bytes and their SHA-256. */
    record Pdf(String label, byte[] bytes, String sha256) {
    }

    public static void main(String[] args) throws Exception {
        int uploads = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        // The services' heap: the local run's 768m, or a small one to show that no file is held in it (ServiceProcess reads it).
        if (args.length > 1) {
            System.setProperty("hearth.services.heap", args[1]);
        }
        String heap = System.getProperty("hearth.services.heap", "768m");
        Path root = Paths.get(System.getProperty("hearth.root", ".")).toAbsolutePath().normalize();
        Path logs = Files.createTempDirectory("hearth-bench-");
        Path files = Files.createTempDirectory("hearth-bench-documents-");
        System.out.println("service logs in " + logs + "; documents' files in " + files + " (deleted at the end)");
        String outcome = null;
        try (Platform platform = Platform.start(root, FreePorts.next(), FreePorts.next(), 0, 0, logs,
                Map.of("HEARTH_DOCUMENTS_DIR", files.toString()))) {
            BenchOrganisation organisation = BenchOrganisation.onboard(platform, "bench-documents", "Documents Bench");
            String admin = organisation.login("admin@demo.localhost");
            String member = organisation.login("member1@demo.localhost");
            long appPid = platform.app().pid();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            ObjectMapper json = new ObjectMapper();
            System.out.printf("app's peak resident memory after start and seeding: %,d MB%n", peakResidentKb(appPid) / 1024);

            List<Pdf> pdfs = List.of(pdf("100 KB", 100 * 1024), pdf("1 MB", MB), pdf("20 MB", 20 * MB));
            String big = null;
            for (Pdf pdf : pdfs) {
                List<Long> times = new ArrayList<>();
                for (int i = 0; i < WARM_UP + uploads; i++) {
                    long start = System.nanoTime();
                    HttpResponse<String> response = http.send(upload(organisation, admin, pdf, "Bench " + pdf.label() + " " + i),
                            HttpResponse.BodyHandlers.ofString());
                    long elapsed = System.nanoTime() - start;
                    String problem = checkUpload(json, response, pdf);
                    if (problem != null) {
                        throw new Refused("upload of " + pdf.label() + " #" + i + ": " + problem);
                    }
                    if (i >= WARM_UP) {
                        times.add(elapsed);
                    }
                    big = json.readTree(response.body()).get("id").asText();
                }
                report("share a " + pdf.label() + " PDF (POST /api/v1/documents)", times, pdf.bytes().length);
            }

            Pdf twenty = pdfs.get(2);
            List<Long> downloads = new ArrayList<>();
            for (int i = 0; i < WARM_UP + uploads; i++) {
                long start = System.nanoTime();
                HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(organisation.url() + "/api/v1/documents/" + big + "/file"))
                        .header("Host", organisation.host()).header("Authorization", "Bearer " + member).timeout(Duration.ofSeconds(120)).GET().build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                String sha256;
                long length;
                try (InputStream in = response.body()) {
                    MessageDigest digest = MessageDigest.getInstance("SHA-256");
                    byte[] buffer = new byte[64 * 1024];
                    length = 0;
                    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                        digest.update(buffer, 0, n);
                        length += n;
                    }
                    sha256 = HexFormat.of().formatHex(digest.digest());
                }
                long elapsed = System.nanoTime() - start;
                if (response.statusCode() != 200 || !sha256.equals(twenty.sha256())) {
                    throw new Refused("download #" + i + " answered " + response.statusCode() + " with " + length + " bytes, SHA-256 " + sha256);
                }
                if (i >= WARM_UP) {
                    downloads.add(elapsed);
                }
            }
            report("a member downloads the 20 MB PDF (GET /api/v1/documents/{id}/file)", downloads, twenty.bytes().length);

            long before = peakResidentKb(appPid);
            ExecutorService clients = Executors.newFixedThreadPool(AT_ONCE);
            List<Long> rounds = new ArrayList<>();
            try {
                for (int round = 0; round < 1 + ROUNDS_AT_ONCE; round++) {
                    int r = round;
                    long start = System.nanoTime();
                    List<Future<String>> answers = new ArrayList<>();
                    for (int c = 0; c < AT_ONCE; c++) {
                        int client = c;
                        answers.add(clients.submit(() -> checkUpload(json, http.send(upload(organisation, admin, twenty, "At once " + r + "-" + client),
                                HttpResponse.BodyHandlers.ofString()), twenty)));
                    }
                    for (Future<String> answer : answers) {
                        String problem = answer.get();
                        if (problem != null) {
                            throw new Refused("four at once, round " + r + ": " + problem);
                        }
                    }
                    if (round > 0) {
                        rounds.add(System.nanoTime() - start);
                    }
                }
            } finally {
                clients.shutdownNow();
            }
            Collections.sort(rounds);
            System.out.printf("%d uploads of 20 MB at once, %d rounds after a warm-up: median %.2f s a round (%.1f MB/s in all), slowest %.2f s%n",
                    AT_ONCE, rounds.size(), rounds.get((rounds.size() - 1) / 2) / 1e9,
                    AT_ONCE * 20.0 / (rounds.get((rounds.size() - 1) / 2) / 1e9), rounds.get(rounds.size() - 1) / 1e9);
            System.out.printf("app's peak resident memory: %,d MB before the uploads at once, %,d MB after (the app's heap: %s)%n",
                    before / 1024, peakResidentKb(appPid) / 1024, "-Xmx" + heap);
        } catch (Refused refused) {
            // Reported once the platform is stopped: exiting inside would leave the services running.
            outcome = refused.getMessage();
        } finally {
            try (Stream<Path> walk = Files.walk(files)) {
                walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        if (outcome != null) {
            System.out.println(outcome);
            System.out.println("no figure: not every answer succeeded");
            System.exit(1);
        }
    }

    /** An answer that is not the expected one: the run stops without a figure. */
    private static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    private static Pdf pdf(String label, int size) throws Exception {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        byte[] head = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, bytes, 0, head.length);
        return new Pdf(label, bytes, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
    }

    /** The multipart form a browser sends: the fields, then the file. */
    private static HttpRequest upload(BenchOrganisation organisation, String token, Pdf pdf, String title) throws Exception {
        String boundary = "----hearth-bench-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream(pdf.bytes().length + 1024);
        for (Map.Entry<String, String> field : Map.of("kind", "DOCUMENT", "title", title, "audience", "ORGANISATION").entrySet()) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey() + "\"\r\n\r\n" + field.getValue() + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"handbook.pdf\"\r\nContent-Type: application/pdf\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(pdf.bytes());
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create(organisation.url() + "/api/v1/documents")).header("Host", organisation.host())
                .header("Authorization", "Bearer " + token).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .timeout(Duration.ofSeconds(120)).POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
    }

    /** Null when the answer is the document shared with exactly this file; otherwise what is wrong with it. */
    private static String checkUpload(ObjectMapper json, HttpResponse<String> response, Pdf pdf) throws Exception {
        if (response.statusCode() != 201) {
            return "answered " + response.statusCode() + ": " + response.body().substring(0, Math.min(response.body().length(), 500));
        }
        JsonNode document = json.readTree(response.body());
        if (document.path("sizeBytes").asLong() != pdf.bytes().length || !pdf.sha256().equals(document.path("sha256").asText())) {
            return "answered size " + document.path("sizeBytes").asLong() + " and SHA-256 " + document.path("sha256").asText() + ", expected "
                    + pdf.bytes().length + " and " + pdf.sha256();
        }
        return null;
    }

    private static void report(String what, List<Long> times, int bytes) {
        Collections.sort(times);
        double p50 = times.get((times.size() - 1) / 2) / 1e6;
        double p95 = times.get((int) Math.ceil(times.size() * 0.95) - 1) / 1e6;
        System.out.printf("%s, n=%d: p50 %.1f ms, p95 %.1f ms, max %.1f ms (%.0f MB/s at the median)%n", what, times.size(), p50, p95,
                times.get(times.size() - 1) / 1e6, bytes / (double) MB / (p50 / 1e3));
    }

    /** The process's peak resident memory (VmHWM), in KB. */
    private static long peakResidentKb(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmHWM for process " + pid);
    }
}
