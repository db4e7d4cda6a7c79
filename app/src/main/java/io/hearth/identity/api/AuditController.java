package io.hearth.identity.api;

import io.hearth.identity.AuditAction;
import io.hearth.identity.Caller;
import io.hearth.identity.Permission;
import io.hearth.identity.PersonalData;
import io.hearth.identity.RequiresPermission;
import io.hearth.identity.internal.AuditRepository;
import io.hearth.kit.Refusal;
import io.hearth.tenancy.TenantBound;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The organisation's audit log, newest first. */
@TenantBound
@Controller("/api/v1/audit")
@ExecuteOn(TaskExecutors.BLOCKING)
@RequiresPermission(Permission.AUDIT_VIEW)
public class AuditController {

    private final AuditRepository repository;

    public AuditController(AuditRepository repository) {
        this.repository = repository;
    }

    @Schema(name = "AuditPage")
    @Serdeable
    public record AuditPage(List<PersonalData.AuditEntry> items, int page, int size, long totalItems) {
    }

    @Get("{?action,actorId,targetId,from,to,page,size}")
    @Operation(summary = "Read the audit log", description = "Filter by action code, actor, target and time range [from, to); paginated.")
    public AuditPage list(Caller caller, @Nullable @QueryValue @Size(max = 100) String action, @Nullable @QueryValue UUID actorId,
                          @Nullable @QueryValue UUID targetId, @Nullable @QueryValue Instant from, @Nullable @QueryValue Instant to,
                          @Nullable @QueryValue @Min(0) @Max(100000) Integer page, @Nullable @QueryValue @Min(1) @Max(500) Integer size) {
        if (action != null && AuditAction.byCode(action).isEmpty()) {
            throw Refusal.invalid("action", "is not an audit action code");
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw Refusal.invalid("from", "must be before to");
        }
        int p = page == null ? 0 : page;
        int s = size == null ? 50 : size;
        List<PersonalData.AuditEntry> items = repository.search(action, actorId, targetId, from, to, s, (long) p * s).stream()
                .map(PersonalData.AuditEntry::of).toList();
        return new AuditPage(items, p, s, repository.countSearch(action, actorId, targetId, from, to));
    }
}
