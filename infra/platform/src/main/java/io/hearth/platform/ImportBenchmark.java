package io.hearth.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hearth.infra.FreePorts;

import java.net.URI;
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
import java.util.Map;

/**
 * The dry run of a members file of 10,000 rows (issue: member import, aim under 10 s): the demo organisation's admin
 * uploads the file to {@code POST /api/v1/members/imports?dryRun=true} through the real API of the full platform
 * (app as its own JVM, real PostgreSQL, Redis and Kafka), which reads it, plans every row against the organisation,
 * seals and stores the plan and answers every row. The file is made up so that every kind of row occurs: new men
 * (most with a phone, some with a role, a circle or a consent), the demo's own men (some unchanged, some updated, one
 * in another circle) and a bad row every hundred (each skip reason in turn), plus rows for a circle that is full.
 *
 * <p>Each answer counts only when it is 201 and its counts are exactly the ones the file was made to give; any other
 * answer (or a discard of a dry run that is not 204) stops the run without a figure. Two warm-up dry runs come
 * first (the services run with the full JIT, as in production). Run:
 * {@code infra/platform/bench-imports [rows] [dry runs]} (defaults 10000 and 5).
 */
public final class ImportBenchmark {

    private static final int CIRCLES = 40;
    private static final int SEATS = 10;
    private static final int OVERFLOW = 20;
    private static final String[] FIRST = {"Adam", "Ben", "Carl", "Dev", "Eamon", "Felix", "Gary", "Hamid", "Ian", "José", "Kofi", "Liam",
            "Mateo", "Niall", "Olu", "Piotr", "Quinn", "Raj", "Søren", "Tom", "Uwe", "Vikram", "Wes", "Xavier", "Yusuf", "Zoltán"};
    private static final String[] LAST = {"Smith", "Jones", "Müller", "Okafor", "Nowak", "Patel", "O'Brien", "García", "Kowalski", "Brown",
            "Nguyen", "Ahmed", "Fischer", "Murphy", "Rossi", "Hansen", "Ibrahim", "Taylor", "Dubois", "Wright"};

    private ImportBenchmark() {
    }

    /** The file and the counts its dry run must answer. */
    record MembersFile(byte[] bytes, int rows, int create, int update, int unchanged, int skipped) {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path root = Paths.get(System.getProperty("hearth.root", ".")).toAbsolutePath().normalize();
        Path logs = Files.createTempDirectory("hearth-bench-");
        System.out.println("service logs in " + logs);
        String outcome = null;
        try (Platform platform = Platform.start(root, FreePorts.next(), FreePorts.next(), 0, logs)) {
            BenchOrganisation organisation = BenchOrganisation.onboard(platform, "bench-import", "Import Bench");
            String admin = organisation.login("admin@demo.localhost");
            for (int c = 1; c <= CIRCLES; c++) {
                JsonHttp.Response created = organisation.http().send(organisation.url() + "/api/v1/circles", "POST",
                        Map.of("name", circleName(c), "capacity", SEATS), organisation.auth(admin));
                if (created.status() != 201) {
                    throw new IllegalStateException("creating " + circleName(c) + " answered " + created.status() + ": " + created.body());
                }
            }
            MembersFile file = file(rows);
            System.out.printf("members file: %,d rows, %,d bytes (the request limit is 1 MB); a dry run must answer create %d, update %d, "
                    + "unchanged %d, skipped %d%n", file.rows(), file.bytes().length, file.create(), file.update(), file.unchanged(), file.skipped());

            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            ObjectMapper json = new ObjectMapper();
            List<Long> times = new ArrayList<>();
            for (int run = 0; run < runs + 2 && outcome == null; run++) {
                boolean warmUp = run < 2;
                String name = (warmUp ? "warm-up " + (run + 1) : "dry run " + (run - 1));
                long start = System.nanoTime();
                HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(organisation.url() + "/api/v1/members/imports?dryRun=true"))
                        .header("Host", organisation.host()).header("Authorization", "Bearer " + admin).header("Content-Type", "text/csv")
                        .timeout(Duration.ofSeconds(120)).POST(HttpRequest.BodyPublishers.ofByteArray(file.bytes())).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                long elapsed = System.nanoTime() - start;
                String problem = check(json, response, file);
                if (problem != null) {
                    outcome = name + ": " + problem;
                    break;
                }
                System.out.printf("%s: %,.0f ms, %,d bytes answered%n", name, elapsed / 1e6, response.body().length);
                if (!warmUp) {
                    times.add(elapsed);
                }
                String id = json.readTree(response.body()).get("id").asText();
                JsonHttp.Response discarded = organisation.http().send(organisation.url() + "/api/v1/members/imports/" + id, "DELETE", null,
                        organisation.auth(admin));
                if (discarded.status() != 204) {
                    outcome = "discarding " + name + " (" + id + ") answered " + discarded.status() + ": " + discarded.body();
                }
            }
            // A failure is reported once the platform is stopped: exiting here would leave the services running.
            if (outcome == null) {
                Collections.sort(times);
                System.out.printf("dry run of %,d rows, %d runs: median %.2f s, fastest %.2f s, slowest %.2f s (aim: under 10 s)%n", file.rows(),
                        times.size(), times.get((times.size() - 1) / 2) / 1e9, times.get(0) / 1e9, times.get(times.size() - 1) / 1e9);
            }
        }
        if (outcome != null) {
            System.out.println(outcome);
            System.out.println("no figure: not every dry run succeeded");
            System.exit(1);
        }
    }

    /** Null when the answer is the dry run the file must give; otherwise what is wrong with it. */
    private static String check(ObjectMapper json, HttpResponse<byte[]> response, MembersFile file) throws Exception {
        String body = new String(response.body(), StandardCharsets.UTF_8);
        if (response.statusCode() != 201) {
            return "answered " + response.statusCode() + ": " + body.substring(0, Math.min(body.length(), 500));
        }
        JsonNode answer = json.readTree(body);
        JsonNode counts = answer.get("counts");
        String expected = "total " + file.rows() + ", create " + file.create() + ", update " + file.update() + ", unchanged " + file.unchanged()
                + ", skipped " + file.skipped();
        String got = counts == null ? "none" : "total " + counts.path("total").asInt() + ", create " + counts.path("create").asInt() + ", update "
                + counts.path("update").asInt() + ", unchanged " + counts.path("unchanged").asInt() + ", skipped " + counts.path("skipped").asInt();
        if (!expected.equals(got)) {
            return "counts " + got + ", expected " + expected;
        }
        if (!"PLANNED".equals(answer.path("status").asText()) || answer.path("rows").size() != file.rows()) {
            return "status " + answer.path("status").asText() + " with " + answer.path("rows").size() + " rows, expected PLANNED with " + file.rows();
        }
        return null;
    }

    private static String circleName(int c) {
        return String.format("Bench Circle %02d", c);
    }

    /**
     * The demo's eight men first (four unchanged, three updated, one in another circle), then new men: a bad row every
     * hundredth (each skip reason in turn), the first 400 good ones filling the 40 circles and 20 more for a circle that
     * is full by then; most with a phone, every fiftieth a facilitator, consent yes, no or not said in turn.
     */
    static MembersFile file(int rows) {
        StringBuilder csv = new StringBuilder("email,firstName,lastName,phone,circle,roles,consent\n");
        csv.append("admin@demo.localhost,Dana,Admin,,,,\n");
        csv.append("facilitator@demo.localhost,Frank,Facilitator,,,FACILITATOR,\n");
        csv.append("member1@demo.localhost,Mike,Member,,Tuesday Circle,,\n");
        csv.append("member3@demo.localhost,Mark,Member,,,,\n");
        csv.append("ptm@demo.localhost,Peter,Production,,,,\n");
        csv.append("leadership@demo.localhost,Leo,Leader,+44 7911 000001,,,\n");
        csv.append("support@demo.localhost,Sam,Support,,,SUPPORT;FACILITATOR,\n");
        csv.append("member2@demo.localhost,Matt,Member,,Thursday Open Circle,,\n");
        int unchanged = 4;
        int update = 3;
        int skipped = 1;
        int create = 0;
        int good = 0;
        String previousEmail = null;
        String previousPhone = null;
        String[] bad = {"not-an-email", "missing name", "bad phone", "unknown role", "bad consent", "formula", "duplicate email",
                "duplicate phone", "unknown circle"};
        for (int i = 0; i < rows - 8; i++) {
            String first = FIRST[i % FIRST.length];
            String last = LAST[(i / FIRST.length) % LAST.length];
            String email = Character.toLowerCase(first.charAt(0)) + "." + ascii(last) + i + "@bench-import.test";
            if (i % 100 == 99) {
                skipped++;
                csv.append(switch (bad[(i / 100) % bad.length]) {
                    case "not-an-email" -> ascii(last) + i + ".bench-import.test," + first + "," + last + ",,,,";
                    case "missing name" -> email + "," + first + ",,,,,";
                    case "bad phone" -> email + "," + first + "," + last + ",07700 90,,,";
                    case "unknown role" -> email + "," + first + "," + last + ",,,CHIEF,";
                    case "bad consent" -> email + "," + first + "," + last + ",,,,maybe";
                    case "formula" -> email + ",\"=HYPERLINK(\"\"http://x.test\"\")\"," + last + ",,,,";
                    case "duplicate email" -> previousEmail + "," + first + "," + last + ",,,,";
                    case "duplicate phone" -> email + "," + first + "," + last + "," + previousPhone + ",,,";
                    default -> email + "," + first + "," + last + ",,Nowhere Circle,,";
                }).append('\n');
                continue;
            }
            String phone = i % 10 == 0 ? "" : String.format("+44 7700 %06d", i);
            String circle = "";
            if (good < CIRCLES * SEATS) {
                circle = circleName(good / SEATS + 1);
            } else if (good < CIRCLES * SEATS + OVERFLOW) {
                circle = circleName(1);
            }
            String roles = i % 50 == 7 ? "FACILITATOR" : "";
            String consent = switch (i % 3) {
                case 0 -> "yes";
                case 1 -> "no";
                default -> "";
            };
            csv.append(email).append(',').append(quoted(first)).append(',').append(quoted(last)).append(',').append(phone).append(',')
                    .append(circle).append(',').append(roles).append(',').append(consent).append('\n');
            if (good >= CIRCLES * SEATS && good < CIRCLES * SEATS + OVERFLOW) {
                skipped++;
            } else {
                create++;
            }
            good++;
            previousEmail = email;
            if (!phone.isEmpty()) {
                previousPhone = phone;
            }
        }
        return new MembersFile(csv.toString().getBytes(StandardCharsets.UTF_8), rows, create, update, unchanged, skipped);
    }

    private static String quoted(String cell) {
        return cell.indexOf('\'') >= 0 || cell.indexOf(',') >= 0 ? '"' + cell + '"' : cell;
    }

    private static String ascii(String name) {
        return java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD).replaceAll("[^A-Za-z]", "").toLowerCase(java.util.Locale.ROOT);
    }
}
