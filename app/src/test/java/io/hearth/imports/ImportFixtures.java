package io.hearth.imports;

import io.hearth.Api;
import io.hearth.RealStack;
import io.hearth.identity.Org;
import io.hearth.infra.LocalStack;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Uploading members files as an admin's client does, and looking into an organisation's schema. */
final class ImportFixtures {

    static final String HEADER = "email,firstName,lastName,phone,circle,roles,consent\n";

    private ImportFixtures() {
    }

    static Api.Reply upload(Org org, String token, byte[] file, boolean dryRun) {
        MutableHttpRequest<byte[]> request = HttpRequest.POST("/api/v1/members/imports" + (dryRun ? "?dryRun=true" : ""), file)
                .contentType("text/csv");
        if (token != null) {
            request.bearerAuth(token);
        }
        return org.api().send(request);
    }

    static Api.Reply upload(Org org, String token, String file, boolean dryRun) {
        return upload(org, token, file.getBytes(java.nio.charset.StandardCharsets.UTF_8), dryRun);
    }

    /** Polls the import until it has the status (applying and undoing run in the background). */
    static Api.Reply awaitStatus(Org org, String token, String id, String status) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Api.Reply reply;
        do {
            reply = org.api().get("/api/v1/members/imports/" + id, token);
            if (status.equals(reply.string("status"))) {
                return reply;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        } while (System.nanoTime() < deadline);
        throw new AssertionError("import " + id + " never became " + status + ": " + reply.body());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> row(Api.Reply reply, int line) {
        return reply.list("rows").stream().map(row -> (Map<String, Object>) row).filter(row -> ((Number) row.get("line")).intValue() == line)
                .findFirst().orElseThrow(() -> new AssertionError("no row for line " + line + ": " + reply.body()));
    }

    static long count(Org org, String sqlWithSchema) throws Exception {
        LocalStack stack = RealStack.stack();
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl(LocalStack.Database.APP), stack.dbUsername(), stack.dbPassword());
             PreparedStatement p = c.prepareStatement(sqlWithSchema.replace("{schema}", org.tenant().id().schemaName()));
             ResultSet rs = p.executeQuery()) {
            assertThat(rs.next()).isTrue();
            return rs.getLong(1);
        }
    }

    static void sql(Org org, String statement) throws Exception {
        LocalStack stack = RealStack.stack();
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl(LocalStack.Database.APP), stack.dbUsername(), stack.dbPassword());
             PreparedStatement p = c.prepareStatement(statement.replace("{schema}", org.tenant().id().schemaName()))) {
            p.executeUpdate();
        }
    }
}
