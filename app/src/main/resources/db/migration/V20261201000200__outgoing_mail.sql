-- Mail waiting to go out: written in the transaction of the change that sends it, sent by the mail relay with
-- retries and backoff, so a mail server that is down delays mail and fails nothing. The body (links with tokens)
-- is erased once the mail is sent or given up.
create table outgoing_mail (
    id              bigserial primary key,
    tenant_id       uuid,
    recipient       text        not null,
    subject         text        not null,
    body            text,
    created_at      timestamptz not null default now(),
    next_attempt_at timestamptz not null default now(),
    attempts        int         not null default 0,
    sent_at         timestamptz,
    given_up_at     timestamptz,
    last_error      text
);
create index outgoing_mail_due on outgoing_mail (next_attempt_at) where sent_at is null and given_up_at is null;
