-- Must reach: a safety notification climbs a ladder until he answers "got it": in the app and by push at once, a text
-- after 15 minutes, a mail after 30. `tried` says which channels it went out on, for the sender's "not reached yet".
alter table notifications add column step int not null default 0;
alter table notifications add column next_step_at timestamptz;
alter table notifications add column tried text not null default '';
alter table notifications add column sent_by uuid;
create index notifications_ladder on notifications (next_step_at) where next_step_at is not null and acknowledged_at is null;

-- A must-reach message someone sent ("the bus leaves from the north gate"): its recipients are the notifications
-- whose source is the message.
create table safety_messages (
    id              uuid primary key,
    sender_id       uuid        not null references people (id),
    sealed_text     text        not null,
    link            text        not null,
    created_at      timestamptz not null,
    idempotency_key text
);
create unique index safety_messages_idempotency on safety_messages (sender_id, idempotency_key) where idempotency_key is not null;

-- Reach out: a man in crisis alerts his facilitators and care team. Seen only by him and those alerted; erased after
-- the organisation's sensitive-data period.
create table reach_outs (
    id              uuid primary key,
    person_id       uuid        not null references people (id),
    sealed_message  text,
    created_at      timestamptz not null,
    taken_by        uuid references people (id),
    taken_at        timestamptz,
    idempotency_key text
);
create unique index reach_outs_idempotency on reach_outs (person_id, idempotency_key) where idempotency_key is not null;
create table reach_out_recipients (
    reach_out_id uuid not null references reach_outs (id) on delete cascade,
    person_id    uuid not null references people (id),
    primary key (reach_out_id, person_id)
);
create index reach_out_recipients_of on reach_out_recipients (person_id);

-- The crisis lines the organisation shows (admins keep them); none: Hearth's default list for its country.
create table crisis_lines (
    id       uuid primary key,
    position int  not null,
    name     text not null,
    phone    text,
    sms      text,
    url      text,
    hours    text
);
