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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

import static io.hearth.imports.ImportFixtures.HEADER;
import static io.hearth.imports.ImportFixtures.count;
import static io.hearth.imports.ImportFixtures.upload;
import static org.assertj.core.api.Assertions.assertThat;

/** Imported as one organisation, never read, committed, undone, exported or counted as another. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MemberImportIsolationIT implements RealStack {

    @Inject @Client("/") HttpClient client;
    @Inject TenantProvisioning provisioning;
    @Inject TenantDirectory directory;

    @Test
    void anImportOfOneOrganisationIsNothingInAnother() throws Exception {
        Org a = Org.create(provisioning, directory, client, "imp-iso-a");
        Org b = Org.create(provisioning, directory, client, "imp-iso-b");
        String adminA = a.admin().accessToken();
        String adminB = b.admin().accessToken();
        String planned = upload(a, adminA, HEADER + "only.a@x.test,Only,A,,,,\n", true).string("id");
        String applied = upload(a, adminA, HEADER + "imported.a@x.test,Imported,A,,,,\n", false).string("id");
        ImportFixtures.awaitStatus(a, adminA, applied, "APPLIED");

        Api inB = b.api();
        for (String id : new String[] {planned, applied}) {
            assertThat(inB.get("/api/v1/members/imports/" + id, adminB).status()).isEqualTo(404);
            assertThat(inB.post("/api/v1/members/imports/" + id + "/commit", Map.of(), adminB).status()).isEqualTo(404);
            assertThat(inB.delete("/api/v1/members/imports/" + id, adminB).status()).isEqualTo(404);
        }
        assertThat(inB.get("/api/v1/members/imports/" + applied, adminA).status()).as("A's token on B's host").isEqualTo(401);
        String exportB = new String(client.toBlocking().exchange(HttpRequest.GET("/api/v1/members/export.csv")
                .header(HttpHeaders.HOST, b.tenant().slug() + ".localhost").bearerAuth(adminB), byte[].class).body());
        assertThat(exportB).doesNotContain("imported.a@x.test").doesNotContain("only.a@x.test");

        assertThat(count(a, "select count(*) from {schema}.member_imports")).isEqualTo(2);
        assertThat(count(b, "select count(*) from {schema}.member_imports")).isZero();
        assertThat(count(a, "select count(*) from {schema}.people where email = 'imported.a@x.test'")).isEqualTo(1);
        assertThat(count(b, "select count(*) from {schema}.people where email = 'imported.a@x.test'")).isZero();
        assertThat(a.api().get("/api/v1/members/imports/" + planned, adminA).string("status")).as("A's dry run is still A's").isEqualTo("PLANNED");
    }
}
