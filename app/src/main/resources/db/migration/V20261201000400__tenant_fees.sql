-- Each organisation's platform fee, from its plan in tenant-admin (TenantRegistered, TenantPlanChanged). as_of is
-- when tenant-admin decided it: an older event never overwrites a newer fee.
create table tenant_fees (
    tenant_id       uuid primary key,
    plan            text          not null,
    fee_percent     numeric(5, 2) not null check (fee_percent >= 0 and fee_percent <= 100),
    fee_fixed_cents bigint        not null check (fee_fixed_cents >= 0),
    as_of           timestamptz   not null
);
