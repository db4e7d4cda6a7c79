-- Which organisation a Stripe connected account belongs to: how a Connect webhook (which names only the account)
-- finds its tenant. Per mode: a test-mode account is never taken for a live one.
create table stripe_accounts (
    account_id text primary key,
    tenant_id  uuid        not null references tenants (id),
    livemode   boolean     not null,
    created_at timestamptz not null default now(),
    unique (tenant_id, livemode)
);
