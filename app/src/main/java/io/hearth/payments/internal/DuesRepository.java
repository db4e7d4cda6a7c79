package io.hearth.payments.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Dues prices and subscriptions of the tenant in scope. Every method is a query of its own; the entity type is nominal. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface DuesRepository extends GenericRepository<ConnectionRow, String> {

    String DUES = "select id, circle_id, person_id, account_id, amount_cents, currency, dues_interval, status, checkout_session_id, checkout_url, "
            + "expires_at, subscription_id, customer_id, paid_invoices, created_at, ended_at from dues_subscriptions ";

    @Query("select price_id from dues_prices where circle_id = :circleId and account_id = :accountId and amount_cents = :amountCents "
            + "and currency = :currency and dues_interval = :duesInterval")
    Optional<String> findPrice(UUID circleId, String accountId, long amountCents, String currency, String duesInterval);

    @Query("insert into dues_prices (circle_id, account_id, amount_cents, currency, dues_interval, price_id) values (:circleId, :accountId, "
            + ":amountCents, :currency, :duesInterval, :priceId) on conflict do nothing")
    void insertPrice(UUID circleId, String accountId, long amountCents, String currency, String duesInterval, String priceId);

    @Query(DUES + "where circle_id = :circleId and person_id = :personId and status in ('OPEN', 'ACTIVE', 'PAST_DUE', 'PAUSED') for update")
    Optional<DuesLine> lockLive(UUID circleId, UUID personId);

    @Query(DUES + "where circle_id = :circleId and person_id = :personId and status in ('OPEN', 'ACTIVE', 'PAST_DUE', 'PAUSED')")
    Optional<DuesLine> findLive(UUID circleId, UUID personId);

    @Query(DUES + "where id = :id for update")
    Optional<DuesLine> lock(UUID id);

    @Query(DUES + "where id = :id")
    Optional<DuesLine> findById(UUID id);

    @Query(DUES + "where subscription_id = :subscriptionId for update")
    Optional<DuesLine> lockBySubscription(String subscriptionId);

    @Query(DUES + "where person_id = :personId order by created_at desc limit 50")
    List<DuesLine> findOfPerson(UUID personId);

    @Query("insert into dues_subscriptions (id, circle_id, person_id, account_id, amount_cents, currency, dues_interval, status) values (:id, "
            + ":circleId, :personId, :accountId, :amountCents, :currency, :duesInterval, 'OPEN')")
    void insert(UUID id, UUID circleId, UUID personId, String accountId, long amountCents, String currency, String duesInterval);

    @Query("update dues_subscriptions set checkout_session_id = :sessionId, checkout_url = :url, expires_at = :expiresAt, updated_at = now() "
            + "where id = :id")
    void attachCheckout(UUID id, String sessionId, String url, @Nullable Instant expiresAt);

    @Query("update dues_subscriptions set status = :status, subscription_id = coalesce(subscription_id, :subscriptionId), "
            + "customer_id = coalesce(:customerId, customer_id), ended_at = case when :status in ('CANCELED', 'EXPIRED') then now() else ended_at end, "
            + "updated_at = now() where id = :id")
    void setStatus(UUID id, String status, @Nullable String subscriptionId, @Nullable String customerId);

    /** The invoice of these dues Hearth heard of last: the one that decides his status. */
    @Query("select invoice_id from dues_invoices where dues_subscription_id = :id order by at desc, invoice_id desc limit 1")
    java.util.Optional<String> latestInvoice(UUID id);

    /** Records an invoice once; a paid one stays paid. */
    @Query("insert into dues_invoices (invoice_id, dues_subscription_id, amount_cents, status) values (:invoiceId, :duesId, :amountCents, :status) "
            + "on conflict (invoice_id) do update set status = case when dues_invoices.status = 'PAID' then 'PAID' else excluded.status end")
    void recordInvoice(String invoiceId, UUID duesId, long amountCents, String status);

    @Query("update dues_subscriptions set paid_invoices = (select count(*) from dues_invoices where dues_subscription_id = :id and status = 'PAID'), "
            + "updated_at = now() where id = :id")
    void countPaid(UUID id);
}
