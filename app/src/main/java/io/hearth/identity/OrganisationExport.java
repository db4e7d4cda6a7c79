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

    private final TenantOperations operations;
    private final Audit audit;

    public OrganisationExport(TenantOperations operations, Audit audit) {
        this.operations = operations;
        this.audit = audit;
    }

    /** Writes the export as a zip; the caller's permission is checked at the door (organisation.manage). */
    public void export(Caller caller, OutputStream out) {
        audit.byCaller(caller, AuditAction.ORGANISATION_EXPORTED, null, Map.of());
        operations.export(caller.tenant().id(), out);
    }
}
