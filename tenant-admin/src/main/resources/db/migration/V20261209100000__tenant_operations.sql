-- What app last reported of each organisation's data (TenantOperationsReported), kept as it was sent: where its
-- schema is, its migration, size, members, last activity, last backup, last rehearsal and last move.
create table tenant_reports (
    tenant_id   uuid        primary key references tenants (id),
    reported_at timestamptz not null,
    report      jsonb       not null
);

-- A move an operator asked for, until app reports it under way or over; the last operation app could not do.
alter table tenants
    add column move_requested_to        text,
    add column move_requested_at        timestamptz,
    add column move_request_id          uuid,
    add column operation_failed         text,
    add column operation_failed_at      timestamptz,
    -- The move request a failure answers, when it answers one.
    add column operation_failed_request uuid;

-- Backups operators asked for, and what app said of each.
create table tenant_backups (
    id             uuid        primary key,
    tenant_id      uuid        not null references tenants (id),
    requested_by   uuid,
    requested_at   timestamptz not null default now(),
    state          text        not null check (state in ('REQUESTED', 'DONE', 'FAILED')),
    detail         text,
    schema_version text,
    size_bytes     bigint,
    row_count      bigint,
    -- Its file in the backup store both services share.
    location       text,
    finished_at    timestamptz
);
create index tenant_backups_by_tenant on tenant_backups (tenant_id, requested_at desc);

-- The database clusters app holds organisations on, as it last named them.
create table clusters (
    name    text        primary key,
    seen_at timestamptz not null default now()
);
