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

/**
 * The tenant in scope's Stripe account, payments and the Stripe events acted on. Every method is a query of its
 * own; the entity type is nominal.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface PaymentRepository extends GenericRepository<ConnectionRow, String> {

    String PAYMENT = "select id, kind, person_id, registration_id, event_id, description, amount_cents, currency, application_fee_cents, "
            + "status, account_id, checkout_session_id, checkout_url, expires_at, payment_intent_id, seat, refunded_cents, "
            + "refund_reason, created_at, paid_at, instalments, instalments_paid, subscription_id, plan_status, next_instalment_at, plan_end_at from payments ";

    @Query("select account_id, livemode, status, restricted_reason, charges_enabled, payouts_enabled, details_submitted, state_at "
            + "from stripe_connection where livemode = :livemode")
    Optional<ConnectionLine> findConnection(boolean livemode);

    @Query("insert into stripe_connection (account_id, livemode, status) values (:accountId, :livemode, 'PENDING') on conflict do nothing")
    void insertConnection(String accountId, boolean livemode);

    /** Applies the account's state unless a newer one was applied already; 0 when it was older. */
    @Query("update stripe_connection set status = :status, restricted_reason = :reason, charges_enabled = :chargesEnabled, "
            + "payouts_enabled = :payoutsEnabled, details_submitted = :detailsSubmitted, state_at = :stateAt, updated_at = now() "
            + "where account_id = :accountId and (state_at is null or state_at <= :stateAt)")
    int updateConnection(String accountId, String status, @Nullable String reason, boolean chargesEnabled, boolean payoutsEnabled,
                         boolean detailsSubmitted, Instant stateAt);

    /** Records a Stripe event; 0 when it was recorded before (a duplicate, or one being handled at this moment). */
    @Query("insert into stripe_events (event_id, type, created) values (:eventId, :type, :created) on conflict (event_id) do nothing")
    int recordEvent(String eventId, String type, Instant created);

    /** Records a Stripe event that was acknowledged and ignored, with why; 0 when it was recorded before. */
    @Query("insert into stripe_events (event_id, type, created, outcome, detail) values (:eventId, :type, :created, 'IGNORED', :detail) "
            + "on conflict (event_id) do nothing")
    int recordIgnoredEvent(String eventId, String type, Instant created, String detail);

    @Query("insert into payments (id, kind, person_id, registration_id, event_id, description, amount_cents, currency, application_fee_cents, "
            + "status, account_id, idempotency_key, instalments) values (:id, :kind, :personId, :registrationId, :eventId, :description, "
            + ":amountCents, :currency, :applicationFeeCents, 'OPEN', :accountId, :idempotencyKey, :instalments)")
    void insert(UUID id, String kind, UUID personId, @Nullable UUID registrationId, @Nullable UUID eventId, String description, long amountCents,
                String currency, long applicationFeeCents, String accountId, @Nullable String idempotencyKey, int instalments);

    @Query(PAYMENT + "where person_id = :personId and idempotency_key = :idempotencyKey")
    Optional<PaymentLine> findByKey(UUID personId, String idempotencyKey);

    @Query("update payments set checkout_session_id = :sessionId, checkout_url = :url, expires_at = :expiresAt, updated_at = now() where id = :id")
    void attachCheckout(UUID id, String sessionId, String url, @Nullable Instant expiresAt);

    @Query(PAYMENT + "where id = :id")
    Optional<PaymentLine> findById(UUID id);

    @Query(PAYMENT + "where id = :id for update")
    Optional<PaymentLine> lock(UUID id);

    @Query(PAYMENT + "where checkout_session_id = :sessionId for update")
    Optional<PaymentLine> lockBySession(String sessionId);

    @Query(PAYMENT + "where checkout_session_id = :sessionId")
    Optional<PaymentLine> findBySession(String sessionId);

    @Query(PAYMENT + "where id = (select payment_id from payment_instalments where payment_intent_id = :paymentIntent limit 1)")
    Optional<PaymentLine> findByInstalmentIntent(String paymentIntent);

    @Query(PAYMENT + "where account_id = :accountId and payment_intent_id = :paymentIntent")
    Optional<PaymentLine> findByPaymentIntent(String accountId, String paymentIntent);

    /** A refund made at Stripe (its dashboard, or ours seen again): the amount refunded, REFUNDED when it is all. */
    @Query("update payments set refunded_cents = :refundedCents, status = case when :refundedCents >= amount_cents then 'REFUNDED' else status end, "
            + "updated_at = now() where id = :id and refunded_cents < :refundedCents")
    void recordRefundedAmount(UUID id, long refundedCents);

    /** Holds, until the transaction ends, the one right to open a payment for this registration. */
    @Query("select 1 from (select pg_advisory_xact_lock(hashtextextended('payment-of:' || cast(:registrationId as text), 0))) locked")
    int lockPaymentsOf(UUID registrationId);

    @Query(PAYMENT + "where registration_id = :registrationId and status = 'OPEN'")
    Optional<PaymentLine> findOpenOf(UUID registrationId);

    @Query(PAYMENT + "where person_id = :personId order by created_at desc, id limit :limit offset :offset")
    List<PaymentLine> findOfPerson(UUID personId, int limit, long offset);

    @Query("select count(*) from payments where person_id = :personId")
    long countOfPerson(UUID personId);

    /** Open payments created before the cut-off: what the reconciliation re-reads. */
    @Query("select id from payments where status = 'OPEN' and created_at < :openBefore order by created_at limit 200")
    List<UUID> findUnsettled(Instant openBefore);

    @Query("update payments set status = 'PAID', payment_intent_id = :paymentIntent, seat = :seat, paid_at = :at, updated_at = now() "
            + "where id = :id")
    void markPaid(UUID id, @Nullable String paymentIntent, @Nullable String seat, Instant at);

    @Query("update payments set status = 'REFUND_DUE', payment_intent_id = :paymentIntent, seat = :seat, paid_at = :at, "
            + "refund_reason = :reason, updated_at = now() where id = :id")
    void markRefundDue(UUID id, @Nullable String paymentIntent, String seat, Instant at, String reason);

    @Query("update payments set status = 'EXPIRED', updated_at = now() where id = :id and status = 'OPEN'")
    int markExpired(UUID id);

    String REFUND = "select id, payment_id, amount_cents, application_fee_refunded_cents, reason, requested_by, release_seat, payment_intent_id, "
            + "status, stripe_refund_id, failure, created_at from payment_refunds ";

    @Query("insert into payment_refunds (id, payment_id, amount_cents, application_fee_refunded_cents, reason, requested_by, release_seat, "
            + "payment_intent_id, status) values (:id, :paymentId, :amountCents, :feeCents, :reason, :requestedBy, :releaseSeat, :paymentIntentId, 'PENDING')")
    void insertRefund(UUID id, UUID paymentId, long amountCents, long feeCents, String reason, @Nullable UUID requestedBy, boolean releaseSeat,
                      @Nullable String paymentIntentId);

    /** Paid instalments with what is left to refund of each, oldest first. */
    @Query("select i.payment_intent_id as intent, i.amount_cents - coalesce((select sum(r.amount_cents) from payment_refunds r where "
            + "r.payment_intent_id = i.payment_intent_id and r.status in ('PENDING', 'SUCCEEDED')), 0) as refundable from payment_instalments i "
            + "where i.payment_id = :paymentId and i.status = 'PAID' and i.payment_intent_id is not null order by i.at")
    List<IntentLine> refundableInstalments(UUID paymentId);

    @Query("select payment_intent_id from payment_instalments where payment_id = :paymentId and status = 'PAID' and payment_intent_id is not null "
            + "order by at desc limit 1")
    Optional<String> latestInstalmentIntent(UUID paymentId);

    @Query("select coalesce(sum(amount_cents), 0) from payment_instalments where payment_id = :paymentId and status = 'PAID'")
    long paidInInstalments(UUID paymentId);

    @Query(REFUND + "where id = :id for update")
    Optional<RefundLine> lockRefund(UUID id);

    @Query(REFUND + "where id = :id")
    Optional<RefundLine> findRefund(UUID id);

    @Query(REFUND + "where payment_id = :paymentId order by created_at")
    List<RefundLine> findRefundsOf(UUID paymentId);

    @Query(REFUND + "where requested_by = :requestedBy and idempotency_key = :idempotencyKey")
    Optional<RefundLine> findRefundByKey(UUID requestedBy, String idempotencyKey);

    @Query("update payment_refunds set idempotency_key = :idempotencyKey where id = :id")
    void keyRefund(UUID id, String idempotencyKey);

    @Query("select coalesce(sum(amount_cents), 0) from payment_refunds where payment_id = :paymentId and status = 'PENDING'")
    long pendingRefunds(UUID paymentId);

    @Query(REFUND + "where stripe_refund_id = :stripeRefundId")
    Optional<RefundLine> findRefundByStripeId(String stripeRefundId);

    @Query("select coalesce(sum(amount_cents), 0) from payment_refunds where payment_id = :paymentId and status = 'SUCCEEDED'")
    long succeededRefunds(UUID paymentId);

    @Query("select id from payment_refunds where status = 'PENDING' and created_at < :before order by created_at limit 200")
    List<UUID> findPendingRefunds(Instant before);

    @Query("update payment_refunds set status = 'SUCCEEDED', stripe_refund_id = :stripeRefundId, updated_at = now() where id = :id")
    void refundSucceeded(UUID id, String stripeRefundId);

    @Query("update payment_refunds set status = 'FAILED', failure = :failure, updated_at = now() where id = :id")
    void refundFailed(UUID id, String failure);

    /** The payment's refunded amount after a refund succeeded (or failed afterwards); REFUNDED when it is all, else PAID. */
    @Query("update payments set refunded_cents = :refundedCents, status = case when :refundedCents >= amount_cents then 'REFUNDED' else 'PAID' end, "
            + "updated_at = now() where id = :id")
    void setRefunded(UUID id, long refundedCents);

    @Query(PAYMENT + "where event_id = :eventId order by created_at desc limit 500")
    List<PaymentLine> findOfEvent(UUID eventId);

    @Query(PAYMENT + "order by created_at desc, id limit :limit offset :offset")
    List<PaymentLine> findAll(int limit, long offset);

    @Query("select count(*) from payments")
    long countAll();

    @Query(PAYMENT + "where subscription_id = :subscriptionId for update")
    Optional<PaymentLine> lockBySubscription(String subscriptionId);

    @Query("update payments set plan_end_at = now(), updated_at = now() where id = :id")
    void planEndSet(UUID id);

    /** Instalment plans whose subscription Hearth has not yet told how to end: the reconciliation's to finish. */
    @Query("select checkout_session_id from payments where instalments > 1 and subscription_id is not null and plan_end_at is null "
            + "and status in ('PAID', 'REFUND_DUE') and checkout_session_id is not null order by created_at limit 200")
    List<String> findPlansToEnd();

    @Query("update payments set subscription_id = :subscriptionId, updated_at = now() where id = :id and subscription_id is null")
    void attachSubscription(UUID id, String subscriptionId);

    /** Records an instalment's invoice; 0 when it was recorded before (then its status is updated instead). */
    @Query("insert into payment_instalments (invoice_id, payment_id, amount_cents, status, attempts, payment_intent_id) values (:invoiceId, "
            + ":paymentId, :amountCents, :status, :attempts, :paymentIntentId) on conflict (invoice_id) do update set status = case when "
            + "payment_instalments.status = 'PAID' then 'PAID' else excluded.status end, attempts = greatest(payment_instalments.attempts, "
            + "excluded.attempts), amount_cents = excluded.amount_cents, payment_intent_id = coalesce(excluded.payment_intent_id, "
            + "payment_instalments.payment_intent_id)")
    void recordInstalment(String invoiceId, UUID paymentId, long amountCents, String status, int attempts, @Nullable String paymentIntentId);

    @Query("select status from payment_instalments where invoice_id = :invoiceId")
    Optional<String> instalmentStatus(String invoiceId);

    @Query("select count(*) from payment_instalments where payment_id = :paymentId and status = 'PAID'")
    int paidInstalments(UUID paymentId);

    @Query("update payments set instalments_paid = :paid, plan_status = :planStatus, next_instalment_at = :nextAt, updated_at = now() where id = :id")
    void updatePlan(UUID id, int paid, @Nullable String planStatus, @Nullable Instant nextAt);

    @Query("select lapsed_plan from payment_policy")
    String lapsedPlanPolicy();

    @Query("update payment_policy set lapsed_plan = :lapsedPlan")
    void setLapsedPlanPolicy(String lapsedPlan);

    /**
     * Per month and currency since {@code from}: money in (card payments in full, instalments, offline payments), money
     * back (refunds that went through), and the platform's fees (less what refunds gave back).
     */
    @Query("with movements as ("
            + "select p.paid_at as at, p.currency, 1 as counted, p.amount_cents as paid, 0 as refunded, p.application_fee_cents as fee from payments p "
            + "where p.paid_at is not null and p.instalments = 1 "
            + "union all select i.at, p.currency, 1, i.amount_cents, 0, round(i.amount_cents * p.application_fee_cents::numeric / p.amount_cents) "
            + "from payment_instalments i join payments p on p.id = i.payment_id where i.status = 'PAID' "
            + "union all select r.updated_at, p.currency, 0, 0, r.amount_cents, -r.application_fee_refunded_cents from payment_refunds r "
            + "join payments p on p.id = r.payment_id where r.status = 'SUCCEEDED') "
            + "select to_char(date_trunc('month', at), 'YYYY-MM') as month, currency, sum(counted) as payments, sum(paid) as paid_cents, "
            + "sum(refunded) as refunded_cents, sum(fee) as fee_cents from movements where at >= :from group by 1, 2 order by 1, 2")
    List<MonthLine> monthly(Instant from);

    @Query("select amount_cents, currency, instalments, instalments_paid, next_instalment_at from payments where status = 'PAID' "
            + "and instalments > 1 and plan_status in ('ACTIVE', 'PAST_DUE')")
    List<PlanLine> openPlans();
}
