-- Platform operators: the people who onboard and run organisations.
create table operators (
    id            uuid primary key,
    email         text        not null,
    password_hash text        not null,
    created_at    timestamptz not null default now()
);
create unique index operators_email on operators (lower(email));

-- The tenant registry: every organisation and where its provisioning stands.
create table tenants (
    id             uuid primary key,
    slug           text        not null unique check (slug ~ '^[a-z][a-z0-9-]{2,29}$' and slug !~ '-$'),
    name           text        not null,
    admin_email    text        not null,
    plan           text        not null,
    status         text        not null check (status in ('PROVISIONING', 'ACTIVE', 'FAILED', 'SUSPENDED')),
    failure_reason text,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now(),
    activated_at   timestamptz
);
create index tenants_created_at on tenants (created_at, id);

create table processed_events (
    event_id     uuid primary key,
    event_type   text        not null,
    processed_at timestamptz not null default now()
);

create table outbox (
    id           bigserial primary key,
    event_id     uuid        not null unique,
    topic        text        not null,
    event_key    text        not null,
    event_type   text        not null,
    payload      text        not null,
    created_at   timestamptz not null default now(),
    published_at timestamptz,
    attempts     int         not null default 0,
    last_error   text
);
create index outbox_unpublished on outbox (id) where published_at is null;
