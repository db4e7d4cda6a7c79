package io.hearth.payments.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;
import java.util.UUID;

/** The scholarship fund's movements. Every method is a query of its own; the entity type is nominal. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface FundRepository extends GenericRepository<ConnectionRow, String> {

    @Query("insert into fund_movements (id, kind, amount_cents, currency, person_id, payment_id, registration_id, note, by) values (:id, :kind, "
            + ":amountCents, :currency, :personId, :paymentId, :registrationId, :note, :by) on conflict (payment_id) do nothing")
    void insert(UUID id, String kind, long amountCents, String currency, UUID personId, @Nullable UUID paymentId, @Nullable UUID registrationId,
                @Nullable String note, @Nullable UUID by);

    @Query("select currency, sum(case when kind = 'GRANT' then -amount_cents else amount_cents end) as balance_cents from fund_movements group by currency "
            + "order by currency")
    List<BalanceLine> balances();

    /** Serialises grants so that two at once never spend the same money. */
    @Query("select 1 from (select pg_advisory_xact_lock(hashtext('fund_movements'))) locked")
    int lock();

    @Query("select coalesce(sum(case when kind = 'GRANT' then -amount_cents else amount_cents end), 0) from fund_movements where currency = :currency")
    long balance(String currency);

    /** What was granted towards the registration's fee and not returned. */
    @Query("select coalesce(sum(case when kind = 'GRANT' then amount_cents else -amount_cents end), 0) from fund_movements "
            + "where registration_id = :registrationId and kind in ('GRANT', 'RETURN')")
    long grantedTo(UUID registrationId);

    /** The same for many registrations in one query (those with nothing granted are left out). */
    @Query("select registration_id, sum(case when kind = 'GRANT' then amount_cents else -amount_cents end) as granted_cents from fund_movements "
            + "where registration_id in (:registrationIds) and kind in ('GRANT', 'RETURN') group by registration_id")
    List<GrantLine> grantedToEach(java.util.Collection<UUID> registrationIds);

    /** Gives back to the fund every grant to the registration not given back yet; returns how many. */
    @Query("insert into fund_movements (id, kind, amount_cents, currency, person_id, registration_id, returns_grant, note) "
            + "select gen_random_uuid(), 'RETURN', g.amount_cents, g.currency, g.person_id, g.registration_id, g.id, :note from fund_movements g "
            + "where g.kind = 'GRANT' and g.registration_id = :registrationId on conflict (returns_grant) do nothing")
    int returnGrants(UUID registrationId, String note);

    @Query("select id, kind, amount_cents, currency, person_id, registration_id, note, at from fund_movements order by at desc limit 200")
    List<FundLine> recent();
}
