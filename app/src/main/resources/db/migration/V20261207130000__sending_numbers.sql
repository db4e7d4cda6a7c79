-- Each organisation's own texting number, from tenant-admin (TenantSmsNumberChanged); none (or null): the platform's
-- shared number. as_of is when tenant-admin decided it: an older event never overwrites a newer number.
create table sending_numbers (
    tenant_id uuid primary key,
    number    text unique check (number is null or number ~ '^\+[1-9][0-9]{6,14}$'),
    as_of     timestamptz not null
);
