-- A refund asked with an Idempotency-Key is made once: the same key from the same person answers the same refund.
alter table payment_refunds add column idempotency_key text;
create unique index payment_refunds_key on payment_refunds (requested_by, idempotency_key) where idempotency_key is not null;

-- A Stripe event acknowledged without effect (its object does not exist at Stripe) is kept with why, and counted.
alter table stripe_events add column outcome text not null default 'APPLIED' check (outcome in ('APPLIED', 'IGNORED'));
alter table stripe_events add column detail text;
