package io.hearth.imports;

import io.hearth.Api;
import io.hearth.RealStack;
import io.hearth.identity.Org;
import io.hearth.tenancy.TenantDirectory;
import io.hearth.tenancy.TenantProvisioning;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import static io.hearth.imports.ImportFixtures.HEADER;
import static io.hearth.imports.ImportFixtures.count;
import static io.hearth.imports.ImportFixtures.row;
import static io.hearth.imports.ImportFixtures.upload;
import static org.assertj.core.api.Assertions.assertThat;

/** A file that is not a members file, and requests that do not fit, get a problem+json with a stable code: never a 500. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MemberImportBadInputIT implements RealStack {

    @Inject @Client("/") HttpClient client;
    @Inject TenantProvisioning provisioning;
    @Inject TenantDirectory directory;
    Org org;
    String admin;

    @BeforeAll
    void organisation() {
        org = Org.create(provisioning, directory, client, "imp-bad");
        admin = org.admin().accessToken();
    }

    private static void assertProblem(Api.Reply reply, int status, String code) {
        assertThat(reply.status()).as("%s", reply.body()).isEqualTo(status);
        assertThat(reply.code()).isEqualTo(code);
        assertThat(reply.header(HttpHeaders.CONTENT_TYPE)).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void aFileInLatin1Is422CsvEncoding() {
        byte[] latin1 = (HEADER + "rene@x.test,Ren\u00e9,M\u00fcller,,,,\n").getBytes(StandardCharsets.ISO_8859_1);

        assertProblem(upload(org, admin, latin1, true), 422, "CSV_ENCODING");
    }

    @Test
    void aFileWithoutTheColumnsIs422CsvHeaderNamingThem() {
        Api.Reply reply = upload(org, admin, "email,name\na@x.test,A\n", true);

        assertProblem(reply, 422, "CSV_HEADER");
        assertThat(reply.string("detail")).contains("missing: firstName, lastName, phone, circle, roles, consent").contains("not known: name");
    }

    @Test
    void anEmptyFileAndAHeaderAloneAre422CsvEmpty() {
        assertProblem(upload(org, admin, new byte[0], true), 422, "CSV_EMPTY");
        assertProblem(upload(org, admin, HEADER, true), 422, "CSV_EMPTY");
    }

    @Test
    void anUnclosedQuoteIs422CsvMalformed() {
        assertProblem(upload(org, admin, HEADER + "a@x.test,\"Al,Green,,,,\n", true), 422, "CSV_MALFORMED");
    }

    @Test
    void moreThanTenThousandRowsIs422AndAFileOverTheSizeLimitIs413() {
        StringBuilder many = new StringBuilder(HEADER);
        for (int i = 0; i <= 10_000; i++) {
            many.append("m").append(i).append("@x.io,A,B,,,,\n");
        }
        StringBuilder big = new StringBuilder(HEADER);
        while (big.length() < 1_100_000) {
            big.append("someone.with.a.long.name@x.test,").append("A".repeat(90)).append(",B,,,,\n");
        }

        assertProblem(upload(org, admin, many.toString(), true), 422, "CSV_TOO_MANY_ROWS");
        assertProblem(upload(org, admin, big.toString(), true), 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void aDryRunThatIsNeitherTrueNorFalseIs400AndNothingIsStored() throws Exception {
        long before = count(org, "select count(*) from {schema}.member_imports");

        Api.Reply reply = org.api().send(HttpRequest.POST("/api/v1/members/imports?dryRun=maybe",
                (HEADER + "maybe@x.test,May,Be,,,,\n").getBytes(StandardCharsets.UTF_8)).contentType("text/csv").bearerAuth(admin));

        assertProblem(reply, 400, "VALIDATION_ERROR");
        assertThat(count(org, "select count(*) from {schema}.member_imports")).isEqualTo(before);
    }

    @Test
    void aBodyThatIsNotCsvIs415() {
        Api.Reply reply = org.api().send(HttpRequest.POST("/api/v1/members/imports?dryRun=true", Map.of("email", "a@x.test")).bearerAuth(admin));

        assertProblem(reply, 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void aFormulaInACellSkipsTheRowAndIsNeverStored() throws Exception {
        String file = HEADER + "f1@x.test,=cmd|' /C calc'!A0,B,,,,\n" + "f2@x.test,A,@SUM(1+1),,,,\n" + "f3@x.test,A,B,,-2+3,,\n";

        Api.Reply reply = upload(org, admin, file, false);
        ImportFixtures.awaitStatus(org, admin, reply.string("id"), "APPLIED");

        assertThat(reply.status()).isEqualTo(201);
        assertThat(row(reply, 2)).containsEntry("action", "SKIPPED").containsEntry("reason", "FORMULA");
        assertThat(row(reply, 3)).containsEntry("reason", "FORMULA");
        assertThat(row(reply, 4)).containsEntry("reason", "FORMULA");
        assertThat(count(org, "select count(*) from {schema}.people where email like 'f_@x.test'")).isZero();
    }

    @Test
    void anUnknownImportIs404AndAMalformedIdIs400() {
        String unknown = "/api/v1/members/imports/" + UUID.randomUUID();

        assertProblem(org.api().get(unknown, admin), 404, "RESOURCE_NOT_FOUND");
        assertProblem(org.api().post(unknown + "/commit", Map.of(), admin), 404, "RESOURCE_NOT_FOUND");
        assertProblem(org.api().delete(unknown, admin), 404, "RESOURCE_NOT_FOUND");
        assertThat(org.api().get("/api/v1/members/imports/not-a-uuid", admin).status()).isEqualTo(400);
    }

    @Test
    void committingTwiceIs409ImportNotPlanned() {
        String id = upload(org, admin, HEADER + "twice@x.test,Two,Times,,,,\n", true).string("id");
        org.api().post("/api/v1/members/imports/" + id + "/commit", Map.of(), admin);

        assertProblem(org.api().post("/api/v1/members/imports/" + id + "/commit", Map.of(), admin), 409, "IMPORT_NOT_PLANNED");
    }

    @Test
    void discardingADryRunIs204AndItIsGone() {
        String id = upload(org, admin, HEADER + "gone@x.test,Gone,G,,,,\n", true).string("id");

        assertThat(org.api().delete("/api/v1/members/imports/" + id, admin).status()).isEqualTo(204);
        assertThat(org.api().get("/api/v1/members/imports/" + id, admin).status()).isEqualTo(404);
    }
}
