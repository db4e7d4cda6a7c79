-- Invitations to join the organisation: the first admin's comes from onboarding. Only a hash of the token is kept.
create table invitations (
    id          uuid primary key,
    email       text        not null,
    role        text        not null check (role in ('MEMBER', 'FACILITATOR', 'PTM', 'ADMIN', 'LEADERSHIP', 'SUPPORT')),
    token_hash  text        not null unique,
    expires_at  timestamptz not null,
    accepted_at timestamptz,
    sent_at     timestamptz,
    created_at  timestamptz not null default now()
);
-- One open invitation per address and role.
create unique index invitations_open_per_email on invitations (lower(email), role) where accepted_at is null;
