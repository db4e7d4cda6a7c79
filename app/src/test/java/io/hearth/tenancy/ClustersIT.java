package io.hearth.tenancy;

import io.hearth.Api;
import io.hearth.RealStack;
import io.hearth.identity.Org;
import io.hearth.infra.Postgres;
import io.hearth.tenancy.internal.OperationTables;
import io.hearth.tenancy.internal.SchemaDumps;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Organisations over two real PostgreSQL servers: the home cluster of the test stack and a second one started here.
 * An organisation moves between them while served, its backup restores under another name, in its place and as a new
 * organisation, and a restore rehearsal compares every table.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClustersIT implements RealStack {

    private static final Postgres SECOND = Postgres.start(List.of("hearth_app"));
    private static final Path BACKUPS;

    static {
        try {
            BACKUPS = Files.createTempDirectory("hearth-backups-");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(SECOND::close));
    }

    @Inject @Client("/") HttpClient client;
    @Inject TenantProvisioning provisioning;
    @Inject TenantDirectory directory;
    @Inject TenantOperations operations;
    @Inject io.hearth.tenancy.internal.ClusterPools clusters;
    @Inject TenantReports reports;
    @Inject OrganisationActivity activity;

    Org moving;
    Org staying;

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("hearth.db.clusters.second.url", SECOND.jdbcUrl("hearth_app"),
                "hearth.db.clusters.second.username", Postgres.USER,
                "hearth.db.clusters.second.password", Postgres.PASSWORD,
                "hearth.tenancy.directory-cache-ttl", "0s",
                "hearth.backups.directory", BACKUPS.toString(),
                "hearth.operations.rehearsal.enabled", "false");
    }

    @BeforeAll
    void organisations() {
        moving = Org.of(provisionedOn("main", "mv-a"), client);
        staying = Org.of(provisionedOn("main", "mv-b"), client);
        moving.member();
        staying.member();
    }

    private Tenant provisionedOn(String cluster, String prefix) {
        UUID id = UUID.randomUUID();
        provisioning.provision(TenantFixtures.registered(id, TenantFixtures.uniqueSlug(prefix), Map.of("cluster", cluster)));
        Tenant tenant = directory.findById(new TenantId(id)).orElseThrow();
        assertThat(tenant.cluster()).isEqualTo(cluster);
        return tenant;
    }

    @Test
    void anOrganisationMovesToTheOtherClusterWhileTheOthersAreUntouched() throws Exception {
        String schema = moving.tenant().schemaName();
        Org.Member admin = moving.admin();
        // His own request limit out of the way: he writes in a tight loop, and on a busy machine the move can outlast
        // the organisation's default per-person minute (a 429 is not what this test is about).
        assertThat(moving.api().put("/api/v1/organisation/settings", Map.of("registrationMode", "APPROVAL", "mfaRequiredRoles", java.util.List.of(),
                "apiRequestsPerMinute", 100000), admin.accessToken()).status()).isEqualTo(200);
        // A man keeps writing while it moves: each write is taken or answered 503 WRITES_PAUSED, nothing else.
        java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.List<String> answers = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        Thread writer = new Thread(() -> {
            String next = "de";
            while (writing.get()) {
                Api.Reply reply = moving.api().send(io.micronaut.http.HttpRequest.PATCH("/api/v1/me", Map.of("language", next))
                        .bearerAuth(admin.accessToken()));
                answers.add(reply.status() == 503 ? "503 " + reply.code() : String.valueOf(reply.status()));
                if (reply.status() == 200) {
                    next = next.equals("de") ? "en" : "de";
                }
            }
        });
        writer.start();
        Thread.sleep(300);

        TenantOperations.MoveResult moved = operations.move(moving.tenant().id(), "second");
        Thread.sleep(300);
        writing.set(false);
        writer.join();
        assertThat(answers).isNotEmpty().allSatisfy(answer -> assertThat(answer).isIn("200", "503 WRITES_PAUSED"));
        assertThat(answers.get(answers.size() - 1)).isEqualTo("200");

        assertThat(moved.ok()).as(moved.detail()).isTrue();
        assertThat(moved.pausedMillis()).isLessThan(5000);
        assertThat(directory.findById(moving.tenant().id()).orElseThrow().cluster()).isEqualTo("second");
        OperationTables.Move move = operations.move(moving.tenant().id()).orElseThrow();
        assertThat(move.state()).isEqualTo("DONE");
        assertThat(move.oldCluster()).isEqualTo("main");
        // Served from the second cluster: a new man's invitation mail (queued there) arrives, he joins and signs in.
        Org.Member joined = moving.member();
        assertThat(count("second", schema, "people where id = '" + joined.id() + "'")).isEqualTo(1);
        assertThat(count("main", schema, "people where id = '" + joined.id() + "'")).isZero();
        // The copy left behind refuses writes until an operator drops it.
        assertThatThrownBy(() -> execute("main", "update " + schema + ".people set first_name = 'X'"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("HM001"));
        // The other organisation stays where it was, and is served.
        assertThat(directory.findById(staying.tenant().id()).orElseThrow().cluster()).isEqualTo("main");
        assertThat(staying.member().accessToken()).isNotBlank();

        assertThatThrownBy(() -> operations.move(moving.tenant().id(), "main"))
                .as("no second move while the first one's frozen copy is kept").hasMessageContaining("drop it before moving again");
        try (AutoCloseable held = clusters.tryLock(moving.tenant().id().value()).orElseThrow()) {
            assertThatThrownBy(() -> operations.dropOldCopy(moving.tenant().id()))
                    .as("one operation on an organisation at a time, whichever instance runs it").hasMessageContaining("under way");
        }
        // What operators see of it, read where it now lives.
        assertThat(activity.activity(directory.findById(moving.tenant().id()).orElseThrow()).members()).isEqualTo(3);
        reports.report(moving.tenant().id());

        assertThat(operations.dropOldCopy(moving.tenant().id())).isEqualTo("main");
        assertThat(exists("main", schema)).isFalse();
        assertThat(operations.move(moving.tenant().id()).orElseThrow().oldCluster()).isNull();
    }

    @Test
    void anAdminExportsHisOrganisationAloneAndAMemberMayNot() throws Exception {
        Org.Member member = staying.member();
        io.micronaut.http.HttpResponse<byte[]> zip = client.toBlocking().exchange(io.micronaut.http.HttpRequest.GET("/api/v1/organisation/export")
                .header("Host", staying.tenant().slug() + ".localhost").bearerAuth(staying.admin().accessToken()), byte[].class);

        assertThat(zip.getStatus().getCode()).isEqualTo(200);
        assertThat(zip.getContentType().map(Object::toString)).hasValue("application/zip");
        Map<String, String> entries = new java.util.HashMap<>();
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip.body()))) {
            for (java.util.zip.ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        assertThat(entries).containsKeys("people.csv", "people.json", "circles.csv", "README.txt");
        assertThat(entries.get("people.csv")).startsWith("id,").contains(member.email()).doesNotContain(moving.tenant().slug());
        assertThat(entries.get("people.json")).contains(member.email());
        assertThat(entries.values()).noneMatch(text -> text.contains("@" + moving.tenant().slug() + ".test"));
        // Its permission matrix: organisation.manage (admins) only.
        assertThat(staying.api().get("/api/v1/organisation/export", null).status()).isEqualTo(401);
        assertThat(staying.api().get("/api/v1/organisation/export", member.accessToken()).status()).isEqualTo(403);
        for (io.hearth.identity.Role role : List.of(io.hearth.identity.Role.FACILITATOR, io.hearth.identity.Role.PTM,
                io.hearth.identity.Role.LEADERSHIP, io.hearth.identity.Role.SUPPORT)) {
            Api.Reply refused = staying.api().get("/api/v1/organisation/export", staying.member(role).accessToken());
            assertThat(refused.status()).as(role.name()).isEqualTo(403);
            assertThat(refused.code()).isEqualTo("AUTHORIZATION_ERROR");
        }
    }

    @Test
    void aMoveToAClusterThatHasTheSchemaAlreadyIsUndoneAndWritesGoOn() throws Exception {
        Tenant tenant = provisionedOn("main", "mv-c");
        execute("second", "create schema " + tenant.schemaName());
        try {
            TenantOperations.MoveResult moved = operations.move(tenant.id(), "second");

            assertThat(moved.ok()).isFalse();
            assertThat(moved.detail()).contains("exists on second already");
            assertThat(directory.findById(tenant.id()).orElseThrow().cluster()).isEqualTo("main");
            execute("main", "update " + tenant.schemaName() + ".organisation_settings set api_requests_per_minute = 100");
        } finally {
            execute("second", "drop schema " + tenant.schemaName() + " cascade");
        }
    }

    @Test
    void writesToAFrozenOrganisationAnswer503WithRetryAfterWhileReadsGoOn() throws Exception {
        Org org = Org.of(provisionedOn("main", "mv-f"), client);
        Org.Member admin = org.admin();
        try (Connection connection = clusters.open("main")) {
            SchemaDumps.freeze(connection, org.tenant().schemaName(), Duration.ofSeconds(5));
        }
        try {
            Api.Reply write = org.api().post("/api/v1/members/invitations", Map.of("email", "late@" + org.tenant().slug() + ".test", "role", "MEMBER"),
                    admin.accessToken());
            assertThat(write.status()).as("%s", write.body()).isEqualTo(503);
            assertThat(write.string("code")).isEqualTo("WRITES_PAUSED");
            assertThat(write.header("Retry-After")).contains("5");
            assertThat(org.api().get("/api/v1/members", admin.accessToken()).status()).isEqualTo(200);
        } finally {
            try (Connection connection = clusters.open("main")) {
                SchemaDumps.thaw(connection, org.tenant().schemaName());
            }
        }
        Api.Reply write = org.api().post("/api/v1/members/invitations", Map.of("email", "late@" + org.tenant().slug() + ".test", "role", "MEMBER"),
                admin.accessToken());
        assertThat(write.status()).as("%s", write.body()).isEqualTo(201);
    }

    @Test
    void aBackupRestoresUnderAnotherNameInItsPlaceAndAsANewOrganisation() throws Exception {
        Org org = Org.of(provisionedOn("second", "bk-a"), client);
        Org.Member admin = org.admin();
        String schema = org.tenant().schemaName();

        OperationTables.Backup backup = operations.backup(org.tenant().id(), UUID.randomUUID(), "operator");

        assertThat(backup.state()).as(backup.detail()).isEqualTo("DONE");
        assertThat(backup.rows()).isPositive();
        assertThat(BACKUPS.resolve(backup.location())).exists();
        assertThat(operations.backups(org.tenant().id())).extracting(OperationTables.Backup::id).contains(backup.id());

        // Under another name, on the other cluster: every table checked against the backup as it loads.
        operations.restoreInto(backup.id(), "main", "scratch_" + org.tenant().id().value().toString().substring(0, 8));
        assertThat(count("main", "scratch_" + org.tenant().id().value().toString().substring(0, 8), "people"))
                .isEqualTo(count("second", schema, "people"));
        execute("main", "drop schema scratch_" + org.tenant().id().value().toString().substring(0, 8) + " cascade");

        // A rehearsal restores a fresh backup into a scratch schema, compares and drops it.
        TenantOperations.RehearsalResult rehearsal = operations.rehearse(org.tenant().id());
        assertThat(rehearsal.ok()).as(rehearsal.detail()).isTrue();
        assertThat(operations.lastRehearsal(org.tenant().id()).orElseThrow().ok()).isTrue();

        // In its place: a man invited after the backup is gone from what is served, kept in the schema put aside.
        Org.Member later = org.member();
        String aside = operations.restoreInPlace(backup.id(), null);
        assertThat(count("second", schema, "people where id = '" + later.id() + "'")).isZero();
        assertThat(count("second", aside, "people where id = '" + later.id() + "'")).isEqualTo(1);
        assertThat(org.login(admin.email(), Org.PASSWORD).accessToken()).isNotBlank();

        // As a new organisation, under a new name: the backup's people sign in at its own address.
        UUID copyId = UUID.randomUUID();
        String copySlug = TenantFixtures.uniqueSlug("bk-copy");
        provisioning.provision(TenantFixtures.registered(copyId, copySlug, Map.of("cluster", "main", "restoreFrom", backup.id().toString())));
        Tenant copy = directory.findById(new TenantId(copyId)).orElseThrow();
        assertThat(copy.status()).isEqualTo(TenantStatus.ACTIVE);
        assertThat(copy.cluster()).isEqualTo("main");
        assertThat(Org.of(copy, client).login(admin.email(), Org.PASSWORD).accessToken()).isNotBlank();
    }

    private long count(String cluster, String schema, String fromWhere) throws SQLException {
        try (Connection connection = clusters.open(cluster); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select count(*) from " + schema + "." + fromWhere)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private boolean exists(String cluster, String schema) throws SQLException {
        try (Connection connection = clusters.open(cluster)) {
            return SchemaDumps.exists(connection, schema);
        }
    }

    private void execute(String cluster, String sql) throws SQLException {
        try (Connection connection = clusters.open(cluster); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
