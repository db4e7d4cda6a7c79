package io.hearth.admin.tenants.api;

import io.hearth.admin.tenants.Tenant;
import io.hearth.admin.tenants.TenantOperations;
import io.hearth.kit.web.ClientAddresses;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

/**
 * Operators' work on an organisation's data: move it to another database cluster, back it up, restore a backup,
 * export it. app does the work; each request answers at once (202) and the organisation's {@code move} field, its
 * backups list and figures show how it goes. Every request is recorded in the operators' log.
 */
@Controller("/api/v1/tenants/{slug}")
@Secured("OPERATOR")
@SecurityRequirement(name = "operatorToken")
@ExecuteOn(TaskExecutors.BLOCKING)
public class TenantOperationsController {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final TenantOperations operations;
    private final ClientAddresses clients;

    public TenantOperationsController(TenantOperations operations, ClientAddresses clients) {
        this.operations = operations;
        this.clients = clients;
    }

    @Schema(name = "MoveRequest")
    @Serdeable
    public record MoveRequest(@NotBlank @Size(max = 40) String cluster) {
    }

    @Post("/move")
    @Operation(summary = "Move an organisation's data to another database cluster",
            description = "Answers 202; the organisation's move field goes REQUESTED, COPYING, VERIFYING, then DONE or FAILED. While it copies, "
                    + "the organisation's writes answer 503 WRITES_PAUSED (Retry-After) and its reads go on; the old copy is kept, frozen, until "
                    + "dropped (POST .../drop-old-copy). 422 for an unknown cluster, 409 if it is there already or moving.")
    public HttpResponse<Tenant> move(String slug, @Body @Valid MoveRequest request, Authentication operator, HttpRequest<?> http) {
        Tenant tenant = operations.move(who(operator, http), slug, request.cluster().strip());
        return HttpResponse.accepted(URI.create("/api/v1/tenants/" + slug)).body(tenant);
    }

    @Post("/drop-old-copy")
    @Operation(summary = "Drop the frozen copy a move left on the old cluster", description = "Answers 202. 409 when there is none.")
    public HttpResponse<Tenant> dropOldCopy(String slug, Authentication operator, HttpRequest<?> http) {
        Tenant tenant = operations.dropOldCopy(who(operator, http), slug);
        return HttpResponse.accepted(URI.create("/api/v1/tenants/" + slug)).body(tenant);
    }

    @Post("/backups")
    @Operation(summary = "Back up an organisation's data",
            description = "Answers 202 with the backup REQUESTED; list the backups until it is DONE or FAILED. One consistent snapshot of its "
                    + "schema, restorable under its own name or a new one, on any cluster; it carries the organisation's export too.")
    public HttpResponse<TenantOperations.Backup> backup(String slug, Authentication operator, HttpRequest<?> http) {
        TenantOperations.Backup backup = operations.backup(who(operator, http), slug);
        return HttpResponse.accepted(URI.create("/api/v1/tenants/" + slug + "/backups")).body(backup);
    }

    @Get("/backups")
    @Operation(summary = "An organisation's backups, newest first")
    public List<TenantOperations.Backup> backups(String slug) {
        return operations.backups(slug);
    }

    /**
     * @param backup        the backup's id (one of this organisation's, DONE)
     * @param targetCluster where to restore (absent: in place, its own cluster; with newSlug: where app places it)
     * @param newSlug       restore as a new organisation at this address, beside the original (absent: in its place)
     */
    @Schema(name = "RestoreRequest")
    @Serdeable
    public record RestoreRequest(@NotNull UUID backup, @Nullable @Size(max = 40) String targetCluster, @Nullable @Size(max = 30) String newSlug) {
    }

    @Post("/restore")
    @Operation(summary = "Restore one of an organisation's backups",
            description = "Answers 202. Without newSlug it is put back as the backup had it (what it had is kept aside, frozen); with newSlug a "
                    + "new organisation is made from the backup at that address (follow its status like a registration). 422 for a backup "
                    + "that is not this organisation's or not DONE, an unknown cluster or a bad slug; 409 for a slug taken.")
    public HttpResponse<Tenant> restore(String slug, @Body @Valid RestoreRequest request, Authentication operator, HttpRequest<?> http) {
        String cluster = request.targetCluster() == null || request.targetCluster().isBlank() ? null : request.targetCluster().strip();
        String newSlug = request.newSlug() == null || request.newSlug().isBlank() ? null : request.newSlug().strip();
        Tenant tenant = operations.restore(who(operator, http), slug, request.backup(), cluster, newSlug);
        return HttpResponse.accepted(URI.create("/api/v1/tenants/" + tenant.slug())).body(tenant);
    }

    @Get(value = "/export", produces = "application/zip")
    @Operation(summary = "The organisation's own export: every table as CSV and JSON",
            description = "A zip from its newest complete backup (take one first: 409 NO_BACKUP without). Sealed fields stay sealed.")
    public HttpResponse<StreamedFile> export(String slug, Authentication operator, HttpRequest<?> http) {
        Path file;
        try {
            file = Files.createTempFile("hearth-export-", ".zip");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            operations.export(who(operator, http), slug, out);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // the temporary file is removed with the JVM's temp files
            }
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new UncheckedIOException((IOException) e);
        }
        try {
            StreamedFile body = new StreamedFile(Files.newInputStream(file, StandardOpenOption.DELETE_ON_CLOSE), MediaType.of("application/zip"))
                    .attach(slug + "-export-" + STAMP.format(Instant.now()) + ".zip");
            return HttpResponse.ok(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The signed-in operator: his token's subject is his id (any other token is refused here, as nothing could be logged). */
    private TenantOperations.Operator who(Authentication operator, HttpRequest<?> http) {
        try {
            return new TenantOperations.Operator(UUID.fromString(operator.getName()), clients.of(http));
        } catch (IllegalArgumentException e) {
            throw new io.hearth.kit.Refusal(io.hearth.kit.Refusal.Kind.FORBIDDEN, io.hearth.kit.CommonCode.AUTHORIZATION_ERROR,
                    "Only an operator's own token may act on an organisation's data");
        }
    }
}
