-- Member imports from CSV: the file's rows as read (the phone sealed like people's), what the planning step decided for
-- each (the dry run and the real import plan the same way), and what applying and undoing did, so that an import can be
-- watched while it runs and undone within a day.
create table member_imports (
    id            uuid primary key,
    created_by    uuid        not null references people (id),
    created_at    timestamptz not null,
    file_sha256   text        not null,
    status        text        not null check (status in ('PLANNED', 'APPLYING', 'APPLIED', 'UNDOING', 'UNDONE')),
    total_rows    integer     not null check (total_rows >= 0),
    committed_by  uuid references people (id),
    committed_ip  text,
    committed_at  timestamptz,
    applied_at    timestamptz,
    undone_at     timestamptz,
    check ((status = 'PLANNED') = (committed_at is null))
);
create index member_imports_working on member_imports (status) where status in ('APPLYING', 'UNDOING', 'APPLIED');

create table member_import_rows (
    id                  uuid primary key,
    import_id           uuid        not null references member_imports (id) on delete cascade,
    line                integer     not null check (line >= 2),
    email               text        not null,
    first_name          text        not null,
    last_name           text        not null,
    sealed_phone        text,
    circle              text        not null,
    roles               text        not null,
    consent             text        not null,
    action              text        not null check (action in ('CREATE', 'UPDATE', 'UNCHANGED', 'SKIPPED')),
    reason              text,
    detail              text,
    changes             text[]      not null default '{}',
    person_id           uuid,
    circle_id           uuid,
    roles_to_grant      text[]      not null default '{}',
    consent_state       text        not null check (consent_state in ('GIVEN', 'WITHDRAWN', 'UNKNOWN')),
    outcome             text check (outcome in ('APPLIED', 'FAILED', 'UNDONE', 'KEPT')),
    failure             text,
    applied_at          timestamptz,
    previous_first_name text,
    previous_last_name  text,
    previous_phone      text,
    previous_phone_verified_at timestamptz,
    previous_consent    text check (previous_consent in ('GIVEN', 'WITHDRAWN', 'UNKNOWN')),
    joined_circle_id    uuid,
    granted_roles       text[]      not null default '{}',
    invitation          text check (invitation in ('PENDING', 'SENT', 'NOT_SENT')),
    undone_at           timestamptz,
    check ((action = 'SKIPPED') = (reason is not null))
);
create unique index member_import_rows_line on member_import_rows (import_id, line);
create index member_import_rows_to_apply on member_import_rows (import_id, line) where action in ('CREATE', 'UPDATE') and applied_at is null;
create index member_import_rows_to_invite on member_import_rows (import_id, line) where invitation = 'PENDING';
