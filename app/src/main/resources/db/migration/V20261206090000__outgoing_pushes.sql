-- Web pushes waiting to go out, like outgoing_mail and outgoing_texts: queued in the transaction of the notification,
-- sent by the push relay with backoff. The payload is sealed (it may carry a preview of the notification's text);
-- once sent or given up, payload and device keys are erased.
create table outgoing_pushes (
    id              bigserial primary key,
    tenant_id       uuid        not null,
    endpoint        text        not null,
    p256dh          text,
    auth            text,
    sealed_payload  text,
    urgency         text        not null check (urgency in ('very-low', 'low', 'normal', 'high')),
    created_at      timestamptz not null default now(),
    expires_at      timestamptz not null,
    next_attempt_at timestamptz not null default now(),
    attempts        int         not null default 0,
    sent_at         timestamptz,
    given_up_at     timestamptz,
    last_error      text
);
create index outgoing_pushes_due on outgoing_pushes (next_attempt_at) where sent_at is null and given_up_at is null;
