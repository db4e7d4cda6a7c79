-- Operating an organisation's schema: moves between database clusters, backups, restores and their rehearsals.
-- These tables are read on the home cluster (the directory's); every cluster carries them, empty elsewhere.

-- A move: where to, how far it got, and how long the organisation's writes were refused.
alter table tenants
    add column move_target      text,
    add column move_state       text,
    add column move_detail      text,
    add column move_started_at  timestamptz,
    add column move_finished_at timestamptz,
    add column move_paused_ms   bigint,
    -- The operator's request the move answers (tenant-admin matches its reports by it).
    add column move_request_id  uuid,
    -- The cluster the last move left a frozen copy on, until an operator drops it.
    add column old_cluster      text;

-- One backup of one organisation's schema: a file in the backup store that restores under any schema name.
create table tenant_backups (
    id             uuid        primary key,
    tenant_id      uuid        not null,
    slug           text        not null,
    db_cluster     text        not null,
    schema_version text,
    location       text,
    size_bytes     bigint,
    row_count      bigint,
    state          text        not null check (state in ('RUNNING', 'DONE', 'FAILED')),
    detail         text,
    reason         text        not null default 'operator',
    created_at     timestamptz not null default now(),
    finished_at    timestamptz
);
create index tenant_backups_by_tenant on tenant_backups (tenant_id, created_at desc);

-- A restore rehearsal: a backup restored into a scratch schema, its rows compared with the backup's, then dropped.
create table tenant_rehearsals (
    id         uuid        primary key,
    tenant_id  uuid        not null,
    backup_id  uuid        not null,
    at         timestamptz not null default now(),
    ok         boolean     not null,
    detail     text        not null,
    millis     bigint      not null
);
create index tenant_rehearsals_by_tenant on tenant_rehearsals (tenant_id, at desc);

-- Jobs every instance schedules but one should run (the nightly rehearsal, the hourly reports): the instance that
-- moves claimed_until forward runs it.
create table job_claims (
    name          text        primary key,
    claimed_until timestamptz not null default '-infinity'
);
insert into job_claims (name) values ('rehearsal'), ('reports');

-- Installed on every table of a schema that is being moved (and left on the copy a move leaves behind): any write
-- is refused with this SQLSTATE, which the API answers as 503 WRITES_PAUSED with Retry-After.
create function hearth_refuse_writes() returns trigger language plpgsql as $$
begin
    raise exception using errcode = 'HM001',
        message = 'this organisation''s data is moving to another database cluster: try again in a few seconds';
end
$$;
