-- Outreach: men who are not members yet (met at a talk, friends of members), kept with their consent and where they
-- came from; campaigns (an intro evening) mailed to a segment of them, each invitation with a personal RSVP link.
-- invited_by is the warm-invite chain: the member who brought him.
create table contacts (
    id              uuid primary key,
    email           text        not null check (length(email) between 3 and 254),
    first_name      text        not null check (length(first_name) between 1 and 100),
    last_name       text        not null check (length(last_name) <= 100),
    source          text        not null check (length(source) between 1 and 100),
    consent_given_at timestamptz not null,
    consent_note    text        not null check (length(consent_note) between 1 and 500),
    unsubscribed_at timestamptz,
    invited_by      uuid references people (id),
    created_by      uuid        not null references people (id),
    created_at      timestamptz not null,
    deleted_at      timestamptz
);
create unique index contacts_email on contacts (lower(email)) where deleted_at is null;
create index contacts_invited_by on contacts (invited_by) where invited_by is not null;

create table campaigns (
    id              uuid primary key,
    title           text        not null check (length(title) between 1 and 200),
    subject         text        not null check (length(subject) between 1 and 200),
    body            text        not null check (length(body) between 1 and 20000),
    event_id        uuid,
    segment_source  text,
    segment_invited_only boolean not null default false,
    status          text        not null check (status in ('DRAFT', 'SENT')),
    created_by      uuid        not null references people (id),
    created_at      timestamptz not null,
    sent_at         timestamptz,
    send_key        text
);

create table campaign_invitations (
    id              uuid primary key,
    campaign_id     uuid        not null references campaigns (id),
    contact_id      uuid        not null references contacts (id),
    sent_at         timestamptz not null,
    rsvp            text check (rsvp in ('YES', 'MAYBE', 'NO')),
    rsvp_at         timestamptz,
    came_at         timestamptz,
    reminded_at     timestamptz,
    unique (campaign_id, contact_id)
);
create index campaign_invitations_unanswered on campaign_invitations (sent_at) where rsvp is null and reminded_at is null;
