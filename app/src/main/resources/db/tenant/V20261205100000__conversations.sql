-- Conversations: a circle's chat, an event's staff chat, and one-to-one chats. Message text is sealed at rest
-- (AES-256-GCM, bound to the tenant and the message); the search vector is built from the plain text when it is
-- written (docs/conversations.md says what that keeps).
create table conversations (
    id          uuid primary key,
    kind        text        not null check (kind in ('CIRCLE', 'EVENT_STAFF', 'DIRECT')),
    circle_id   uuid unique,
    event_id    uuid unique,
    -- The two people of a one-to-one, the smaller id first: one conversation per pair.
    person_a    uuid references people (id),
    person_b    uuid references people (id),
    -- The offset of its newest message: each message takes the next one, in the order they commit.
    last_offset bigint      not null default 0,
    -- Changes only if the offsets start again (they never do today); a client that holds another epoch refetches.
    epoch       text        not null,
    -- Messages older than this many days are erased by the retention job; null keeps them.
    retention_days integer check (retention_days between 1 and 36500),
    created_at  timestamptz not null,
    check ((kind = 'CIRCLE') = (circle_id is not null)),
    check ((kind = 'EVENT_STAFF') = (event_id is not null)),
    check ((kind = 'DIRECT') = (person_a is not null and person_b is not null and person_a < person_b))
);
create unique index conversations_pair on conversations (person_a, person_b) where kind = 'DIRECT';
create index conversations_person_b on conversations (person_b) where kind = 'DIRECT';

create table messages (
    id              uuid primary key,
    conversation_id uuid        not null references conversations (id),
    seq             bigint      not null,
    author_id       uuid        not null references people (id),
    -- kid:base64(nonce | ciphertext | tag); null once removed or erased.
    sealed_text     text,
    search          tsvector,
    sent_at         timestamptz not null,
    edited_at       timestamptz,
    removed_at      timestamptz,
    removed_by      uuid,
    idempotency_key text,
    unique (conversation_id, seq),
    check ((removed_at is null) = (sealed_text is not null))
);
create unique index messages_idempotency on messages (author_id, idempotency_key) where idempotency_key is not null;
create index messages_sent on messages (conversation_id, sent_at);
create index messages_author on messages (author_id);
create index messages_search on messages using gin (search);

-- Earlier texts of edited messages, sealed like the messages; erased with the message.
create table message_edits (
    id          uuid primary key,
    message_id  uuid        not null references messages (id),
    sealed_text text        not null,
    written_at  timestamptz not null,
    replaced_at timestamptz not null
);
create index message_edits_message on message_edits (message_id, replaced_at);

-- How far each man has read each conversation.
create table conversation_reads (
    conversation_id uuid        not null references conversations (id),
    person_id       uuid        not null references people (id),
    read_offset     bigint      not null,
    read_at         timestamptz not null,
    primary key (conversation_id, person_id)
);

-- A man blocks another: neither starts or continues a one-to-one with the other.
create table person_blocks (
    person_id  uuid        not null references people (id),
    blocked_id uuid        not null references people (id),
    blocked_at timestamptz not null,
    primary key (person_id, blocked_id),
    check (person_id <> blocked_id)
);
create index person_blocks_blocked on person_blocks (blocked_id);

-- One row: who may start a one-to-one with whom, and whether one-to-ones show read receipts.
create table conversation_rules (
    id                          boolean primary key default true check (id),
    member_with_circle          boolean not null default true,
    facilitator_with_men        boolean not null default true,
    facilitator_with_facilitators boolean not null default true,
    facilitator_with_leadership boolean not null default true,
    support_and_admins_with_anyone boolean not null default true,
    anyone_with_anyone          boolean not null default false,
    direct_read_receipts        boolean not null default false,
    retention_days              integer check (retention_days between 1 and 36500)
);
insert into conversation_rules default values;
