package io.hearth.identity;

import io.hearth.tenancy.TenantBound;
import io.hearth.tenancy.TenantOperations;
import jakarta.inject.Singleton;

import java.io.OutputStream;
import java.util.Map;

/** An admin's copy of everything his organisation keeps in Hearth (CSV and JSON per table), recorded in its audit log. */
@Singleton
@TenantBound
public class OrganisationExport {

    /** Each export reads the whole schema: a few at a time per instance, the others asked to come back. */
    private final java.util.concurrent.Semaphore running = new java.util.concurrent.Semaphore(2);
    private final TenantOperations operations;
    private final Audit audit;

    public OrganisationExport(TenantOperations operations, Audit audit) {
        this.operations = operations;
        this.audit = audit;
    }

    /** Writes the export as a zip; the caller's permission is checked at the door (organisation.manage). */
    public void export(Caller caller, OutputStream out) {
        if (!running.tryAcquire()) {
            throw io.hearth.kit.Refusal.rateLimited("Other exports are being made: try again in a minute", 60);
        }
        try {
            audit.byCaller(caller, AuditAction.ORGANISATION_EXPORTED, null, Map.of());
            operations.export(caller.tenant().id(), out);
        } finally {
            running.release();
        }
    }
}
