package io.hearth.gatherings;

import io.hearth.tenancy.TenantSql;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.UUID;

/** Who brought new men to the organisation's events. */
@Singleton
public class Referrals {

    private final TenantSql sql;

    public Referrals(TenantSql sql) {
        this.sql = sql;
    }

    /** Referrals per member: how many registrations named him as the one who brought them (cancelled ones excluded). */
    public List<Registrations.Referral> referrals() {
        return sql.read(db -> db.list("select p.id, p.first_name, p.last_name, count(*) from registrations r join people p on p.id = r.sponsor_id "
                + "where r.status not in ('CANCELLED', 'EXPIRED') group by p.id, p.first_name, p.last_name order by count(*) desc, lower(p.last_name), p.id",
                rs -> new Registrations.Referral(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getLong(4))));
    }
}
