-- A registration sent with an Idempotency-Key (it may start a payment) is made once, however often the same request
-- arrives: the same key answers the registration made the first time.
alter table registrations add column idempotency_key text check (length(idempotency_key) <= 200);
create unique index registrations_idempotency on registrations (person_id, idempotency_key) where idempotency_key is not null;
