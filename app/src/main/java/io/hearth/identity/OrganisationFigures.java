package io.hearth.identity;

import io.hearth.tenancy.OrganisationActivity;
import io.hearth.tenancy.Tenant;
import io.hearth.tenancy.TenantBound;
import io.hearth.tenancy.TenantSql;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Instant;

/** identity's answer to tenancy's reports: active members, and the time of the newest audit entry (every sign-in and change is one). */
@Singleton
@TenantBound
public class OrganisationFigures implements OrganisationActivity {

    public record Newest(@Nullable Instant at) {
    }

    private final TenantSql sql;

    public OrganisationFigures(TenantSql sql) {
        this.sql = sql;
    }

    @Override
    public Activity activity(Tenant tenant) {
        long members = sql.number("select count(*) from people where status = 'ACTIVE'");
        Instant last = sql.first("select max(occurred_at) as at from audit_log", Newest.class).map(Newest::at).orElse(null);
        return new Activity(members, last);
    }
}
