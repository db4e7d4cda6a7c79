package io.hearth.documents;

import io.hearth.Api;
import io.hearth.PermissionMatrix;
import io.hearth.PermissionMatrix.Row;
import io.hearth.RealStack;
import io.hearth.identity.Org;
import io.hearth.identity.Role;
import io.hearth.tenancy.TenantDirectory;
import io.hearth.tenancy.TenantProvisioning;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.multipart.MultipartBody;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Documents, waivers and guidelines through the API: a waiver acknowledged before check-in (and again after a new
 * version), files checked by their bytes, the acknowledgements' log as CSV with formulas neutralised, audiences, who
 * may do what, isolation.
 */
@MicronautTest(transactional = false)
@Property(name = "micronaut.http.client.max-content-length", value = "30MB")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentsIT implements RealStack {

    private static final byte[] PDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};

    @Inject @Client("/") HttpClient client;
    @Inject TenantProvisioning provisioning;
    @Inject TenantDirectory directory;
    Org org;
    Api api;
    Org.Member admin;
    Org.Member ptm;
    Org.Member facilitator;

    @BeforeAll
    void organisation() {
        org = Org.create(provisioning, directory, client, "documents");
        api = org.api();
        admin = org.admin();
        ptm = org.member(Role.PTM);
        facilitator = org.member(Role.FACILITATOR);
    }

    private Api.Reply upload(Api to, Org.Member by, Map<String, String> fields, String fileName, String type, byte[] bytes) {
        MultipartBody.Builder body = MultipartBody.builder();
        fields.forEach(body::addPart);
        if (fileName != null) {
            body.addPart("file", fileName, MediaType.of(type), bytes);
        }
        return to.send(HttpRequest.POST("/api/v1/documents", body.build()).contentType(MediaType.MULTIPART_FORM_DATA_TYPE).bearerAuth(by.accessToken()));
    }

    private Api.Reply upload(Org.Member by, Map<String, String> fields, String fileName, String type, byte[] bytes) {
        return upload(api, by, fields, fileName, type, bytes);
    }

    private String event() {
        Map<String, Object> body = new HashMap<>();
        body.put("type", "WORKSHOP");
        body.put("title", "Retreat " + UUID.randomUUID().toString().substring(0, 6));
        body.put("startsAt", Instant.now().plus(Duration.ofDays(10)).toString());
        body.put("endsAt", Instant.now().plus(Duration.ofDays(12)).toString());
        body.put("timeZone", "Europe/London");
        body.put("capacity", 20);
        body.put("visibility", "MEMBERS");
        Api.Reply created = api.post("/api/v1/events", body, ptm.accessToken());
        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
        return created.string("id");
    }

    /** The raw answer: the file's bytes and headers. */
    private HttpResponse<byte[]> download(String id, Org.Member by) {
        try {
            return client.toBlocking().exchange(HttpRequest.GET("/api/v1/documents/" + id + "/file").header("Host", org.tenant().slug() + ".localhost")
                    .bearerAuth(by.accessToken()), Argument.of(byte[].class));
        } catch (HttpClientResponseException e) {
            throw new AssertionError("download answered " + e.getStatus(), e);
        }
    }

    private String text(String path, Org.Member by) {
        return client.toBlocking().retrieve(HttpRequest.GET(path).header("Host", org.tenant().slug() + ".localhost").bearerAuth(by.accessToken()));
    }

    @Test
    void checkInRefusesAManUntilHeHasAcknowledgedTheEventsCurrentWaiver() {
        String event = event();
        byte[] words = "I take part at my own risk. I will tell the staff of any medical condition.\n".getBytes(StandardCharsets.UTF_8);
        Api.Reply waiver = upload(ptm, Map.of("kind", "WAIVER", "title", "Retreat waiver", "audience", "EVENT", "eventId", event), "waiver.txt",
                "text/plain", words);
        assertThat(waiver.status()).as("%s", waiver.body()).isEqualTo(201);
        String id = waiver.string("id");
        Org.Member andy = org.member();
        // A name of his own: the PTM checking him in is a "Max Member" too, and the refusal must name him, not her.
        assertThat(api.send(HttpMethod.PATCH, "/api/v1/me", Map.of("firstName", "Andy", "lastName", "Walker"), andy.accessToken()).status())
                .isEqualTo(200);
        Api.Reply registration = api.post("/api/v1/events/" + event + "/register", Map.of(), andy.accessToken());
        String token = api.get("/api/v1/events/" + event + "/registrations/" + registration.string("id") + "/ticket", andy.accessToken()).string("token");

        Api.Reply refused = api.post("/api/v1/events/" + event + "/check-in", Map.of("token", token), ptm.accessToken());

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("WAIVER_NOT_ACKNOWLEDGED");
        assertThat(refused.string("detail")).contains("Retreat waiver").startsWith("Andy Walker has not acknowledged");
        assertThat(api.get("/api/v1/documents?eventId=" + event, andy.accessToken()).list("items")).singleElement()
                .satisfies(d -> assertThat(((Map<?, ?>) d).get("acknowledged")).isEqualTo(false));
        HttpResponse<byte[]> file = download(id, andy);
        assertThat(file.body()).isEqualTo(words);
        assertThat(file.getHeaders().get("Content-Type")).startsWith("text/plain");
        assertThat(file.getHeaders().get("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(file.getHeaders().get("Content-Disposition")).isEqualTo("attachment; filename*=UTF-8''waiver.txt");

        Api.Reply acknowledged = api.send(HttpRequest.POST("/api/v1/documents/" + id + "/acknowledgements", Map.of("version", 1))
                .bearerAuth(andy.accessToken()).header("User-Agent", "=HYPERLINK(\"http://evil.example\")"));
        Api.Reply again = api.post("/api/v1/documents/" + id + "/acknowledgements", Map.of("version", 1), andy.accessToken());
        Api.Reply checkedIn = api.post("/api/v1/events/" + event + "/check-in", Map.of("token", token), ptm.accessToken());

        assertThat(acknowledged.status()).as("%s", acknowledged.body()).isEqualTo(201);
        assertThat(acknowledged.body()).containsEntry("acknowledged", true).containsEntry("acknowledgedVersion", 1);
        assertThat(again.status()).isEqualTo(200);
        assertThat(checkedIn.status()).as("%s", checkedIn.body()).isEqualTo(200);

        String csv = text("/api/v1/documents/" + id + "/acknowledgements.csv", ptm);
        assertThat(csv.lines().toList()).hasSize(2);
        assertThat(csv).contains(andy.id().toString()).contains(sha256(words)).contains(",1,")
                .contains("\"'=HYPERLINK(\"\"http://evil.example\"\")\"").doesNotContain(",=HYPERLINK");
    }

    @Test
    void aNewVersionMustBeAcknowledgedAgainAndAnOldOneIsStale() {
        String event = event();
        String id = upload(ptm, Map.of("kind", "WAIVER", "title", "Waiver", "audience", "EVENT", "eventId", event), "w.pdf", "application/pdf", PDF)
                .string("id");
        Org.Member ben = org.member();
        Api.Reply registration = api.post("/api/v1/events/" + event + "/register", Map.of(), ben.accessToken());
        String token = api.get("/api/v1/events/" + event + "/registrations/" + registration.string("id") + "/ticket", ben.accessToken()).string("token");
        api.post("/api/v1/documents/" + id + "/acknowledgements", Map.of("version", 1), ben.accessToken());

        MultipartBody second = MultipartBody.builder().addPart("file", "w2.pdf", MediaType.of("application/pdf"),
                "%PDF-1.4\n% version two\n%%EOF\n".getBytes(StandardCharsets.US_ASCII)).build();
        Api.Reply versioned = api.send(HttpRequest.POST("/api/v1/documents/" + id + "/versions", second).contentType(MediaType.MULTIPART_FORM_DATA_TYPE)
                .bearerAuth(ptm.accessToken()));
        Api.Reply stale = api.post("/api/v1/documents/" + id + "/acknowledgements", Map.of("version", 1), ben.accessToken());
        Api.Reply refused = api.post("/api/v1/events/" + event + "/check-in", Map.of("token", token), ptm.accessToken());

        assertThat(versioned.status()).as("%s", versioned.body()).isEqualTo(201);
        assertThat(versioned.body()).containsEntry("version", 2).containsEntry("fileName", "w2.pdf");
        assertThat(api.get("/api/v1/documents/" + id, ben.accessToken()).body()).containsEntry("acknowledged", false).containsEntry("acknowledgedVersion", 1);
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.code()).isEqualTo("DOCUMENT_VERSION_STALE");
        assertThat(refused.code()).isEqualTo("WAIVER_NOT_ACKNOWLEDGED");
        assertThat(api.post("/api/v1/documents/" + id + "/acknowledgements", Map.of("version", 2), ben.accessToken()).status()).isEqualTo(201);
        assertThat(api.post("/api/v1/events/" + event + "/check-in", Map.of("token", token), ptm.accessToken()).status()).isEqualTo(200);
    }

    @Test
    void aFileIsTakenOnlyWhenItsBytesAreWhatItClaims() {
        Map<String, String> fields = Map.of("kind", "DOCUMENT", "title", "Handbook", "audience", "ORGANISATION");

        Api.Reply pdf = upload(admin, fields, "handbook.pdf", "application/pdf", PDF);
        Api.Reply textAsPdf = upload(admin, fields, "handbook.pdf", "application/pdf", "Not a PDF at all".getBytes(StandardCharsets.UTF_8));
        Api.Reply pngNamedPdf = upload(admin, fields, "photo.pdf", "application/octet-stream", PNG);
        Api.Reply pngClaimedJpeg = upload(admin, fields, "photo.png", "image/jpeg", PNG);
        Api.Reply executable = upload(admin, fields, "run.exe", "application/octet-stream", new byte[]{'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0});
        Api.Reply latin1 = upload(admin, fields, "notes.txt", "text/plain", "Caf\u00e9".getBytes(StandardCharsets.ISO_8859_1));

        assertThat(pdf.status()).as("%s", pdf.body()).isEqualTo(201);
        assertThat(pdf.body()).containsEntry("contentType", "application/pdf").containsEntry("sizeBytes", PDF.length);
        for (Api.Reply reply : List.of(textAsPdf, pngNamedPdf, pngClaimedJpeg, executable, latin1)) {
            assertThat(reply.status()).as("%s", reply.body()).isEqualTo(415);
            assertThat(reply.code()).isEqualTo("FILE_TYPE_REFUSED");
        }
    }

    @Test
    void badInputGetsAProblemWithAStableCode() {
        Api.Reply noFile = upload(admin, Map.of("kind", "DOCUMENT", "title", "T", "audience", "ORGANISATION"), null, null, null);
        Api.Reply empty = upload(admin, Map.of("kind", "DOCUMENT", "title", "T", "audience", "ORGANISATION"), "a.txt", "text/plain", new byte[0]);
        Api.Reply badKind = upload(admin, Map.of("kind", "POSTER", "title", "T", "audience", "ORGANISATION"), "a.txt", "text/plain", "x".getBytes());
        Api.Reply noTitle = upload(admin, Map.of("kind", "DOCUMENT", "audience", "ORGANISATION"), "a.txt", "text/plain", "x".getBytes());
        Api.Reply circleWithoutId = upload(admin, Map.of("kind", "DOCUMENT", "title", "T", "audience", "CIRCLE"), "a.txt", "text/plain", "x".getBytes());
        Api.Reply badCircleId = upload(admin, Map.of("kind", "DOCUMENT", "title", "T", "audience", "CIRCLE", "circleId", "nope"), "a.txt", "text/plain",
                "x".getBytes());
        String document = upload(admin, Map.of("kind", "DOCUMENT", "title", "To read", "audience", "ORGANISATION"), "a.txt", "text/plain",
                "Read me.".getBytes()).string("id");
        Api.Reply ackOfADocument = api.post("/api/v1/documents/" + document + "/acknowledgements", Map.of("version", 1), admin.accessToken());
        Api.Reply noVersion = api.post("/api/v1/documents/" + document + "/acknowledgements", Map.of(), admin.accessToken());

        for (Api.Reply reply : List.of(noFile, empty, badKind, noTitle, circleWithoutId, badCircleId, ackOfADocument, noVersion)) {
            assertThat(reply.status()).as("%s", reply.body()).isIn(400, 422);
            assertThat(reply.code()).isEqualTo("VALIDATION_ERROR");
        }
        assertThat(api.get("/api/v1/documents/" + UUID.randomUUID(), admin.accessToken()).status()).isEqualTo(404);
    }

    @Test
    void aCirclesDocumentIsForItsMenAlone() {
        Org.Member carl = org.member();
        Org.Member dan = org.member();
        String circle = api.post("/api/v1/circles", Map.of("name", "Docs circle " + UUID.randomUUID().toString().substring(0, 6), "capacity", 8),
                facilitator.accessToken()).string("id");
        api.post("/api/v1/circles/" + circle + "/members", Map.of("personId", carl.id().toString()), facilitator.accessToken());
        Api.Reply guidelines = upload(facilitator, Map.of("kind", "GUIDELINE", "title", "Circle agreements", "audience", "CIRCLE", "circleId", circle),
                "agreements.md", "text/markdown", "# What is said here stays here\n".getBytes(StandardCharsets.UTF_8));
        String id = guidelines.string("id");

        assertThat(guidelines.status()).as("%s", guidelines.body()).isEqualTo(201);
        assertThat(api.get("/api/v1/documents", carl.accessToken()).list("items")).extracting(d -> (Object) ((Map<?, ?>) d).get("id")).contains(id);
        assertThat(api.get("/api/v1/documents", dan.accessToken()).list("items")).extracting(d -> (Object) ((Map<?, ?>) d).get("id"))
                .doesNotContain(id);
        assertThat(api.get("/api/v1/documents/" + id, dan.accessToken()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/documents/" + id + "/file", dan.accessToken()).status()).isEqualTo(404);
        assertThat(api.post("/api/v1/documents/" + id + "/acknowledgements", Map.of("version", 1), carl.accessToken()).status()).isEqualTo(201);
        assertThat(api.delete("/api/v1/documents/" + id, carl.accessToken()).status()).isEqualTo(403);
        assertThat(api.delete("/api/v1/documents/" + id, facilitator.accessToken()).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/documents/" + id, carl.accessToken()).status()).isEqualTo(404);
    }

    @Test
    void aRepeatedUploadWithTheSameIdempotencyKeySharesOnce() {
        String key = UUID.randomUUID().toString();
        MultipartBody body = MultipartBody.builder().addPart("kind", "DOCUMENT").addPart("title", "Once").addPart("audience", "ORGANISATION")
                .addPart("file", "once.txt", MediaType.TEXT_PLAIN_TYPE, "Once.".getBytes()).build();

        Api.Reply first = api.send(HttpRequest.POST("/api/v1/documents", body).contentType(MediaType.MULTIPART_FORM_DATA_TYPE)
                .bearerAuth(admin.accessToken()).header("Idempotency-Key", key));
        Api.Reply second = api.send(HttpRequest.POST("/api/v1/documents", body).contentType(MediaType.MULTIPART_FORM_DATA_TYPE)
                .bearerAuth(admin.accessToken()).header("Idempotency-Key", key));

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.string("id")).isEqualTo(first.string("id"));
    }

    @Test
    void aDocumentOfOneOrganisationIsNothingInAnother() {
        String id = upload(admin, Map.of("kind", "GUIDELINE", "title", "Ours", "audience", "ORGANISATION"), "ours.txt", "text/plain", "Ours.".getBytes())
                .string("id");
        Org other = Org.create(provisioning, directory, client, "documents-b");
        Org.Member adminB = other.admin();
        Api inB = other.api();

        assertThat(inB.get("/api/v1/documents/" + id, adminB.accessToken()).status()).isEqualTo(404);
        assertThat(inB.get("/api/v1/documents/" + id + "/file", adminB.accessToken()).status()).isEqualTo(404);
        assertThat(inB.get("/api/v1/documents", adminB.accessToken()).list("items")).isEmpty();
        assertThat(inB.post("/api/v1/documents/" + id + "/acknowledgements", Map.of("version", 1), adminB.accessToken()).status()).isEqualTo(404);
        assertThat(inB.get("/api/v1/documents/" + id + "/acknowledgements.csv", adminB.accessToken()).status()).isEqualTo(404);
        assertThat(inB.delete("/api/v1/documents/" + id, adminB.accessToken()).status()).isEqualTo(404);
        assertThat(inB.get("/api/v1/documents/" + id, admin.accessToken()).status()).as("A's token on B's host").isEqualTo(401);
        assertThat(api.get("/api/v1/documents/" + id, admin.accessToken()).status()).isEqualTo(200);
    }

    // The permission matrix (the file itself is read in the tests above: it is no JSON): an organisation's guidelines, and a circle's document (FACILITATOR runs the circle, MEMBER is in it,
    // LEADERSHIP sees every circle; PTM and SUPPORT are strangers to it).
    final Map<Role, Org.Member> people = new EnumMap<>(Role.class);
    String orgGuidelines;
    String circleDocument;
    String matrixCircle;

    List<Row> rows() {
        if (people.isEmpty()) {
            for (Role role : Role.values()) {
                people.put(role, org.member(role));
            }
            matrixCircle = api.post("/api/v1/circles", Map.of("name", "Matrix docs circle", "capacity", 6), people.get(Role.FACILITATOR).accessToken())
                    .string("id");
            api.post("/api/v1/circles/" + matrixCircle + "/members", Map.of("personId", people.get(Role.MEMBER).id().toString()),
                    people.get(Role.FACILITATOR).accessToken());
            orgGuidelines = upload(admin, Map.of("kind", "GUIDELINE", "title", "Guidelines", "audience", "ORGANISATION"), "g.txt", "text/plain",
                    "Be kind.".getBytes()).string("id");
            circleDocument = upload(people.get(Role.FACILITATOR), Map.of("kind", "DOCUMENT", "title", "Reading", "audience", "CIRCLE", "circleId",
                    matrixCircle), "r.txt", "text/plain", "Read this.".getBytes()).string("id");
        }
        String g = "/api/v1/documents/" + orgGuidelines;
        String c = "/api/v1/documents/" + circleDocument;
        return List.of(
                new Row(HttpMethod.GET, "/api/v1/documents", null, 401, 200, 200, 200, 200, 200, 200),
                new Row(HttpMethod.GET, g, null, 401, 200, 200, 200, 200, 200, 200),
                new Row(HttpMethod.POST, g + "/acknowledgements", Map.of("version", 1), 401, 201, 201, 201, 201, 201, 201),
                new Row(HttpMethod.GET, g + "/acknowledgements.csv", null, 401, 403, 403, 403, 200, 403, 403),
                new Row(HttpMethod.GET, c, null, 401, 200, 200, 404, 200, 200, 404),
                new Row(HttpMethod.GET, c + "/acknowledgements.csv", null, 401, 403, 200, 404, 200, 403, 404),
                new Row(HttpMethod.GET, "/api/v1/documents?circleId=" + matrixCircle, null, 401, 200, 200, 404, 200, 200, 404),
                // Archived by its facilitator (the third caller), it is gone for those after him.
                new Row(HttpMethod.DELETE, c, null, 401, 403, 204, 404, 404, 404, 404),
                // Archived by the admin (the fifth caller): gone for those after him (sharingIsForWhoRunsTheAudience checks their 403).
                new Row(HttpMethod.DELETE, g, null, 401, 403, 403, 403, 204, 404, 404));
    }

    Stream<Arguments> matrix() {
        return PermissionMatrix.cases(rows());
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("matrix")
    void answersEachRoleAsTheDocumentRulesSay(String caller, Row row, int expected) {
        String token = "NONE".equals(caller) ? null : people.get(Role.valueOf(caller)).accessToken();

        Api.Reply reply = api.send(row.method(), row.path(), row.body(), token);

        assertThat(reply.status()).as("%s %s: %s", caller, row, reply.body()).isEqualTo(expected);
    }

    @Test
    void sharingIsForWhoRunsTheAudience() {
        Map<String, String> organisation = Map.of("kind", "DOCUMENT", "title", "Org", "audience", "ORGANISATION");
        String event = event();
        Map<String, String> toEvent = Map.of("kind", "WAIVER", "title", "Ev", "audience", "EVENT", "eventId", event);

        assertThat(upload(org.member(), organisation, "a.txt", "text/plain", "x".getBytes()).status()).isEqualTo(403);
        assertThat(upload(org.member(Role.LEADERSHIP), organisation, "a.txt", "text/plain", "x".getBytes()).status()).isEqualTo(403);
        assertThat(upload(org.member(), toEvent, "a.txt", "text/plain", "x".getBytes()).status()).isEqualTo(403);
        assertThat(upload(ptm, toEvent, "a.txt", "text/plain", "x".getBytes()).status()).isEqualTo(201);
        assertThat(upload(admin, toEvent, "a.txt", "text/plain", "x".getBytes()).status()).isEqualTo(201);
        String shared = upload(admin, organisation, "a.txt", "text/plain", "x".getBytes()).string("id");
        assertThat(api.delete("/api/v1/documents/" + shared, org.member(Role.LEADERSHIP).accessToken()).status()).isEqualTo(403);
        assertThat(api.delete("/api/v1/documents/" + shared, org.member(Role.SUPPORT).accessToken()).status()).isEqualTo(403);
        assertThat(api.delete("/api/v1/documents/" + shared, admin.accessToken()).status()).isEqualTo(204);
    }

    /** A PDF of exactly this many bytes: its header, then noise (a PDF reader would refuse it; the server checks the type by its head). */
    private static byte[] pdfOf(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        byte[] head = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, bytes, 0, head.length);
        return bytes;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aFileOfTwentyMegabytesIsSharedAndComesBackWhole() {
        byte[] big = pdfOf(Documents.MAX_BYTES);

        Api.Reply shared = upload(admin, Map.of("kind", "DOCUMENT", "title", "Retreat handbook, to print", "audience", "ORGANISATION"),
                "handbook.pdf", "application/pdf", big);

        assertThat(shared.status()).as("%s", shared.body()).isEqualTo(201);
        assertThat(shared.body()).containsEntry("sizeBytes", Documents.MAX_BYTES).containsEntry("sha256", sha256(big))
                .containsEntry("contentType", "application/pdf");
        HttpResponse<byte[]> file = download(shared.string("id"), org.member());
        assertThat(file.getContentLength()).isEqualTo(Documents.MAX_BYTES);
        assertThat(file.getContentType().map(MediaType::toString)).hasValue("application/pdf");
        assertThat(file.getHeaders().get("Cache-Control")).isEqualTo("private, no-store");
        assertThat(file.getHeaders().get("Content-Disposition")).isEqualTo("attachment; filename*=UTF-8''handbook.pdf");
        assertThat(file.getHeaders().get("Last-Modified")).as("when it was shared, not 1970").doesNotContain("1970").doesNotContain("1969");
        assertThat(sha256(file.body())).isEqualTo(sha256(big));
    }

    @Test
    void aFileOneByteOverTwentyMegabytesIs413AndNothingIsSharedOrReplaced() {
        Map<String, String> fields = Map.of("kind", "DOCUMENT", "title", "Too big", "audience", "ORGANISATION");
        int before = api.get("/api/v1/documents", admin.accessToken()).list("items").size();
        String small = upload(admin, Map.of("kind", "GUIDELINE", "title", "Small", "audience", "ORGANISATION"), "small.pdf", "application/pdf", PDF)
                .string("id");
        MultipartBody tooBigVersion = MultipartBody.builder().addPart("file", "big.pdf", MediaType.of("application/pdf"),
                pdfOf(Documents.MAX_BYTES + 1)).build();

        Api.Reply tooBig = upload(admin, fields, "big.pdf", "application/pdf", pdfOf(Documents.MAX_BYTES + 1));
        Api.Reply version = api.send(HttpRequest.POST("/api/v1/documents/" + small + "/versions", tooBigVersion)
                .contentType(MediaType.MULTIPART_FORM_DATA_TYPE).bearerAuth(admin.accessToken()));

        for (Api.Reply reply : List.of(tooBig, version)) {
            assertThat(reply.status()).as("%s", reply.body()).isEqualTo(413);
            assertThat(reply.code()).isEqualTo("PAYLOAD_TOO_LARGE");
        }
        assertThat(api.get("/api/v1/documents", admin.accessToken()).list("items")).hasSize(before + 1);
        assertThat(api.get("/api/v1/documents/" + small, admin.accessToken()).body()).containsEntry("version", 1).containsEntry("sha256", sha256(PDF));
    }

    @Test
    void aLargeTextFileIsCheckedToItsLastByte() {
        Map<String, String> fields = Map.of("kind", "DOCUMENT", "title", "Minutes", "audience", "ORGANISATION");
        byte[] lines = "A line of the minutes, plain UTF-8: caf\u00e9.\n".repeat(100_000).getBytes(StandardCharsets.UTF_8);
        byte[] brokenAtTheEnd = Arrays.copyOf(lines, lines.length + 1);
        brokenAtTheEnd[lines.length] = (byte) 0xc3;
        byte[] nulAtTheEnd = Arrays.copyOf(lines, lines.length + 1);

        Api.Reply text = upload(admin, fields, "minutes.txt", "text/plain", lines);
        Api.Reply broken = upload(admin, fields, "minutes.txt", "text/plain", brokenAtTheEnd);
        Api.Reply nul = upload(admin, fields, "minutes.txt", "text/plain", nulAtTheEnd);

        assertThat(lines.length).isGreaterThan(4 * 1024 * 1024);
        assertThat(text.status()).as("%s", text.body()).isEqualTo(201);
        for (Api.Reply reply : List.of(broken, nul)) {
            assertThat(reply.status()).as("%s", reply.body()).isEqualTo(415);
            assertThat(reply.code()).isEqualTo("FILE_TYPE_REFUSED");
        }
    }

    @Test
    void onlyTheUploadsTakeABodyOverAMegabyte() {
        String document = upload(admin, Map.of("kind", "WAIVER", "title", "Waiver", "audience", "ORGANISATION"), "w.txt", "text/plain",
                "I take part at my own risk.".getBytes()).string("id");
        Map<String, Object> padded = Map.of("version", 1, "pad", "x".repeat(1024 * 1024 + 1));

        Api.Reply acknowledgement = api.post("/api/v1/documents/" + document + "/acknowledgements", padded, admin.accessToken());
        Api.Reply archive = api.send(HttpRequest.DELETE("/api/v1/documents/" + document, "x".repeat(2 * 1024 * 1024))
                .contentType(MediaType.TEXT_PLAIN_TYPE).bearerAuth(admin.accessToken()));

        for (Api.Reply reply : List.of(acknowledgement, archive)) {
            assertThat(reply.status()).as("%s", reply.body()).isEqualTo(413);
            assertThat(reply.code()).isEqualTo("PAYLOAD_TOO_LARGE");
        }
        assertThat(api.get("/api/v1/documents/" + document, admin.accessToken()).status()).as("the refused DELETE archived nothing").isEqualTo(200);
    }
}
