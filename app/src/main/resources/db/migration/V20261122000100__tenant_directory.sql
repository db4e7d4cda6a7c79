-- The tenant directory: the only shared (control) tables of app. Tenant data lives in each tenant's schema.
create table tenants (
    id                  uuid primary key,
    slug                text        not null unique check (slug ~ '^[a-z][a-z0-9-]{2,29}$' and slug !~ '-$'),
    name                text        not null,
    plan                text        not null,
    admin_email         text        not null,
    schema_name         text        not null unique check (schema_name ~ '^t_[a-z0-9]{32}$'),
    db_cluster          text        not null,
    status              text        not null check (status in ('PROVISIONING', 'ACTIVE', 'SUSPENDED')),
    migration_version   text,
    migration_error     text,
    migrated_at         timestamptz,
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now()
);

-- Every event this service consumed, so that the same event twice changes nothing.
create table processed_events (
    event_id     uuid primary key,
    event_type   text        not null,
    processed_at timestamptz not null default now()
);

-- Events written in the same transaction as the change they record; the relay sends them to Kafka.
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
