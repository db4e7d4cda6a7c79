package io.hearth.platform;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.infra.FreePorts;
import io.hearth.infra.LocalStack;
import io.hearth.infra.Postgres;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An organisation of N members (default 10,000) over two real PostgreSQL servers, driven through tenant-admin's API as
 * an operator would: it is moved to the second cluster (warm-up) and back (measured) while a client writes to it every
 * 20 ms, then backed up and restored as a new organisation. Prints the writes' pause as app measured it and as the
 * client saw it (aim 5 s), the backup's time and the restore's (aim 60 s). A write answered anything but 200 or 503
 * WRITES_PAUSED, or an operation that fails, stops the run without a figure. Run: {@code infra/platform/bench-clusters [members]}.
 */
public final class ClusterBenchmark {

    private ClusterBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int members = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Path root = Paths.get(System.getProperty("hearth.root", ".")).toAbsolutePath().normalize();
        Path logs = Files.createTempDirectory("hearth-bench-");
        Path backups = Files.createTempDirectory("hearth-bench-backups-");
        try (Postgres second = Postgres.start(List.of("hearth_app"))) {
            Map<String, String> env = Map.of("HEARTH_DB_EXTRA_CLUSTERS", "second=" + second.jdbcUrl("hearth_app"),
                    "HEARTH_DB_EXTRA_CLUSTER_PASSWORDS", "second=" + Postgres.PASSWORD,
                    "HEARTH_BACKUPS_DIRECTORY", backups.toString(), "HEARTH_OPERATIONS_REPORT_DELAY", "1s");
            try (Platform platform = Platform.start(root, FreePorts.next(), FreePorts.next(), 0, 0, logs, env)) {
                run(platform, members, second);
            }
        }
    }

    private static void run(Platform platform, int members, Postgres second) throws Exception {
        AdminClient operator = new AdminClient(platform.tenantAdmin().baseUrl());
        operator.signIn("operator@hearth.localhost", "hearth-operator-dev");
        // Placed on main by name: the second cluster holds none and would win the placement.
        String slug = "bench-move-" + UUID.randomUUID().toString().substring(0, 4);
        check(operator.send("POST", "/api/v1/tenants", Map.of("slug", slug, "name", "Move Bench", "adminEmail", "admin@demo.localhost",
                "plan", "standard", "cluster", "main")), 202, "register");
        operator.awaitStatus(slug, "ACTIVE", Duration.ofSeconds(60));
        new DemoOrganisation(platform.app().baseUrl(), slug, platform.stack().mailCatcher()).seed("admin@demo.localhost");
        BenchOrganisation organisation = new BenchOrganisation(platform.app().baseUrl(), slug + ".localhost", new JsonHttp());
        String admin = organisation.login("admin@demo.localhost");
        organisation.http().send(organisation.url() + "/api/v1/organisation/settings", "PUT", Map.of("registrationMode", "APPROVAL",
                "mfaRequiredRoles", List.of(), "apiRequestsPerMinute", 100000), organisation.auth(admin));
        LocalStack stack = platform.stack();
        long rows;
        try (Connection db = DriverManager.getConnection(stack.jdbcUrl(LocalStack.Database.APP), stack.dbUsername(), stack.dbPassword())) {
            String schema = schemaOf(db, slug);
            seed(db, schema, members);
            rows = count(db, "select count(*) from " + schema + ".people where status = 'ACTIVE'");
        }
        System.out.printf("organisation %s: %d active members, on main%n", slug, rows);
        awaitClusters(operator, 2);

        // Warm-up: to the second cluster and its old copy dropped; then measured: back to main.
        move(operator, slug, "second", organisation, admin);
        check(operator.send("POST", "/api/v1/tenants/" + slug + "/drop-old-copy", null), 202, "drop old copy");
        await(operator, slug, tenant -> tenant.path("move").path("oldCluster").isMissingNode() || tenant.path("move").path("oldCluster").isNull(),
                "the old copy dropped");
        Moved measured = move(operator, slug, "main", organisation, admin);

        Instant asked = Instant.now();
        JsonNode backup = check(operator.send("POST", "/api/v1/tenants/" + slug + "/backups", null), 202, "backup").body();
        String backupId = backup.path("id").asText();
        JsonNode done = awaitBackup(operator, slug, backupId);
        double backupSeconds = Duration.between(asked, Instant.now()).toMillis() / 1000.0;

        String copy = "bench-copy-" + UUID.randomUUID().toString().substring(0, 4);
        Instant restoreAsked = Instant.now();
        check(operator.send("POST", "/api/v1/tenants/" + slug + "/restore", Map.of("backup", backupId, "newSlug", copy, "targetCluster", "second")),
                202, "restore");
        operator.awaitStatus(copy, "ACTIVE", Duration.ofMinutes(5));
        double restoreSeconds = Duration.between(restoreAsked, Instant.now()).toMillis() / 1000.0;
        BenchOrganisation restored = new BenchOrganisation(platform.app().baseUrl(), copy + ".localhost", new JsonHttp());
        restored.login("admin@demo.localhost");
        String copySchema;
        try (Connection db = DriverManager.getConnection(stack.jdbcUrl(LocalStack.Database.APP), stack.dbUsername(), stack.dbPassword())) {
            copySchema = schemaOf(db, copy);
        }
        try (Connection db = DriverManager.getConnection(second.jdbcUrl("hearth_app"), Postgres.USER, Postgres.PASSWORD)) {
            long restoredMembers = count(db, "select count(*) from " + copySchema + ".people where status = 'ACTIVE'");
            if (restoredMembers != rows) {
                throw new IllegalStateException("the restored organisation has " + restoredMembers + " members, not " + rows);
            }
        }
        System.out.printf("move of %d members main <- second: writes paused %d ms (app), longest stretch of 503 seen by the client %d ms, "
                        + "%d writes answered 200 and %d 503 WRITES_PAUSED during the move; move done %.1f s after the request%n",
                rows, measured.pausedMillis(), measured.clientPauseMillis(), measured.ok(), measured.paused(), measured.seconds());
        System.out.printf("backup: %s rows, %d bytes, %.1f s from the request to DONE%n", done.path("rows").asText(), done.path("sizeBytes").asLong(),
                backupSeconds);
        System.out.printf("restore as a new organisation on the second cluster: %.1f s from the request to ACTIVE (its admin signs in)%n", restoreSeconds);
    }

    record Moved(long pausedMillis, long clientPauseMillis, int ok, int paused, double seconds) {
    }

    /** Moves the organisation while a client writes every 20 ms; fails on any answer but 200 and 503 WRITES_PAUSED. */
    private static Moved move(AdminClient operator, String slug, String cluster, BenchOrganisation organisation, String token) throws Exception {
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger paused = new AtomicInteger();
        AtomicLong longest = new AtomicLong();
        AtomicLong firstRefused = new AtomicLong(-1);
        StringBuilder wrong = new StringBuilder();
        Thread writer = new Thread(() -> {
            // Each write changes what is stored (a refused one is tried again with the same value): none is a no-op.
            String next = "de";
            while (writing.get()) {
                JsonHttp.Response answer = organisation.http().send(organisation.url() + "/api/v1/me", "PATCH",
                        Map.of("language", next), organisation.auth(token));
                long now = System.nanoTime();
                if (answer.status() == 200) {
                    next = next.equals("de") ? "en" : "de";
                    ok.incrementAndGet();
                    long since = firstRefused.getAndSet(-1);
                    if (since >= 0) {
                        longest.accumulateAndGet((now - since) / 1_000_000, Math::max);
                    }
                } else if (answer.status() == 503 && "WRITES_PAUSED".equals(answer.body().path("code").asText())) {
                    paused.incrementAndGet();
                    firstRefused.compareAndSet(-1, now);
                } else {
                    synchronized (wrong) {
                        wrong.append(answer.status()).append(' ').append(answer.body()).append('\n');
                    }
                    return;
                }
                ServiceProcess.sleep(20);
            }
        }, "bench-writer");
        writer.start();
        ServiceProcess.sleep(500);
        Instant asked = Instant.now();
        check(operator.send("POST", "/api/v1/tenants/" + slug + "/move", Map.of("cluster", cluster)), 202, "move");
        JsonNode tenant = await(operator, slug, t -> List.of("DONE", "FAILED").contains(t.path("move").path("state").asText())
                && cluster.equals(t.path("move").path("target").asText()), "the move to " + cluster);
        double seconds = Duration.between(asked, Instant.now()).toMillis() / 1000.0;
        ServiceProcess.sleep(500);
        writing.set(false);
        writer.join();
        if (!"DONE".equals(tenant.path("move").path("state").asText())) {
            throw new IllegalStateException("the move failed: " + tenant.path("move"));
        }
        if (wrong.length() > 0) {
            throw new IllegalStateException("a write during the move was answered neither 200 nor 503 WRITES_PAUSED: " + wrong);
        }
        if (!cluster.equals(tenant.path("cluster").asText())) {
            throw new IllegalStateException("the organisation is reported on " + tenant.path("cluster") + ", not " + cluster);
        }
        return new Moved(tenant.path("move").path("pausedMillis").asLong(), longest.get(), ok.get(), paused.get(), seconds);
    }

    private static JsonNode awaitBackup(AdminClient operator, String slug, String id) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        while (Instant.now().isBefore(deadline)) {
            for (JsonNode backup : check(operator.send("GET", "/api/v1/tenants/" + slug + "/backups", null), 200, "backups").body()) {
                if (id.equals(backup.path("id").asText())) {
                    if ("FAILED".equals(backup.path("state").asText())) {
                        throw new IllegalStateException("the backup failed: " + backup);
                    }
                    if ("DONE".equals(backup.path("state").asText())) {
                        return backup;
                    }
                }
            }
            ServiceProcess.sleep(50);
        }
        throw new IllegalStateException("the backup did not finish in 5 minutes");
    }

    private static void awaitClusters(AdminClient operator, int count) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (check(operator.send("GET", "/api/v1/clusters", null), 200, "clusters").body().size() >= count) {
                return;
            }
            ServiceProcess.sleep(100);
        }
        throw new IllegalStateException("tenant-admin did not learn of " + count + " clusters in 60 s");
    }

    private static JsonNode await(AdminClient operator, String slug, java.util.function.Predicate<JsonNode> done, String what) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        while (Instant.now().isBefore(deadline)) {
            JsonNode tenant = check(operator.tenant(slug), 200, "tenant").body();
            if (done.test(tenant)) {
                return tenant;
            }
            ServiceProcess.sleep(20);
        }
        throw new IllegalStateException(what + " did not happen in 5 minutes");
    }

    private static AdminClient.Response check(AdminClient.Response response, int status, String what) {
        if (response.status() != status) {
            throw new IllegalStateException(what + " answered " + response.status() + ": " + response.body());
        }
        return response;
    }

    /** Members written straight into the organisation's tables (active, verified, with their MEMBER role, an audit line and a notice each). */
    private static void seed(Connection db, String schema, int members) throws Exception {
        long already = count(db, "select count(*) from " + schema + ".people where status = 'ACTIVE'");
        int written = (int) Math.max(0, members - already);
        try (Statement statement = db.createStatement()) {
            statement.execute("insert into " + schema + ".people (id, email, first_name, last_name, status, email_verified_at, mfa_enabled, created_at, "
                    + "updated_at) select gen_random_uuid(), 'bulk-' || g || '@demo.localhost', 'Bulk', 'Man ' || g, 'ACTIVE', now(), false, now(), now() "
                    + "from generate_series(1, " + written + ") g");
            statement.execute("insert into " + schema + ".role_grants (id, person_id, role) select gen_random_uuid(), p.id, 'MEMBER' from "
                    + schema + ".people p where p.email like 'bulk-%' on conflict do nothing");
            statement.execute("insert into " + schema + ".audit_log (actor_id, action, target_id, details) select p.id, 'auth.login', p.id, '{}'::jsonb from "
                    + schema + ".people p where p.email like 'bulk-%'");
        }
    }

    private static String schemaOf(Connection db, String slug) throws Exception {
        try (PreparedStatement statement = db.prepareStatement("select schema_name from public.tenants where slug = ?")) {
            statement.setString(1, slug);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no organisation " + slug + " in app's directory");
                }
                return rs.getString(1);
            }
        }
    }

    private static long count(Connection db, String sql) throws Exception {
        try (Statement statement = db.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
