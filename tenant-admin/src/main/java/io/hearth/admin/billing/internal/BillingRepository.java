package io.hearth.admin.billing.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Billing's tables: each organisation's Stripe status and the fee ledger. Every method is a query of its own. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface BillingRepository extends GenericRepository<StripeStatusRow, UUID> {

    /** Applies a status unless a newer one was applied already. */
    @Query("insert into organisation_stripe (tenant_id, account_id, status, reason, updated_at) values (:tenantId, :accountId, :status, :reason, :at) "
            + "on conflict (tenant_id) do update set account_id = excluded.account_id, status = excluded.status, reason = excluded.reason, "
            + "updated_at = excluded.updated_at where organisation_stripe.updated_at <= excluded.updated_at")
    void applyStatus(UUID tenantId, String accountId, String status, @Nullable String reason, Instant at);

    @Query("select tenant_id, account_id, status, reason, updated_at from organisation_stripe")
    List<StripeStatusRow> findStatuses();

    /** One fee movement per event: the same event twice counts once. */
    @Query("insert into fee_ledger (event_id, tenant_id, month, currency, fee_cents) values (:eventId, :tenantId, :month, :currency, :feeCents) "
            + "on conflict (event_id) do nothing")
    void record(UUID eventId, UUID tenantId, LocalDate month, String currency, long feeCents);

    @Query("select tenant_id, month, currency, sum(fee_cents) as fee_cents, count(*) as movements from fee_ledger where month >= :from "
            + "group by tenant_id, month, currency order by month desc, tenant_id")
    List<RevenueLine> revenueSince(LocalDate from);
}
