package io.hearth.imports;

import io.hearth.Api;
import io.hearth.PermissionMatrix;
import io.hearth.PermissionMatrix.Row;
import io.hearth.RealStack;
import io.hearth.identity.Org;
import io.hearth.identity.Role;
import io.hearth.tenancy.TenantDirectory;
import io.hearth.tenancy.TenantProvisioning;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.hearth.imports.ImportFixtures.HEADER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every role against every import endpoint: admins only (members.manage; CARE, added since, is refused too). Each admin row that changes something has a
 * dry run of its own; the others are refused before anything is looked up.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MemberImportPermissionMatrixIT implements RealStack {

    @Inject @Client("/") HttpClient client;
    @Inject TenantProvisioning provisioning;
    @Inject TenantDirectory directory;
    Org org;
    final Map<Role, Org.Member> people = new EnumMap<>(Role.class);
    String toRead;
    String toCommit;
    String toDiscard;

    @BeforeAll
    void organisation() {
        org = Org.create(provisioning, directory, client, "imp-matrix");
        for (Role role : Role.values()) {
            people.put(role, role == Role.ADMIN ? org.admin() : org.member(role));
        }
        String admin = org.admin().accessToken();
        toRead = ImportFixtures.upload(org, admin, HEADER + "read@x.test,R,R,,,,\n", true).string("id");
        toCommit = ImportFixtures.upload(org, admin, HEADER + "commit@x.test,C,C,,,,\n", true).string("id");
        toDiscard = ImportFixtures.upload(org, admin, HEADER + "discard@x.test,D,D,,,,\n", true).string("id");
    }

    static final String FILE = HEADER + "matrix@x.test,M,M,,,,\n";
    /** The usual callers, and every role added since (CARE): the matrix covers each role there is. */
    static final List<String> CALLERS = Stream.concat(PermissionMatrix.CALLERS.stream(),
            Arrays.stream(Role.values()).map(Role::name).filter(role -> !PermissionMatrix.CALLERS.contains(role))).toList();

    List<Row> rows() {
        String imports = "/api/v1/members/imports";
        return List.of(
                new Row(HttpMethod.POST, imports + "?dryRun=true", FILE, 401, 403, 403, 403, 201, 403, 403, 403),
                new Row(HttpMethod.GET, imports + "/" + toRead, null, 401, 403, 403, 403, 200, 403, 403, 403),
                new Row(HttpMethod.POST, imports + "/" + toCommit + "/commit", null, 401, 403, 403, 403, 202, 403, 403, 403),
                new Row(HttpMethod.DELETE, imports + "/" + toDiscard, null, 401, 403, 403, 403, 204, 403, 403, 403),
                new Row(HttpMethod.GET, "/api/v1/members/export.csv", null, 401, 403, 403, 403, 200, 403, 403, 403));
    }

    Stream<Arguments> matrix() {
        assertThat(CALLERS).as("a status per caller in the rows below").containsExactly("NONE", "MEMBER", "FACILITATOR", "PTM", "ADMIN", "LEADERSHIP", "SUPPORT", "CARE");
        return PermissionMatrix.cases(CALLERS, rows());
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("matrix")
    void onlyAdminsImportAndExportMembers(String caller, Row row, int expected) {
        String token = "NONE".equals(caller) ? null : people.get(Role.valueOf(caller)).accessToken();
        MutableHttpRequest<Object> request = HttpRequest.create(row.method(), row.path());
        if (row.body() != null) {
            request.body(row.body()).contentType("text/csv");
        }
        if (token != null) {
            request.bearerAuth(token);
        }

        Api.Reply reply = org.api().send(request);

        assertThat(reply.status()).as("%s %s: %s", caller, row, reply.body()).isEqualTo(expected);
    }
}
