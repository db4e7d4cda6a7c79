package io.hearth.platform;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.infra.FreePorts;
import io.hearth.infra.LocalStack;
import io.hearth.infra.PushCatcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An announcement to a whole organisation of about 2,000 men: how long until every man's in-app notification is
 * written, every open socket has its {@code notification} frame, every mail and push is queued (aim: 5 s), and every
 * mail is sent through the local SMTP server and every push taken by the local push service (aim: 2 minutes).
 * {@code sockets} men are signed in through the API with a socket open; the others are written straight into the
 * organisation's tables (active, address verified), {@code devices} of them with a push subscription at the local push
 * service. One announcement first warms the path up and is waited for whole; the second is measured. Any refusal, a
 * missing delivery or a count short of the expected one stops the run without a figure. Run:
 * {@code infra/platform/bench-notifications [men] [sockets] [devices]}.
 */
public final class NotificationBenchmark {

    private NotificationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int men = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int socketMen = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int devices = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        Path root = Paths.get(System.getProperty("hearth.root", ".")).toAbsolutePath().normalize();
        Path logs = Files.createTempDirectory("hearth-bench-");
        try (Platform platform = Platform.start(root, FreePorts.next(), FreePorts.next(), 0, logs)) {
            BenchOrganisation organisation = BenchOrganisation.onboard(platform, "bench-notify", "Notify Bench");
            DemoOrganisation people = new DemoOrganisation(platform.app().baseUrl(), organisation.slug(), platform.stack().mailCatcher());
            String admin = people.signIn("admin@demo.localhost");
            String[] tokens = new String[socketMen];
            ExecutorService setup = Executors.newFixedThreadPool(4);
            List<Future<?>> made = new ArrayList<>();
            for (int i = 0; i < socketMen; i++) {
                int index = i;
                made.add(setup.submit(() -> {
                    String email = "notify-" + index + "@demo.localhost";
                    people.join(admin, email, "MEMBER", "Socket", "Man" + index);
                    tokens[index] = organisation.login(email);
                    return null;
                }));
            }
            for (Future<?> one : made) {
                one.get();
            }
            setup.shutdown();
            LocalStack stack = platform.stack();
            PushCatcher catcher = stack.pushCatcher();
            long expectedMen;
            long expectedMail;
            String schema;
            try (Connection db = DriverManager.getConnection(stack.jdbcUrl(LocalStack.Database.APP), stack.dbUsername(), stack.dbPassword())) {
                schema = schemaOf(db, organisation.slug());
                long already = count(db, "select count(*) from " + schema + ".people where status = 'ACTIVE'");
                int written = (int) Math.max(0, men - already);
                try (PreparedStatement insert = db.prepareStatement("insert into " + schema + ".people (id, email, first_name, last_name, status, "
                        + "email_verified_at, mfa_enabled, created_at, updated_at) select gen_random_uuid(), 'bulk-' || g || '@demo.localhost', 'Bulk', "
                        + "'Man ' || g, 'ACTIVE', now(), false, now(), now() from generate_series(1, ?) g")) {
                    insert.setInt(1, written);
                    insert.executeUpdate();
                }
                List<String> bulk = new ArrayList<>();
                try (ResultSet rs = db.createStatement().executeQuery("select id from " + schema + ".people where email like 'bulk-%' limit " + devices)) {
                    while (rs.next()) {
                        bulk.add(rs.getString(1));
                    }
                }
                try (PreparedStatement device = db.prepareStatement("insert into " + schema + ".push_subscriptions (endpoint, person_id, p256dh, auth, "
                        + "previews, created_at, last_seen_at) values (?, ?::uuid, ?, ?, true, now(), now())")) {
                    for (String person : bulk) {
                        PushCatcher.Subscription subscription = catcher.subscribe();
                        device.setString(1, subscription.endpoint());
                        device.setString(2, person);
                        device.setString(3, subscription.p256dh());
                        device.setString(4, subscription.auth());
                        device.addBatch();
                    }
                    device.executeBatch();
                }
                // Everyone active but the author (the admin) is told; mail goes to those whose address is verified.
                expectedMen = count(db, "select count(*) from " + schema + ".people where status = 'ACTIVE'") - 1;
                expectedMail = count(db, "select count(*) from " + schema + ".people where status = 'ACTIVE' and email_verified_at is not null") - 1;
            }
            System.out.printf("%,d active men (%d signed in with a socket, %d with a push device)%n", expectedMen + 1, socketMen, devices);

            AtomicInteger ready = new AtomicInteger();
            AtomicInteger frames = new AtomicInteger();
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            String[] wanted = {""};
            try (SocketLoad load = new SocketLoad(platform.app().port(), organisation.host(), (client, text) -> {
                if (text.contains("\"type\":\"ready\"")) {
                    ready.incrementAndGet();
                } else if (text.startsWith("{\"type\":\"notification\"") && !wanted[0].isEmpty() && text.contains(wanted[0])) {
                    frames.incrementAndGet();
                }
            }, (client, code) -> failures.add("socket " + client.index + " closed " + code))) {
                for (int i = 0; i < socketMen; i++) {
                    load.open(i, tokens[i]);
                }
                waitFor(() -> ready.get() == socketMen || !failures.isEmpty(), Duration.ofSeconds(60));
                if (!failures.isEmpty() || ready.get() != socketMen) {
                    throw new IllegalStateException("refusing a figure: " + ready.get() + " of " + socketMen + " sockets ready; " + failures.peek());
                }
                Result warm = announce(platform, organisation, admin, schema, "Warm-up " + UUID.randomUUID(), wanted, frames, expectedMen, expectedMail,
                        devices, socketMen, catcher);
                System.out.printf("warm-up: %s%n", warm);
                Result measured = announce(platform, organisation, admin, schema, "Retreat news " + UUID.randomUUID(), wanted, frames, expectedMen,
                        expectedMail, devices, socketMen, catcher);
                if (!failures.isEmpty()) {
                    throw new IllegalStateException("refusing a figure: " + failures.peek());
                }
                System.out.printf("an announcement to %,d men (%d sockets, %,d mails, %d push devices): %s%n", expectedMen, socketMen, expectedMail,
                        devices, measured);
                System.out.printf("aims: all in-app written, socket frames, mails and pushes queued within 5 s: %s; every mail and push sent "
                        + "within 2 minutes: %s%n", measured.queuedWithin() <= 5.0 ? "met" : "NOT met", measured.sentWithin() <= 120 ? "met" : "NOT met");
            }
        }
    }

    /** Seconds from the POST until each thing was complete. */
    record Result(double inApp, double sockets, double mailQueued, double pushQueued, double mailSent, double pushSent) {
        double queuedWithin() {
            return Math.max(Math.max(inApp, sockets), Math.max(mailQueued, pushQueued));
        }

        double sentWithin() {
            return Math.max(mailSent, pushSent);
        }

        @Override
        public String toString() {
            return String.format("in-app written %.2f s, socket frames %.2f s, mails queued %.2f s, pushes queued %.2f s; mails sent %.1f s, "
                    + "pushes taken %.1f s", inApp, sockets, mailQueued, pushQueued, mailSent, pushSent);
        }
    }

    private static Result announce(Platform platform, BenchOrganisation organisation, String admin, String schema, String title, String[] wanted,
                                   AtomicInteger frames, long men, long mails, int devices, int sockets, PushCatcher catcher) throws Exception {
        LocalStack stack = platform.stack();
        try (Connection db = DriverManager.getConnection(stack.jdbcUrl(LocalStack.Database.APP), stack.dbUsername(), stack.dbPassword())) {
            wanted[0] = title;
            frames.set(0);
            int pushesBefore = catcher.pushes().size();
            long pushRowsBefore = count(db, "select count(*) from public.outgoing_pushes");
            long t0 = System.nanoTime();
            JsonHttp.Response posted = organisation.http().send(organisation.url() + "/api/v1/announcements", "POST", Map.of("title", title,
                    "body", "The spring retreat moves to the lake house.", "audience", "ORGANISATION"), organisation.auth(admin));
            if (posted.status() != 201) {
                throw new IllegalStateException("refusing a figure: the announcement was answered " + posted.status() + " " + posted.body());
            }
            JsonNode announcement = posted.body();
            String link = "/announcements/" + announcement.get("id").asText();
            double[] done = {-1, -1, -1, -1, -1, -1};
            long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
            while (System.nanoTime() < deadline && (done[0] < 0 || done[1] < 0 || done[2] < 0 || done[3] < 0 || done[4] < 0 || done[5] < 0)) {
                double at = (System.nanoTime() - t0) / 1e9;
                if (done[0] < 0 && count(db, "select count(*) from " + schema + ".notifications where link = '" + link + "'") >= men) {
                    done[0] = at;
                }
                if (done[1] < 0 && frames.get() >= sockets) {
                    done[1] = at;
                }
                long queued = count(db, "select count(*) from public.outgoing_mail where subject = '" + title.replace("'", "''") + "'");
                if (done[2] < 0 && queued >= mails) {
                    done[2] = at;
                }
                if (done[3] < 0 && count(db, "select count(*) from public.outgoing_pushes") - pushRowsBefore >= devices) {
                    done[3] = at;
                }
                if (done[4] < 0 && done[2] >= 0 && count(db, "select count(*) from public.outgoing_mail where subject = '" + title.replace("'", "''")
                        + "' and sent_at is not null") >= mails) {
                    done[4] = at;
                }
                if (done[5] < 0 && catcher.pushes().size() - pushesBefore >= devices) {
                    done[5] = at;
                }
                Thread.sleep(done[0] < 0 || done[1] < 0 || done[2] < 0 || done[3] < 0 ? 20 : 250);
            }
            long given = count(db, "select count(*) from public.outgoing_mail where subject = '" + title.replace("'", "''") + "' and given_up_at is not null");
            for (double d : done) {
                if (d < 0) {
                    throw new IllegalStateException(String.format("refusing a figure: not everything arrived within 180 s (in-app %.2f, sockets %.2f "
                                    + "(%d of %d), mail queued %.2f, pushes queued %.2f, mail sent %.2f, pushes taken %.2f (%d of %d)); %d mails given up",
                            done[0], done[1], frames.get(), sockets, done[2], done[3], done[4], done[5], catcher.pushes().size() - pushesBefore,
                            devices, given));
                }
            }
            if (frames.get() != sockets || given > 0) {
                throw new IllegalStateException("refusing a figure: " + frames.get() + " frames for " + sockets + " sockets; " + given + " mails given up");
            }
            return new Result(done[0], done[1], done[2], done[3], done[4], done[5]);
        }
    }

    private static String schemaOf(Connection db, String slug) throws Exception {
        try (PreparedStatement s = db.prepareStatement("select schema_name from tenants where slug = ?")) {
            s.setString(1, slug);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no organisation " + slug);
                }
                return rs.getString(1);
            }
        }
    }

    private static long count(Connection db, String query) throws Exception {
        try (ResultSet rs = db.createStatement().executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }
}
