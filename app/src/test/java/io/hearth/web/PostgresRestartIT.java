package io.hearth.web;

import io.hearth.Api;
import io.hearth.RealStack;
import io.hearth.identity.Org;
import io.hearth.infra.Postgres;
import io.hearth.tenancy.TenantDirectory;
import io.hearth.tenancy.TenantProvisioning;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL restarted under load (a fast shutdown, 3 s down, started again on its port with its data): every
 * request that fails meanwhile answers 503 problem+json, never a 500 with internals, the pools recover (every request
 * succeeds again within 10 s of the server's return), and every circle created with a 201 is there afterwards.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresRestartIT implements RealStack {

    private static final Postgres POSTGRES = Postgres.startRestartable(List.of("hearth_app", "hearth_credentials"));

    @Inject @Client("/") HttpClient client;
    @Inject TenantProvisioning provisioning;
    @Inject TenantDirectory directory;

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("hearth.db.url", POSTGRES.jdbcUrl("hearth_app"), "hearth.db.username", Postgres.USER, "hearth.db.password", Postgres.PASSWORD,
                "hearth.credentials-db.url", POSTGRES.jdbcUrl("hearth_credentials"), "hearth.credentials-db.username", Postgres.USER,
                "hearth.credentials-db.password", Postgres.PASSWORD);
    }

    @AfterAll
    void stopPostgres() {
        POSTGRES.close();
    }

    private record Answer(long atNanos, String what, int status, String contentType, String code) {
    }

    @Test
    void answers503ProblemsWhilePostgresRestartsAndEveryRequestSucceedsWithin10SecondsOfItsReturn() throws Exception {
        Org org = Org.create(provisioning, directory, client, "db-restart");
        Org.Member member = org.member();
        Org.Member facilitator = org.member(io.hearth.identity.Role.FACILITATOR);
        Api api = org.api();
        // The load here is one man's, far above the default 300 requests a minute: lift the limit.
        assertThat(api.put("/api/v1/organisation/settings", Map.of("registrationMode", "APPROVAL", "mfaRequiredRoles", List.of(),
                "apiRequestsPerMinute", 100000), org.admin().accessToken()).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/circles", member.accessToken()).status()).isEqualTo(200);

        List<Answer> answers = Collections.synchronizedList(new ArrayList<>());
        List<String> created = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean loading = new AtomicBoolean(true);
        ExecutorService load = Executors.newFixedThreadPool(5);
        List<Future<?>> loaders = new ArrayList<>();
        // A writer too: every circle answered 201 must be there afterwards.
        loaders.add(load.submit(() -> {
            for (int n = 0; loading.get(); n++) {
                Api.Reply reply = api.post("/api/v1/circles", Map.of("name", "Restart " + n, "capacity", 8, "openToJoin", false),
                        facilitator.accessToken());
                answers.add(new Answer(System.nanoTime(), "create", reply.status(), reply.header("Content-Type").orElse(""),
                        reply.status() >= 400 ? reply.code() : null));
                if (reply.status() == 201) {
                    created.add(reply.string("id"));
                }
                Thread.sleep(100);
            }
            return null;
        }));
        for (int i = 0; i < 4; i++) {
            boolean signIns = i == 3;
            loaders.add(load.submit(() -> {
                while (loading.get()) {
                    Api.Reply reply = signIns
                            ? api.post("/api/v1/auth/login", Map.of("email", member.email(), "password", Org.PASSWORD), null)
                            : api.get("/api/v1/circles", member.accessToken());
                    answers.add(new Answer(System.nanoTime(), signIns ? "sign-in" : "circles", reply.status(),
                            reply.header("Content-Type").orElse(""), reply.status() >= 400 ? reply.code() : null));
                    if (signIns) {
                        Thread.sleep(250);
                    }
                }
                return null;
            }));
        }
        Thread.sleep(1000);
        long down = System.nanoTime();
        POSTGRES.stop();
        Thread.sleep(3000);
        POSTGRES.startAgain();
        long back = System.nanoTime();
        Thread.sleep(12_000);
        loading.set(false);
        for (Future<?> loader : loaders) {
            loader.get(30, TimeUnit.SECONDS);
        }
        load.shutdown();

        List<Answer> all = List.copyOf(answers);
        List<Answer> failed = all.stream().filter(a -> a.status() / 100 != 2).toList();
        assertThat(failed).as("requests failed while the server was down").isNotEmpty();
        assertThat(failed).allSatisfy(a -> {
            assertThat(a.status()).as("%s", a).isEqualTo(503);
            assertThat(a.contentType()).as("%s", a).startsWith("application/problem+json");
            assertThat(a.code()).as("%s", a).isEqualTo("SERVICE_UNAVAILABLE");
        });
        long lastFailure = failed.stream().mapToLong(Answer::atNanos).max().orElseThrow();
        System.out.printf("PostgreSQL restart: %d answers, %d of them 503 (first %.1f s after the stop, last %.1f s after the return)%n",
                all.size(), failed.size(), (failed.get(0).atNanos() - down) / 1e9, (lastFailure - back) / 1e9);
        assertThat(Duration.ofNanos(lastFailure - back)).as("the last failure after the server was back").isLessThan(Duration.ofSeconds(10));
        assertThat(all.stream().filter(a -> a.atNanos() > back + Duration.ofSeconds(10).toNanos()))
                .as("answers from 10 s after the return on").isNotEmpty().allSatisfy(a -> assertThat(a.status() / 100).as("%s", a).isEqualTo(2));
        assertThat(failed.stream().filter(a -> a.atNanos() < down)).as("nothing failed before the restart").isEmpty();
        assertThat(created).as("circles created under the restart").isNotEmpty();
        for (String id : created) {
            assertThat(api.get("/api/v1/circles/" + id, facilitator.accessToken()).status()).as("circle %s, answered 201", id).isEqualTo(200);
        }
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(POSTGRES.jdbcUrl("hearth_app"), Postgres.USER, Postgres.PASSWORD);
             java.sql.ResultSet rs = c.createStatement().executeQuery("select count(*) from " + org.tenant().id().schemaName()
                     + ".circles where name like 'Restart %'")) {
            rs.next();
            System.out.printf("PostgreSQL restart: %d circles answered 201, %d in the database%n", created.size(), rs.getLong(1));
            assertThat(rs.getLong(1)).as("circles in the database, against those answered 201").isGreaterThanOrEqualTo(created.size());
        }
    }
}
