-- When the man holding a timed role was told it is about to end; a renewal (a new end) tells him again.
alter table role_grants add column ending_noticed_at timestamptz;

create index role_grants_ending on role_grants (valid_until) where revoked_at is null and ending_noticed_at is null and valid_until is not null;
