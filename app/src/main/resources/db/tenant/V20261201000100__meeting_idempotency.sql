-- A meeting recorded with an Idempotency-Key (the PWA's offline queue sends one) is recorded once, however often
-- the same request arrives.
alter table circle_meetings add column idempotency_key text check (length(idempotency_key) <= 200);
create unique index circle_meetings_idempotency on circle_meetings (circle_id, idempotency_key) where idempotency_key is not null;
