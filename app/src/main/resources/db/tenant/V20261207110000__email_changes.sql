-- A new address a man asked to move his account to, waiting for him to open the link mailed there: one at a time
-- (a new request replaces the last, and its link stops working). Only the link's SHA-256 is kept.
create table email_changes (
    person_id    uuid primary key references people (id),
    new_email    text        not null check (length(new_email) between 3 and 254),
    token_hash   text        not null unique,
    requested_at timestamptz not null,
    expires_at   timestamptz not null
);
