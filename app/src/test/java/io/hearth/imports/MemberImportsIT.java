package io.hearth.imports;

import io.hearth.Api;
import io.hearth.RealStack;
import io.hearth.identity.Org;
import io.hearth.infra.MailCatcher;
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

import java.util.List;
import java.util.Map;

import static io.hearth.imports.ImportFixtures.HEADER;
import static io.hearth.imports.ImportFixtures.awaitStatus;
import static io.hearth.imports.ImportFixtures.count;
import static io.hearth.imports.ImportFixtures.row;
import static io.hearth.imports.ImportFixtures.upload;
import static org.assertj.core.api.Assertions.assertThat;

/** An admin imports a members file: the dry run, the import of the valid rows, running it again, undoing it, the export. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MemberImportsIT implements RealStack {

    @Inject @Client("/") HttpClient client;
    @Inject TenantProvisioning provisioning;
    @Inject TenantDirectory directory;
    @Inject ImportWork work;

    /** An organisation with a circle, an existing man and a file: two valid rows (a new man, a change to the existing one) and five bad ones. */
    private record Setup(Org org, String admin, String circle, Org.Member existing, String file) {
    }

    private Setup setup(String prefix) {
        Org org = Org.create(provisioning, directory, client, prefix);
        String admin = org.admin().accessToken();
        String circle = org.api().post("/api/v1/circles", Map.of("name", "Tuesday Men", "capacity", 5), admin).string("id");
        Org.Member existing = org.member();
        String domain = org.tenant().slug() + ".test";
        String file = HEADER
                + "al@" + domain + ",Al,Green,+44 7700 900001,Tuesday Men,,yes\n"
                + existing.email() + ",Maximilian,Member,,,SUPPORT,\n"
                + "eve@" + domain + ",\"=HYPERLINK(\"\"http://evil.example\"\")\",Smith,,,,\n"
                + "AL@" + domain + ",Al,Again,,,,\n"
                + "not-an-email,B,B,,,,\n"
                + "cy@" + domain + ",Cy,C,,Nowhere,,\n"
                + "di@" + domain + ",Di,D,,,KING,\n";
        return new Setup(org, admin, circle, existing, file);
    }

    @Test
    void aDryRunShowsEachRowsActionAndReasonAndChangesNothing() throws Exception {
        Setup s = setup("imp-dry");
        long people = count(s.org(), "select count(*) from {schema}.people");

        Api.Reply reply = upload(s.org(), s.admin(), s.file(), true);

        assertThat(reply.status()).as("%s", reply.body()).isEqualTo(201);
        assertThat(reply.string("status")).isEqualTo("PLANNED");
        assertThat(reply.map("counts")).containsEntry("total", 7).containsEntry("create", 1).containsEntry("update", 1)
                .containsEntry("unchanged", 0).containsEntry("skipped", 5);
        assertThat(row(reply, 2)).containsEntry("action", "CREATE").containsEntry("circleId", s.circle()).containsEntry("consentState", "GIVEN");
        assertThat(row(reply, 3)).containsEntry("action", "UPDATE").containsEntry("changes", List.of("firstName", "roles"));
        assertThat(row(reply, 4)).containsEntry("action", "SKIPPED").containsEntry("reason", "FORMULA");
        assertThat(row(reply, 5)).containsEntry("reason", "DUPLICATE_EMAIL").containsEntry("detail", "Line 2 has the same email");
        assertThat(row(reply, 6)).containsEntry("reason", "INVALID_EMAIL");
        assertThat(row(reply, 7)).containsEntry("reason", "UNKNOWN_CIRCLE");
        assertThat(row(reply, 8)).containsEntry("reason", "UNKNOWN_ROLE");
        assertThat(count(s.org(), "select count(*) from {schema}.people")).isEqualTo(people);
        assertThat(s.org().api().get("/api/v1/members/" + s.existing().id(), s.admin()).string("firstName")).isEqualTo("Max");
    }

    @Test
    void committingImportsTheValidRowsAndRunningTheFileAgainChangesNothing() throws Exception {
        Setup s = setup("imp-commit");
        String id = upload(s.org(), s.admin(), s.file(), true).string("id");

        Api.Reply committed = s.org().api().post("/api/v1/members/imports/" + id + "/commit", Map.of(), s.admin());
        Api.Reply applied = awaitStatus(s.org(), s.admin(), id, "APPLIED");

        assertThat(committed.status()).as("%s", committed.body()).isEqualTo(202);
        assertThat(applied.map("progress")).containsEntry("done", 2).containsEntry("total", 2).containsEntry("failed", 0);
        String al = "al@" + s.org().tenant().slug() + ".test";
        assertThat(count(s.org(), "select count(*) from {schema}.people p join {schema}.circle_memberships m on m.person_id = p.id "
                + "where p.email = '" + al + "' and p.status = 'ACTIVE' and m.left_at is null and m.circle_id = '" + s.circle() + "'")).isEqualTo(1);
        assertThat(count(s.org(), "select count(*) from {schema}.consents c join {schema}.people p on p.id = c.person_id "
                + "where p.email = '" + al + "' and c.channel = 'EMAIL' and c.given and c.how = 'import'")).isEqualTo(1);
        Api.Reply existing = s.org().api().get("/api/v1/members/" + s.existing().id(), s.admin());
        assertThat(existing.string("firstName")).isEqualTo("Maximilian");
        assertThat(existing.list("roles")).containsExactlyInAnyOrder("MEMBER", "SUPPORT");
        assertThat(count(s.org(), "select count(*) from {schema}.people where first_name like '=%'")).isZero();

        Api.Reply again = upload(s.org(), s.admin(), s.file(), true);

        assertThat(again.map("counts")).containsEntry("create", 0).containsEntry("update", 0).containsEntry("unchanged", 2).containsEntry("skipped", 5);
        assertThat(row(again, 2)).containsEntry("action", "UNCHANGED");
        assertThat(row(again, 3)).containsEntry("action", "UNCHANGED");
    }

    @Test
    void aManImportedIsInvitedThroughTheThrottleAndJoinsWithTheLink() throws Exception {
        Org org = Org.create(provisioning, directory, client, "imp-invite");
        String admin = org.admin().accessToken();
        String domain = org.tenant().slug() + ".test";
        String file = HEADER + "ann@" + domain + ",Ann,A,,,,\n" + "ben@" + domain + ",Ben,B,,,,\n" + "cal@" + domain + ",Cal,C,,,,no\n";
        String id = upload(org, admin, file, false).string("id");
        awaitStatus(org, admin, id, "APPLIED");
        int before = RealStack.stack().mailCatcher().messages().size();

        int first = work.sendInvitations(org.tenant(), 1);
        int second = work.sendInvitations(org.tenant(), 1);
        int third = work.sendInvitations(org.tenant(), 1);

        assertThat(List.of(first, second, third)).as("one per sweep at a limit of one; none for a man who did not consent to mail").containsExactly(1, 1, 0);
        Api.Reply report = org.api().get("/api/v1/members/imports/" + id, admin);
        assertThat(report.map("progress")).containsEntry("invited", 2).containsEntry("toInvite", 2);
        assertThat(row(report, 4)).containsEntry("invitation", "NOT_SENT");
        String token = Org.lastLink("ann@" + domain, "/invitations/");
        Api.Reply accepted = org.api().post("/api/v1/auth/invitations/" + token + "/accept",
                Map.of("password", Org.PASSWORD, "firstName", "Ann", "lastName", "A"), null);
        assertThat(accepted.status()).as("%s", accepted.body()).isEqualTo(201);
        assertThat(org.login("ann@" + domain, Org.PASSWORD).accessToken()).isNotBlank();
        List<MailCatcher.Mail> mails = RealStack.stack().mailCatcher().messages();
        assertThat(mails.subList(before, mails.size())).noneMatch(mail -> mail.to().contains("cal@" + domain));
    }

    @Test
    void undoRemovesTheMenItCreatedWhoNeverSignedInAndPutsBackWhatItChanged() throws Exception {
        Setup s = setup("imp-undo");
        String domain = s.org().tenant().slug() + ".test";
        String file = s.file() + "bo@" + domain + ",Bo,B,,,,\n";
        String id = upload(s.org(), s.admin(), file, false).string("id");
        awaitStatus(s.org(), s.admin(), id, "APPLIED");
        work.sendInvitations(s.org().tenant(), 10);
        String alsLink = Org.lastLink("al@" + domain, "/invitations/");
        Api.Reply accepted = s.org().api().post("/api/v1/auth/invitations/" + Org.lastLink("bo@" + domain, "/invitations/") + "/accept",
                Map.of("password", Org.PASSWORD, "firstName", "Bo", "lastName", "B"), null);
        assertThat(accepted.status()).as("%s", accepted.body()).isEqualTo(201);

        Api.Reply undo = s.org().api().delete("/api/v1/members/imports/" + id, s.admin());
        Api.Reply undone = awaitStatus(s.org(), s.admin(), id, "UNDONE");

        assertThat(undo.status()).as("%s", undo.body()).isEqualTo(202);
        assertThat(row(undone, 2)).containsEntry("outcome", "UNDONE");
        assertThat(row(undone, 9)).containsEntry("outcome", "KEPT");
        assertThat(count(s.org(), "select count(*) from {schema}.people where email = 'al@" + domain + "'")).isZero();
        assertThat(count(s.org(), "select count(*) from {schema}.circle_memberships where circle_id = '" + s.circle() + "' and left_at is null")).isZero();
        assertThat(count(s.org(), "select count(*) from {schema}.people where email = 'bo@" + domain + "' and status = 'ACTIVE'")).isEqualTo(1);
        Api.Reply existing = s.org().api().get("/api/v1/members/" + s.existing().id(), s.admin());
        assertThat(existing.string("firstName")).isEqualTo("Max");
        assertThat(existing.list("roles")).containsExactly("MEMBER");
        assertThat(s.org().api().post("/api/v1/auth/invitations/" + alsLink + "/accept",
                Map.of("password", Org.PASSWORD, "firstName", "Al", "lastName", "Green"), null).status()).as("his invitation is taken back").isEqualTo(404);
        assertThat(s.org().api().delete("/api/v1/members/imports/" + id, s.admin()).code()).isEqualTo("IMPORT_ALREADY_UNDONE");
    }

    @Test
    void theSampleFileOfTheDocsIsImportedWhole() throws Exception {
        Org org = Org.create(provisioning, directory, client, "imp-sample");
        String admin = org.admin().accessToken();
        String circle = org.api().post("/api/v1/circles", Map.of("name", "Tuesday Circle", "capacity", 8), admin).string("id");
        byte[] sample = java.nio.file.Files.readAllBytes(java.nio.file.Path.of("../docs/sample-members.csv"));

        Api.Reply planned = upload(org, admin, sample, true);

        assertThat(planned.status()).as("%s", planned.body()).isEqualTo(201);
        assertThat(planned.map("counts")).containsEntry("total", 5).containsEntry("create", 5).containsEntry("skipped", 0);
        assertThat(row(planned, 3)).containsEntry("firstName", "Jürgen").containsEntry("phone", "0049 30 901820");
        assertThat(row(planned, 4)).containsEntry("circleId", circle).containsEntry("consentState", "GIVEN");
        assertThat(row(planned, 5)).containsEntry("lastName", "Smith, Jr.").containsEntry("consentState", "WITHDRAWN");
        Api.Reply committed = org.api().post("/api/v1/members/imports/" + planned.string("id") + "/commit", Map.of(), admin);
        assertThat(committed.status()).as("%s", committed.body()).isEqualTo(202);
        Api.Reply applied = awaitStatus(org, admin, planned.string("id"), "APPLIED");
        assertThat(applied.map("progress")).containsEntry("done", 5).containsEntry("failed", 0);
        assertThat(count(org, "select count(*) from {schema}.circle_memberships where circle_id = '" + circle + "' and left_at is null")).isEqualTo(2);
        assertThat(count(org, "select count(*) from {schema}.people where email like '%@example.org' and sealed_phone is not null")).isEqualTo(3);
    }

    @Test
    void anImportCanNoLongerBeUndoneAfterADay() throws Exception {
        Org org = Org.create(provisioning, directory, client, "imp-late");
        String admin = org.admin().accessToken();
        String id = upload(org, admin, HEADER + "late@" + org.tenant().slug() + ".test,Late,L,,,,\n", false).string("id");
        awaitStatus(org, admin, id, "APPLIED");
        ImportFixtures.sql(org, "update {schema}.member_imports set committed_at = now() - interval '25 hours' where id = '" + id + "'");

        Api.Reply undo = org.api().delete("/api/v1/members/imports/" + id, admin);

        assertThat(undo.status()).isEqualTo(409);
        assertThat(undo.code()).isEqualTo("IMPORT_UNDO_EXPIRED");
        assertThat(undo.header(HttpHeaders.CONTENT_TYPE)).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void theExportHasTheImportsShapeNeutralisesFormulasAndImportsBackUnchanged() throws Exception {
        Setup s = setup("imp-export");
        String id = upload(s.org(), s.admin(), s.file(), false).string("id");
        awaitStatus(s.org(), s.admin(), id, "APPLIED");
        ImportFixtures.sql(s.org(), "update {schema}.people set last_name = '=1+2' where id = '" + s.existing().id() + "'");

        var response = client.toBlocking().exchange(HttpRequest.GET("/api/v1/members/export.csv")
                .header(HttpHeaders.HOST, s.org().tenant().slug() + ".localhost").bearerAuth(s.admin()), byte[].class);
        String csv = new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);

        assertThat(response.getHeaders().get(HttpHeaders.CONTENT_TYPE)).startsWith("text/csv");
        assertThat(csv).startsWith("email,firstName,lastName,phone,circle,roles,consent\r\n");
        assertThat(csv).contains("al@" + s.org().tenant().slug() + ".test,Al,Green,'+447700900001,Tuesday Men,MEMBER,yes\r\n");
        assertThat(csv).contains(s.existing().email() + ",Maximilian,'=1+2,,,MEMBER;SUPPORT,\r\n");
        ImportFixtures.sql(s.org(), "update {schema}.people set last_name = 'Member' where id = '" + s.existing().id() + "'");

        Api.Reply again = upload(s.org(), s.admin(), csv.getBytes(java.nio.charset.StandardCharsets.UTF_8), true);

        assertThat(again.status()).as("%s", again.body()).isEqualTo(201);
        assertThat(again.map("counts")).containsEntry("create", 0).containsEntry("skipped", 1).containsEntry("update", 0);
        assertThat(row(again, csv.lines().toList().indexOf(csv.lines().filter(l -> l.startsWith(s.existing().email())).findFirst().orElseThrow()) + 1))
                .as("a formula read back from the export is still refused").containsEntry("reason", "FORMULA");
    }
}
