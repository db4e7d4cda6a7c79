-- A man's devices that allowed notifications (Web Push subscriptions). A device posts its subscription again each
-- time the app opens (last_seen_at); one unseen for 60 days is dropped, as push services may answer 200 for dead ones.
create table push_subscriptions (
    endpoint     text primary key,
    person_id    uuid        not null references people (id),
    p256dh       text        not null,
    auth         text        not null,
    previews     boolean     not null default false,
    user_agent   text,
    created_at   timestamptz not null,
    last_seen_at timestamptz not null
);
create index push_subscriptions_of on push_subscriptions (person_id);
