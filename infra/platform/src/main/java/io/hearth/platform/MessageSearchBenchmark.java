package io.hearth.platform;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.infra.FreePorts;
import io.hearth.infra.LocalStack;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Message search over many messages in one organisation: fills the demo organisation's two circle chats with N
 * messages (default 200,000; half in each), sealed exactly as app seals them (AES-256-GCM with the local run's key,
 * bound to tenant and message) with the search vector written in the database, then the facilitator of both circles
 * (who reads all of both chats: a member reads only from his joining on, and the demo's members joined today)
 * searches all his conversations through the API, one request at a time, for a rare word, a common word, a prefix, a
 * phrase and two words. Only 200 answers count; any other answer stops the run without a figure. Run:
 * {@code infra/platform/bench-search [messages] [searches per query]}.
 */
public final class MessageSearchBenchmark {

    private static final String[] QUERIES = {"lodge", "brother", "retr", "\"sweat lodge\"", "brother fire"};

    private MessageSearchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int searches = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Path root = Paths.get(System.getProperty("hearth.root", ".")).toAbsolutePath().normalize();
        Path logs = Files.createTempDirectory("hearth-bench-");
        try (Platform platform = Platform.start(root, FreePorts.next(), FreePorts.next(), 0, logs)) {
            BenchOrganisation organisation = BenchOrganisation.onboard(platform, "bench-talk", "Search Bench");
            String frank = organisation.login("facilitator@demo.localhost");
            String frankId = organisation.http().send(organisation.url() + "/api/v1/me", "GET", null, organisation.auth(frank))
                    .body().get("person").get("id").asText();
            List<String> chats = new ArrayList<>();
            for (JsonNode conversation : organisation.http().send(organisation.url() + "/api/v1/conversations", "GET", null,
                    organisation.auth(frank)).body().get("items")) {
                if ("CIRCLE".equals(conversation.get("kind").asText())) {
                    chats.add(conversation.get("id").asText());
                }
            }
            if (chats.size() != 2) {
                throw new IllegalStateException("expected the demo organisation's two circle chats, found " + chats);
            }

            long t0 = System.nanoTime();
            LocalStack stack = platform.stack();
            try (Connection db = DriverManager.getConnection(stack.jdbcUrl(LocalStack.Database.APP), stack.dbUsername(), stack.dbPassword())) {
                String[] tenant = tenantOf(db, organisation.slug());
                fill(db, tenant[0], tenant[1], chats, UUID.fromString(frankId), messages);
            }
            System.out.printf("%,d messages sealed and written in %.0f s%n", messages, (System.nanoTime() - t0) / 1e9);

            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            for (int i = 0; i < 20; i++) {
                for (String query : QUERIES) {
                    search(http, organisation, frank, query);
                }
            }
            List<Long> all = new ArrayList<>();
            boolean failed = false;
            System.out.printf("%-16s %8s %8s %8s %8s %8s%n", "query", "results", "p50 ms", "p95 ms", "p99 ms", "max ms");
            for (String query : QUERIES) {
                List<Long> times = new ArrayList<>();
                int results = -1;
                for (int i = 0; i < searches; i++) {
                    long start = System.nanoTime();
                    HttpResponse<String> response = search(http, organisation, frank, query);
                    long elapsed = System.nanoTime() - start;
                    if (response.statusCode() != 200) {
                        System.out.printf("%s answered %d: %s%n", query, response.statusCode(), response.body());
                        failed = true;
                        break;
                    }
                    times.add(elapsed);
                    results = countResults(response.body());
                }
                if (failed) {
                    break;
                }
                if (results <= 0) {
                    System.out.printf("%s found nothing: the data does not exercise it%n", query);
                    failed = true;
                    break;
                }
                all.addAll(times);
                Collections.sort(times);
                System.out.printf("%-16s %8d %8.1f %8.1f %8.1f %8.1f%n", query, results, ms(times, 0.50), ms(times, 0.95), ms(times, 0.99),
                        times.get(times.size() - 1) / 1e6);
            }
            if (failed) {
                System.out.println("no figure: not every search succeeded");
                System.exit(1);
            }
            Collections.sort(all);
            System.out.printf("all %d searches over %,d messages: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms (aim: p95 < 200 ms)%n",
                    all.size(), messages, ms(all, 0.50), ms(all, 0.95), ms(all, 0.99));
        }
    }

    private static HttpResponse<String> search(HttpClient http, BenchOrganisation organisation, String token, String query) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(organisation.url() + "/api/v1/messages/search?limit=20&q="
                        + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                .header("Host", organisation.host()).header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static int countResults(String body) {
        int count = 0;
        for (int at = body.indexOf("\"highlights\""); at >= 0; at = body.indexOf("\"highlights\"", at + 1)) {
            count++;
        }
        return count;
    }

    private static double ms(List<Long> sorted, double quantile) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1)) / 1e6;
    }

    /** The organisation's schema and id, from the tenant directory. */
    private static String[] tenantOf(Connection db, String slug) throws Exception {
        try (PreparedStatement s = db.prepareStatement("select id, schema_name from tenants where slug = ?")) {
            s.setString(1, slug);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no tenant " + slug);
                }
                return new String[]{rs.getString(1), rs.getString(2)};
            }
        }
    }

    /**
     * Writes the messages as app would: the text sealed under the local run's active key with associated data
     * {@code message:{tenant}:{id}}, the vector from the plain text; offsets follow on from what is there.
     */
    private static void fill(Connection db, String tenantId, String schema, List<String> chats, UUID author, int count) throws Exception {
        String setting = DevKeys.forApp(System.getenv()).get(DevKeys.ENCRYPTION);
        String active = setting.split(",")[0].strip();
        String keyId = active.substring(0, active.indexOf(':'));
        SecretKeySpec key = new SecretKeySpec(Base64.getDecoder().decode(active.substring(active.indexOf(':') + 1)), "AES");
        Random random = new Random(22);
        List<String> vocabulary = vocabulary(random);
        SecureRandom nonces = new SecureRandom();
        Map<String, Long> offsets = new LinkedHashMap<>();
        for (String chat : chats) {
            try (PreparedStatement s = db.prepareStatement("select last_offset from " + schema + ".conversations where id = ?::uuid")) {
                s.setString(1, chat);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    offsets.put(chat, rs.getLong(1));
                }
            }
        }
        db.setAutoCommit(false);
        Instant start = Instant.now().minus(Duration.ofDays(365));
        try (PreparedStatement insert = db.prepareStatement("insert into " + schema + ".messages (id, conversation_id, seq, author_id, sealed_text, "
                + "search, sent_at) values (?, ?::uuid, ?, ?, ?, to_tsvector('simple', ?), ?)")) {
            for (int i = 0; i < count; i++) {
                String chat = chats.get(i % chats.size());
                long offset = offsets.merge(chat, 1L, Long::sum);
                UUID id = UUID.randomUUID();
                String text = sentence(random, vocabulary);
                byte[] nonce = new byte[12];
                nonces.nextBytes(nonce);
                Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
                cipher.updateAAD(("message:" + tenantId + ":" + id).getBytes(StandardCharsets.UTF_8));
                byte[] sealed = cipher.doFinal(text.getBytes(StandardCharsets.UTF_8));
                insert.setObject(1, id);
                insert.setString(2, chat);
                insert.setLong(3, offset);
                insert.setObject(4, author);
                insert.setString(5, keyId + ":" + Base64.getEncoder().encodeToString(ByteBuffer.allocate(12 + sealed.length).put(nonce).put(sealed).array()));
                insert.setString(6, text);
                insert.setTimestamp(7, Timestamp.from(start.plusSeconds((long) i * 150)));
                insert.addBatch();
                if (i % 2000 == 1999) {
                    insert.executeBatch();
                    db.commit();
                }
            }
            insert.executeBatch();
        }
        try (PreparedStatement update = db.prepareStatement("update " + schema + ".conversations set last_offset = ? where id = ?::uuid")) {
            for (Map.Entry<String, Long> entry : offsets.entrySet()) {
                update.setLong(1, entry.getValue());
                update.setString(2, entry.getKey());
                update.executeUpdate();
            }
        }
        db.commit();
        try (PreparedStatement analyze = db.prepareStatement("analyze " + schema + ".messages")) {
            analyze.execute();
        }
        db.commit();
    }

    /** 3,000 made-up words; the words the queries look for are mixed in at known rates by {@link #sentence}. */
    private static List<String> vocabulary(Random random) {
        String[] syllables = {"ka", "to", "ri", "men", "sa", "lo", "vi", "de", "ran", "ne", "mo", "tu", "gar", "el", "shi", "po", "bar", "qui"};
        List<String> words = new ArrayList<>();
        while (words.size() < 3000) {
            StringBuilder word = new StringBuilder();
            for (int s = 0, n = 2 + random.nextInt(3); s < n; s++) {
                word.append(syllables[random.nextInt(syllables.length)]);
            }
            words.add(word.toString());
        }
        return words;
    }

    /** 6 to 30 words; "brother" in about 5 % of messages, "fire" 2 %, "retreat" 1 %, "sweat lodge" 0.05 %, "lodge" alone 0.05 %. */
    private static String sentence(Random random, List<String> vocabulary) {
        List<String> words = new ArrayList<>();
        for (int w = 0, n = 6 + random.nextInt(25); w < n; w++) {
            // Zipf-like: a few words are common, most rare.
            words.add(vocabulary.get((int) Math.floor(Math.pow(random.nextDouble(), 3) * vocabulary.size())));
        }
        double roll = random.nextDouble();
        if (roll < 0.05) {
            words.add(random.nextInt(words.size()), "brother");
        }
        if (random.nextDouble() < 0.02) {
            words.add(random.nextInt(words.size()), "fire");
        }
        if (random.nextDouble() < 0.01) {
            words.add(random.nextInt(words.size()), random.nextBoolean() ? "retreat" : "retreats");
        }
        if (random.nextDouble() < 0.0005) {
            words.add(random.nextInt(words.size()), "sweat lodge");
        }
        if (random.nextDouble() < 0.0005) {
            words.add(random.nextInt(words.size()), "lodge");
        }
        String text = String.join(" ", words);
        return Character.toUpperCase(text.charAt(0)) + text.substring(1) + ".";
    }
}
