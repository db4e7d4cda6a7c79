-- The people of the organisation. Phone numbers are sealed with AES-256-GCM; secrets live in the credentials
-- database, not here.
create table people (
    id                uuid primary key,
    email             text        not null,
    first_name        text        not null,
    last_name         text        not null,
    sealed_phone      text,
    phone_verified_at timestamptz,
    status            text        not null check (status in ('PENDING_VERIFICATION', 'PENDING_APPROVAL', 'ACTIVE', 'DEACTIVATED', 'ERASED')),
    email_verified_at timestamptz,
    mfa_enabled       boolean     not null default false,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    erased_at         timestamptz
);
create unique index people_email on people (lower(email));
create index people_status on people (status, lower(last_name), lower(first_name));
create index people_name on people (lower(last_name) text_pattern_ops, lower(first_name) text_pattern_ops);

-- Roles held, over time. A grant counts while it is not revoked and valid_until (if any) is in the future: an
-- expired grant stops counting without any job touching it.
create table role_grants (
    id          uuid primary key,
    person_id   uuid        not null references people (id),
    role        text        not null check (role in ('MEMBER', 'FACILITATOR', 'PTM', 'ADMIN', 'LEADERSHIP', 'SUPPORT')),
    granted_by  uuid,
    granted_at  timestamptz not null default now(),
    valid_until timestamptz,
    revoked_at  timestamptz,
    revoked_by  uuid
);
create unique index role_grants_open on role_grants (person_id, role) where revoked_at is null;
create index role_grants_role on role_grants (role) where revoked_at is null;

-- One row: how this organisation runs sign-up and sign-in.
create table organisation_settings (
    id                      boolean primary key default true check (id),
    registration_mode       text    not null default 'APPROVAL' check (registration_mode in ('OPEN', 'APPROVAL')),
    mfa_required_roles      text[]  not null default '{}',
    api_requests_per_minute integer not null default 100 check (api_requests_per_minute between 1 and 100000)
);
insert into organisation_settings default values;

-- Who did what, when and from where. Append-only: the trigger refuses any change or removal.
create table audit_log (
    id          bigserial primary key,
    occurred_at timestamptz not null default now(),
    actor_id    uuid,
    action      text        not null,
    target_id   uuid,
    ip          text,
    details     jsonb       not null default '{}'
);
create index audit_log_time on audit_log (occurred_at desc, id desc);
create index audit_log_actor on audit_log (actor_id, occurred_at desc);
create index audit_log_target on audit_log (target_id, occurred_at desc);
create index audit_log_action on audit_log (action, occurred_at desc);

create function audit_log_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_log is append-only';
end;
$$;
create trigger audit_log_append_only before update or delete on audit_log
    for each row execute function audit_log_is_append_only();

alter table invitations add column invited_by uuid;
create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_is_append_only();
