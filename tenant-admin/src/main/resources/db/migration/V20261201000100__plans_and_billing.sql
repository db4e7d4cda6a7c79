-- Plans: what an organisation pays the platform, as a fee on each payment its members make (a percent of the price
-- plus a fixed amount). Operators set them; every organisation on a plan is told of a change.
create table plans (
    code            text primary key check (code ~ '^[a-z][a-z0-9-]{1,29}$'),
    name            text          not null,
    fee_percent     numeric(5, 2) not null check (fee_percent >= 0 and fee_percent <= 100),
    fee_fixed_cents bigint        not null default 0 check (fee_fixed_cents >= 0 and fee_fixed_cents <= 100000),
    updated_at      timestamptz   not null default now()
);
insert into plans (code, name, fee_percent, fee_fixed_cents) values ('standard', 'Standard', 2.50, 0);

-- Billing, from app's payment events: each organisation's Stripe Connect status, and the platform's fees earned
-- (application fees of payments, less what refunds gave back), one row per event so an event twice counts once.
create table organisation_stripe (
    tenant_id  uuid primary key references tenants (id),
    account_id text        not null,
    status     text        not null check (status in ('PENDING', 'READY', 'RESTRICTED')),
    reason     text,
    updated_at timestamptz not null default now()
);

create table fee_ledger (
    event_id    uuid primary key,
    tenant_id   uuid        not null references tenants (id),
    month       date        not null,
    currency    text        not null,
    fee_cents   bigint      not null,
    recorded_at timestamptz not null default now()
);
create index fee_ledger_month on fee_ledger (month, tenant_id);
