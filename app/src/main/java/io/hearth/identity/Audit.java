package io.hearth.identity;

import io.hearth.identity.internal.AuditRepository;
import io.hearth.identity.internal.AuditRow;
import io.hearth.tenancy.TenantBound;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

/** Appends to the tenant's audit log: who did what, to whom, when and from which address. */
@TenantBound
@Singleton
public class Audit {

    private final AuditRepository repository;
    private final JsonMapper json;
    private final Clock clock;

    public Audit(AuditRepository repository, JsonMapper json, Clock clock) {
        this.repository = repository;
        this.json = json;
        this.clock = clock;
    }

    public void record(AuditAction action, @Nullable UUID actor, @Nullable UUID target, @Nullable String ip, Map<String, ?> details) {
        try {
            repository.save(new AuditRow(null, clock.instant(), actor, action.code(), target, ip, json.writeValueAsString(details)));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write audit details", e);
        }
    }

    /** An action of the signed-in caller. */
    public void byCaller(Caller caller, AuditAction action, @Nullable UUID target, Map<String, ?> details) {
        record(action, caller.person(), target, caller.ip(), details);
    }
}
