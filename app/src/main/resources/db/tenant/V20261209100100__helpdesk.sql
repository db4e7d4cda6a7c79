-- The help desk: members open tickets in a category the organisation sets; support answers from a queue. A category
-- has its service levels (first response, resolution, in minutes); the clock stops while a ticket waits for the
-- member. A ticket keeps the levels of its category as they were when it was opened. A care category's tickets reach
-- only the men who hold care.handle.
create table ticket_categories (
    id                     uuid primary key,
    name                   text        not null check (length(name) between 1 and 100),
    care                   boolean     not null,
    first_response_minutes integer check (first_response_minutes between 1 and 525600),
    resolution_minutes     integer check (resolution_minutes between 1 and 525600),
    position               integer     not null,
    archived_at            timestamptz,
    created_at             timestamptz not null
);
create unique index ticket_categories_name on ticket_categories (lower(name)) where archived_at is null;

create sequence ticket_numbers;

create table tickets (
    id                   uuid primary key,
    number               bigint      not null unique default nextval('ticket_numbers'),
    requester_id         uuid        not null references people (id),
    category_id          uuid        not null references ticket_categories (id),
    care                 boolean     not null,
    sealed_subject       text        not null,
    status               text        not null check (status in ('NEW', 'OPEN', 'WAITING_FOR_MEMBER', 'SOLVED', 'CLOSED')),
    assignee_id          uuid references people (id),
    first_response_minutes integer,
    resolution_minutes   integer,
    created_at           timestamptz not null,
    updated_at           timestamptz not null,
    first_response_at    timestamptz,
    solved_at            timestamptz,
    closed_at            timestamptz,
    paused_since         timestamptz,
    paused_seconds       bigint      not null default 0 check (paused_seconds >= 0),
    merged_into          uuid references tickets (id),
    idempotency_key      text,
    check ((status = 'WAITING_FOR_MEMBER') = (paused_since is not null)),
    check (merged_into is null or status = 'CLOSED')
);
create index tickets_queue on tickets (care, status, created_at);
create index tickets_requester on tickets (requester_id, created_at desc);
create unique index tickets_idempotency on tickets (requester_id, idempotency_key) where idempotency_key is not null;

create table ticket_messages (
    id              uuid primary key,
    ticket_id       uuid        not null references tickets (id),
    author_id       uuid references people (id),
    sealed_body     text        not null,
    internal        boolean     not null,
    via             text        not null check (via in ('APP', 'MAIL')),
    mail_message_id text,
    written_at      timestamptz not null,
    idempotency_key text
);
create index ticket_messages_of on ticket_messages (ticket_id, written_at);
create unique index ticket_messages_idempotency on ticket_messages (author_id, idempotency_key) where idempotency_key is not null;
create unique index ticket_messages_mail on ticket_messages (mail_message_id) where mail_message_id is not null;
