-- Announcements: to the whole organisation, to the holders of a role, or to a circle; with comments unless the author
-- turned them off; pinned ones stay on top of the feed until their pin expires. Title and body are sealed like messages.
create table announcements (
    id               uuid primary key,
    author_id        uuid        not null references people (id),
    audience         text        not null check (audience in ('ORGANISATION', 'ROLE', 'CIRCLE')),
    audience_role    text check (audience_role in ('MEMBER', 'FACILITATOR', 'PTM', 'ADMIN', 'LEADERSHIP', 'SUPPORT')),
    audience_circle  uuid,
    sealed_title     text        not null,
    sealed_body      text        not null,
    comments_enabled boolean     not null,
    pinned_until     timestamptz,
    published_at     timestamptz not null,
    idempotency_key  text,
    check ((audience = 'ROLE') = (audience_role is not null)),
    check ((audience = 'CIRCLE') = (audience_circle is not null))
);
create index announcements_feed on announcements (published_at desc, id desc);
create index announcements_circle on announcements (audience_circle) where audience = 'CIRCLE';
create unique index announcements_idempotency on announcements (author_id, idempotency_key) where idempotency_key is not null;

create table announcement_comments (
    id              uuid primary key,
    announcement_id uuid        not null references announcements (id),
    author_id       uuid        not null references people (id),
    sealed_text     text        not null,
    written_at      timestamptz not null,
    idempotency_key text
);
create index announcement_comments_of on announcement_comments (announcement_id, written_at);
create unique index announcement_comments_idempotency on announcement_comments (author_id, idempotency_key) where idempotency_key is not null;
