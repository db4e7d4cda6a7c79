package io.hearth.identity.api;

import io.hearth.identity.Caller;
import io.hearth.identity.OrganisationExport;
import io.hearth.identity.Permission;
import io.hearth.identity.RequiresPermission;
import io.hearth.tenancy.TenantBound;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** The organisation's own export, for its admins. */
@TenantBound
@Controller("/api/v1/organisation/export")
@ExecuteOn(TaskExecutors.BLOCKING)
@RequiresPermission(Permission.ORGANISATION_MANAGE)
public class ExportController {

    private final OrganisationExport exports;

    public ExportController(OrganisationExport exports) {
        this.exports = exports;
    }

    @Get(produces = "application/zip")
    @Operation(summary = "Everything the organisation keeps, as a zip of CSV and JSON per table",
            description = "Taken from one consistent snapshot, made on request and not kept on the server. Sealed fields (phone numbers) stay "
                    + "sealed. Recorded in the audit log (organisation.exported).")
    public HttpResponse<StreamedFile> export(Caller caller) {
        Path file;
        try {
            file = Files.createTempFile("hearth-export-", ".zip");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            try (OutputStream out = Files.newOutputStream(file)) {
                exports.export(caller, out);
            }
            return HttpResponse.ok(new StreamedFile(Files.newInputStream(file, StandardOpenOption.DELETE_ON_CLOSE), MediaType.of("application/zip"))
                    .attach(caller.tenant().slug() + "-export-" + LocalDate.now(ZoneOffset.UTC) + ".zip"));
        } catch (IOException e) {
            deleteQuietly(file);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            deleteQuietly(file);
            throw e;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(ExportController.class).warn("could not delete {}", file, e);
        }
    }
}
