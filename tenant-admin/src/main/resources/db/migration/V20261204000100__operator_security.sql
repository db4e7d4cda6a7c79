-- An operator's second factor (an RFC 6238 secret, sealed with the control plane's sealing key), the last time step
-- used (a code is good once), and whether the account may sign in at all.
alter table operators add column totp_secret_sealed text;
alter table operators add column totp_last_step bigint;
alter table operators add column active boolean not null default true;

-- What happened at the operators' door: sign-ins, failures, lockouts, second factors.
create table operator_audit (
    id          uuid primary key,
    at          timestamptz not null default now(),
    operator_id uuid references operators (id),
    email       text        not null,
    action      text        not null,
    ip          text,
    detail      text
);
create index operator_audit_at on operator_audit (at desc, id);

-- The development operator's password was published in the repository, and earlier versions created it by default:
-- wherever it exists from before, it signs in no more. (A local run starts from an empty database and creates it anew.)
update operators set active = false where lower(email) = 'operator@hearth.localhost';
