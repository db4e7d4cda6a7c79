package io.hearth.documents.api;

import io.hearth.documents.DocumentAudience;
import io.hearth.documents.DocumentKind;
import io.hearth.documents.Documents;
import io.hearth.identity.Caller;
import io.hearth.kit.Refusal;
import io.hearth.kit.web.input.BodyLimit;
import io.hearth.tenancy.TenantBound;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Documents, waivers and guidelines: shared as multipart uploads, read as files, acknowledged, their log as CSV. */
@TenantBound
@Controller("/api/v1/documents")
@ExecuteOn(TaskExecutors.BLOCKING)
public class DocumentController {

    private final Documents documents;

    public DocumentController(Documents documents) {
        this.documents = documents;
    }

    @Schema(name = "DocumentList")
    @Serdeable
    public record DocumentList(List<Documents.Document> items) {
    }

    @Schema(name = "AcknowledgementRequest", description = "The version he read and acknowledges: the current one")
    @Serdeable
    public record AcknowledgementRequest(@NotNull @Min(1) @Max(1_000_000) Integer version) {
    }

    /** The most an upload's body may be: the file and, beside it, the form's few fields and the multipart framing. */
    static final long MAX_REQUEST_BYTES = Documents.MAX_BYTES + 1024 * 1024;

    @Post(consumes = MediaType.MULTIPART_FORM_DATA)
    @BodyLimit(MAX_REQUEST_BYTES)
    @Operation(summary = "Share a document, waiver or guidelines", description = "multipart/form-data: file (a PDF, PNG, JPEG or plain UTF-8 text, "
            + "at most 20 MB (20 × 1024 × 1024 bytes): 413 PAYLOAD_TOO_LARGE beyond; 415 FILE_TYPE_REFUSED when its bytes are none of these or not "
            + "what its type or name claims), kind (DOCUMENT, WAIVER, "
            + "GUIDELINE), title, audience (ORGANISATION: admins; CIRCLE with circleId: its facilitators and admins; EVENT with eventId: its PTMs and "
            + "admins). 201. With an Idempotency-Key, a repeat answers 200 with the document shared the first time.")
    public HttpResponse<Documents.Document> upload(Caller caller, @Nullable CompletedFileUpload file, @Nullable String kind, @Nullable String title,
                                                   @Nullable String audience, @Nullable String circleId, @Nullable String eventId,
                                                   @Nullable @Header("Idempotency-Key") @Size(min = 1, max = 200) String idempotencyKey) {
        Documents.Upload upload = new Documents.Upload(parse(DocumentKind.class, "kind", kind), title, parse(DocumentAudience.class, "audience", audience),
                uuid("circleId", circleId), uuid("eventId", eventId));
        Documents.Created created;
        try (InputStream content = open(file)) {
            created = documents.upload(caller, upload, new Documents.FileUpload(file.getFilename(), contentType(file), content), idempotencyKey);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return created.repeated() ? HttpResponse.ok(created.document())
                : HttpResponse.created(created.document(), URI.create("/api/v1/documents/" + created.document().id()));
    }

    @Post(value = "/{id}/versions", consumes = MediaType.MULTIPART_FORM_DATA)
    @BodyLimit(MAX_REQUEST_BYTES)
    @Operation(summary = "A new version of the document", description = "multipart/form-data: file (as for a new document: at most 20 MB). "
            + "A waiver or guidelines must be acknowledged again. 201.")
    public HttpResponse<Documents.Document> version(Caller caller, @PathVariable UUID id, @Nullable CompletedFileUpload file) {
        Documents.Document document;
        try (InputStream content = open(file)) {
            document = documents.addVersion(caller, id, new Documents.FileUpload(file.getFilename(), contentType(file), content));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HttpResponse.created(document, URI.create("/api/v1/documents/" + id));
    }

    @Get("{?circleId,eventId}")
    @Operation(summary = "The documents he may read", description = "Without filters: the organisation's, his circles' and his events' (admins: "
            + "all). With circleId or eventId: that circle's or event's.")
    public DocumentList list(Caller caller, @Nullable @QueryValue UUID circleId, @Nullable @QueryValue UUID eventId) {
        return new DocumentList(documents.list(caller, circleId, eventId));
    }

    @Get("/{id}")
    @Operation(summary = "One document, with whether he acknowledged its current version")
    public Documents.Document get(Caller caller, @PathVariable UUID id) {
        return documents.get(caller, id);
    }

    @Get("/{id}/file{?version}")
    @Operation(summary = "The document's file", description = "The current version, or version. Sent as an attachment with its checked type, "
            + "streamed from the store.")
    public HttpResponse<StreamedFile> file(Caller caller, @PathVariable UUID id, @Nullable @QueryValue @Min(1) @Max(1_000_000) Integer version) {
        Documents.File file = documents.file(caller, id, version);
        StreamedFile body = new StreamedFile(new OpenedOnRead(file.content()), MediaType.of(file.contentType()), file.uploadedAt().toEpochMilli(),
                file.length());
        return HttpResponse.ok(body)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename*=UTF-8''" + URLEncoder.encode(file.fileName(), StandardCharsets.UTF_8)
                        .replace("+", "%20"))
                .header("X-Content-Type-Options", "nosniff").header(HttpHeaders.CACHE_CONTROL, "private, no-store");
    }

    @Post("/{id}/acknowledgements")
    @Operation(summary = "He acknowledges the current version", description = "A waiver or guidelines. 201; again: 200 with the first record kept. "
            + "409 DOCUMENT_VERSION_STALE when the version he read is not the current one. Kept: version, SHA-256 of the file, time, IP, user agent.")
    public HttpResponse<Documents.Document> acknowledge(Caller caller, @PathVariable UUID id, @Body @Valid AcknowledgementRequest request,
                                                        @Nullable @Header(HttpHeaders.USER_AGENT) String userAgent) {
        Documents.Created created = documents.acknowledge(caller, id, request.version(), userAgent);
        return created.repeated() ? HttpResponse.ok(created.document()) : HttpResponse.created(created.document());
    }

    @Get("/{id}/acknowledgements.csv")
    @Produces("text/csv")
    @Operation(summary = "The log of acknowledgements, as CSV", description = "Who shares to the document's audience. Formulas are neutralised.")
    public HttpResponse<String> log(Caller caller, @PathVariable UUID id) {
        return HttpResponse.ok(documents.log(caller, id)).contentType("text/csv; charset=utf-8")
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"acknowledgements-" + id + ".csv\"");
    }

    @Delete("/{id}")
    @Operation(summary = "Archive the document", description = "204; no one sees it any more; its log is kept.")
    public HttpResponse<Void> archive(Caller caller, @PathVariable UUID id) {
        documents.archive(caller, id);
        return HttpResponse.noContent();
    }

    /** The uploaded file's bytes (on disk beyond the multipart threshold), or 422 when the form has no file. */
    private static InputStream open(@Nullable CompletedFileUpload file) throws IOException {
        if (file == null) {
            throw Refusal.invalid("file", "is required: a multipart part named file");
        }
        return file.getInputStream();
    }

    private static String contentType(CompletedFileUpload file) {
        return file.getContentType().map(MediaType::toString).orElse(null);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid(field, "is not one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    private static UUID uuid(String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid(field, "is not an id");
        }
    }

    /**
     * The file's bytes, opened from the store at the first read: an answer that sends no body (a HEAD, or a 304 for
     * If-Modified-Since, which the server answers from the time given) never opens it, so never leaves it open.
     */
    static final class OpenedOnRead extends InputStream {

        private final java.util.function.Supplier<InputStream> open;
        private InputStream in;

        OpenedOnRead(java.util.function.Supplier<InputStream> open) {
            this.open = open;
        }

        private InputStream in() throws IOException {
            if (in == null) {
                try {
                    in = open.get();
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
            }
            return in;
        }

        @Override
        public int read() throws IOException {
            return in().read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return in().read(b, off, len);
        }

        @Override
        public int available() throws IOException {
            return in == null ? 0 : in.available();
        }

        @Override
        public void close() throws IOException {
            if (in != null) {
                in.close();
            }
        }
    }
}
