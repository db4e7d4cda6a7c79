-- Single sign-on: the organisation's own OpenID Connect provider. One row. The client secret is sealed with the
-- field cipher (its associated data names the organisation), never stored or returned in clear. Addresses of the
-- listed domains sign in through the provider; the break-glass admin keeps his password whatever his domain.
-- role_mappings holds "group=ROLE" pairs: a man whose provider puts him in the group holds the role.
create table sso_settings (
    id                   boolean primary key default true check (id),
    enabled              boolean     not null,
    issuer               text check (length(issuer) <= 500),
    client_id            text check (length(client_id) <= 500),
    sealed_client_secret text,
    domains              text[]      not null default '{}',
    groups_claim         text        not null default 'groups' check (length(groups_claim) between 1 and 100),
    role_mappings        text[]      not null default '{}',
    break_glass_admin_id uuid references people (id),
    updated_at           timestamptz not null,
    updated_by           uuid references people (id)
);

-- The men who signed in through the provider: his subject there, the groups it last said he is in, and the roles
-- the mapping gave him (and only those may the mapping take away again: a role an admin granted by hand stays).
create table sso_links (
    person_id      uuid primary key references people (id) on delete cascade,
    issuer         text        not null,
    subject        text        not null,
    groups         text[]      not null default '{}',
    mapped_roles   text[]      not null default '{}',
    linked_at      timestamptz not null,
    last_signed_in timestamptz not null,
    unique (issuer, subject)
);
