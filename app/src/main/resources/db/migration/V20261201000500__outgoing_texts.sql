-- Text messages waiting to go out, as outgoing_mail: written by the change that sends them, sent by the text relay
-- with retries and backoff, so an SMS provider that is down delays texts and fails nothing. A text is worth sending
-- only until expires_at (a verification code's life): after that it is given up, never delivered late. The body
-- (a code) is sealed, and erased once the text is sent or given up.
create table outgoing_texts (
    id              bigserial primary key,
    tenant_id       uuid,
    recipient       text        not null,
    sealed_body     text,
    created_at      timestamptz not null default now(),
    expires_at      timestamptz not null,
    next_attempt_at timestamptz not null default now(),
    attempts        int         not null default 0,
    sent_at         timestamptz,
    given_up_at     timestamptz,
    last_error      text
);
create index outgoing_texts_due on outgoing_texts (next_attempt_at) where sent_at is null and given_up_at is null;
