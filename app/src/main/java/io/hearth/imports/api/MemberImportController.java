package io.hearth.imports.api;

import io.hearth.identity.Caller;
import io.hearth.identity.Permission;
import io.hearth.identity.RequiresPermission;
import io.hearth.imports.MemberImports;
import io.hearth.tenancy.TenantBound;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Admins import members from a CSV file (a dry run first, if they like), watch it, undo it, and export the same shape. */
@TenantBound
@Controller("/api/v1/members")
@ExecuteOn(TaskExecutors.BLOCKING)
@RequiresPermission(Permission.MEMBERS_MANAGE)
public class MemberImportController {

    static final String CSV = "text/csv";

    private final MemberImports imports;

    public MemberImportController(MemberImports imports) {
        this.imports = imports;
    }

    @Post(value = "/imports{?dryRun}", consumes = CSV)
    @Operation(summary = "Import members from a CSV file, or with dryRun=true only plan it",
            description = "The body is the file (UTF-8; columns email, firstName, lastName, phone, circle, roles, consent: see docs/imports.md). "
                    + "201 with every row's action (CREATE, UPDATE, UNCHANGED, SKIPPED with its reason). A dry run waits for its commit; "
                    + "otherwise the import starts at once (status APPLYING). 422 CSV_ENCODING, CSV_EMPTY, CSV_HEADER, CSV_MALFORMED, "
                    + "CSV_TOO_MANY_ROWS; 413 over the request size limit.")
    public HttpResponse<MemberImports.Report> upload(Caller caller, @Nullable @Body byte[] file, @Nullable @QueryValue Boolean dryRun) {
        MemberImports.Report report = imports.upload(caller, file == null ? new byte[0] : file, Boolean.TRUE.equals(dryRun));
        return HttpResponse.created(report, URI.create("/api/v1/members/imports/" + report.id()));
    }

    @Get("/imports/{id}{?rows}")
    @Operation(summary = "An import: its counts, its progress and (unless rows=false) every row")
    public MemberImports.Report get(Caller caller, @PathVariable UUID id, @Nullable @QueryValue Boolean rows) {
        return imports.get(caller, id, rows == null || rows);
    }

    @Post("/imports/{id}/commit")
    @Operation(summary = "Import the valid rows of a dry run",
            description = "Plans the rows again as the organisation stands now, then applies them in the background: poll the import for "
                    + "its progress. 409 IMPORT_NOT_PLANNED when it was committed already.")
    public HttpResponse<MemberImports.Report> commit(Caller caller, @PathVariable UUID id) {
        return HttpResponse.accepted().body(imports.commit(caller, id));
    }

    @Delete("/imports/{id}")
    @Operation(summary = "Undo an import within 24 hours, or discard a dry run",
            description = "202 while it is undone in the background (men it created who never signed in are removed, its changes put back); "
                    + "204 for a dry run, which is discarded. 409 IMPORT_IN_PROGRESS, IMPORT_ALREADY_UNDONE, IMPORT_UNDO_EXPIRED.")
    public HttpResponse<MemberImports.Report> undo(Caller caller, @PathVariable UUID id) {
        MemberImports.Report report = imports.undo(caller, id);
        return report == null ? HttpResponse.noContent() : HttpResponse.accepted().body(report);
    }

    @Get(value = "/export.csv", produces = CSV + ";charset=utf-8")
    @Operation(summary = "Every member as a CSV file in the import's shape",
            description = "Cells that a spreadsheet would run as a formula (starting =, +, -, @, tab, CR) get a leading apostrophe.")
    public HttpResponse<byte[]> export(Caller caller) {
        return HttpResponse.ok(imports.export(caller).getBytes(StandardCharsets.UTF_8))
                .contentType(MediaType.of(CSV + ";charset=utf-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + caller.tenant().slug() + "-members.csv\"");
    }
}
