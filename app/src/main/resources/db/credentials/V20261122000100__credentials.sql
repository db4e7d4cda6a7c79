-- Secrets that prove who someone is, kept apart from every organisation's schema. Rows are keyed by
-- (tenant_id, person_id): the person's profile lives in the tenant's schema.
create table passwords (
    tenant_id  uuid        not null,
    person_id  uuid        not null,
    hash       text        not null,
    changed_at timestamptz not null default now(),
    primary key (tenant_id, person_id)
);

-- Refresh tokens: only a hash is stored. One family per sign-in; each refresh replaces the token by a new one of
-- the same family, and presenting a used one revokes the whole family.
create table refresh_tokens (
    id          uuid primary key,
    tenant_id   uuid        not null,
    person_id   uuid        not null,
    family_id   uuid        not null,
    token_hash  text        not null unique,
    issued_at   timestamptz not null default now(),
    expires_at  timestamptz not null,
    used_at     timestamptz,
    revoked_at  timestamptz,
    user_agent  text
);
create index refresh_tokens_family on refresh_tokens (family_id);
create index refresh_tokens_person on refresh_tokens (tenant_id, person_id) where revoked_at is null;

-- Single-use links by email: address verification and password reset.
create table one_time_tokens (
    token_hash text primary key,
    tenant_id  uuid        not null,
    person_id  uuid        not null,
    purpose    text        not null check (purpose in ('VERIFY_EMAIL', 'RESET_PASSWORD')),
    expires_at timestamptz not null,
    used_at    timestamptz,
    created_at timestamptz not null default now()
);
create index one_time_tokens_person on one_time_tokens (tenant_id, person_id, purpose) where used_at is null;

-- TOTP secrets, sealed with AES-256-GCM (the value names its key). confirmed_at is null until a first code proves
-- the authenticator holds it.
create table totp_secrets (
    tenant_id     uuid        not null,
    person_id     uuid        not null,
    sealed_secret text        not null,
    confirmed_at  timestamptz,
    created_at    timestamptz not null default now(),
    primary key (tenant_id, person_id)
);

create table recovery_codes (
    tenant_id uuid        not null,
    person_id uuid        not null,
    code_hash text        not null,
    used_at   timestamptz,
    primary key (tenant_id, person_id, code_hash)
);

-- Sign-in with an OpenID provider: its subject, linked to a person of one organisation.
create table oidc_links (
    tenant_id uuid        not null,
    provider  text        not null,
    subject   text        not null,
    person_id uuid        not null,
    email     text        not null,
    linked_at timestamptz not null default now(),
    primary key (tenant_id, provider, subject)
);
create index oidc_links_person on oidc_links (tenant_id, person_id);
