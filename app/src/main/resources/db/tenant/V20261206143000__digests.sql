-- Digests. A notification he chose to hear of in a digest waits (for_digest) until his daily or weekly digest mail;
-- a push or text held back by his quiet hours waits (held_push, held_text) until they end, then goes as one summary.
alter table notifications add column held_push boolean not null default false;
alter table notifications add column held_text boolean not null default false;
create index notifications_held on notifications (person_id) where held_push or held_text;

-- How often his digest comes, and in which time zone its hour is (his quiet hours' zone comes first when he set them).
create table notification_schedules (
    person_id uuid primary key references people (id),
    digest    text not null check (digest in ('DAILY', 'WEEKLY')),
    time_zone text not null
);
