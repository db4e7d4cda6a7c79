package io.hearth.payments.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The intervention queue: what needs a person, less what someone resolved. Every method is a query of its own. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface InterventionRepository extends GenericRepository<ConnectionRow, String> {

    /** Resolved: someone said so since the item last changed (if it fails again later, it is back). */
    String UNRESOLVED = "not exists (select 1 from payment_interventions i where i.kind = q.kind and i.subject_id = q.subject_id and i.action = 'RESOLVE' "
            + "and i.at >= q.since)";

    @Query("select * from ("
            + "select case when plan_status = 'PAST_DUE' then 'INSTALMENT_PAST_DUE' else 'INSTALMENT_LAPSED' end as kind, cast(id as text) as subject_id, "
            + "person_id, description, amount_cents, currency, plan_status as state, updated_at as since, cast(null as uuid) as circle_id "
            + "from payments where plan_status in ('PAST_DUE', 'LAPSED') "
            + "union all select 'DUES_PAST_DUE', cast(id as text), person_id, 'Circle dues', amount_cents, currency, status, updated_at, circle_id "
            + "from dues_subscriptions where status = 'PAST_DUE' "
            + "union all select 'REFUND_FAILED', cast(r.id as text), p.person_id, p.description, r.amount_cents, p.currency, r.status, r.updated_at, null "
            + "from payment_refunds r join payments p on p.id = r.payment_id where r.status = 'FAILED' "
            + "union all select 'DISPUTED', cast(id as text), person_id, description, coalesce(disputed_cents, amount_cents), currency, dispute_status, "
            + "updated_at, null from payments where dispute_status is not null and dispute_status not in ('won', 'lost')"
            + ") q where " + UNRESOLVED + " order by since")
    List<QueueLine> findQueue();

    @Query("insert into payment_interventions (id, kind, subject_id, action, note, amount_cents, by) values (:id, :kind, :subjectId, :action, :note, "
            + ":amountCents, :by)")
    void record(UUID id, String kind, String subjectId, String action, @Nullable String note, @Nullable Long amountCents, UUID by);

    @Query("select invoice_id from payment_instalments where payment_id = :paymentId and status = 'FAILED' order by at desc limit 1")
    Optional<String> failedInstalmentInvoice(UUID paymentId);

    @Query("select invoice_id from dues_invoices where dues_subscription_id = :duesId and status = 'FAILED' order by at desc limit 1")
    Optional<String> failedDuesInvoice(UUID duesId);

    @Query("update payments set dispute_status = :status, disputed_cents = :amountCents, updated_at = now() where id = :id")
    void markDisputed(UUID id, String status, long amountCents);

    @Query("insert into payments (id, kind, person_id, registration_id, event_id, description, amount_cents, currency, application_fee_cents, "
            + "status, method, paid_at) values (:id, 'OFFLINE', :personId, :registrationId, :eventId, :description, :amountCents, :currency, 0, 'PAID', "
            + ":method, now())")
    void insertOffline(UUID id, UUID personId, @Nullable UUID registrationId, @Nullable UUID eventId, String description, long amountCents,
                       String currency, String method);
}
