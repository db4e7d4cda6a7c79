package io.hearth.gatherings.internal;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;
import java.util.UUID;

/** Who brought whom to the tenant in scope's events. The entity type is nominal: the method is a query of its own. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ReferralRepository extends GenericRepository<CareTeamRow, UUID> {

    @Query("select p.id as person_id, p.first_name, p.last_name, count(*) as referrals from registrations r "
            + "join people p on p.id = r.sponsor_id where r.status not in ('CANCELLED', 'EXPIRED') "
            + "group by p.id, p.first_name, p.last_name order by count(*) desc, lower(p.last_name), p.id")
    List<ReferralLine> findAll();
}
