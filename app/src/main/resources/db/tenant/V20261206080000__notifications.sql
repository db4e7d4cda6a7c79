-- Notifications: what each man hears about. One row per man and source (the domain event or act it came from), so a
-- redelivered event never notifies twice. Title and body are sealed like messages (an announcement's title is in one).
create table notifications (
    id              uuid primary key,
    person_id       uuid        not null references people (id),
    kind            text        not null,
    source          text        not null,
    direct          boolean     not null,
    in_app          boolean     not null,
    sealed_title    text        not null,
    sealed_body     text        not null,
    link            text        not null,
    created_at      timestamptz not null,
    read_at         timestamptz,
    acknowledged_at timestamptz,
    for_digest      boolean     not null default false
);
create unique index notifications_once on notifications (person_id, source);
create index notifications_of on notifications (person_id, created_at desc, id desc) where in_app;
create index notifications_unread on notifications (person_id) where in_app and read_at is null;
create index notifications_digest on notifications (person_id) where for_digest;

-- What he chose per kind and channel; a kind and channel he never set follows the kind's default.
create table notification_preferences (
    person_id uuid not null references people (id),
    kind      text not null,
    channel   text not null check (channel in ('IN_APP', 'EMAIL', 'SMS', 'PUSH')),
    level     text not null check (level in ('ALL', 'DIRECT', 'DIGEST', 'OFF')),
    primary key (person_id, kind, channel)
);

-- Quiet hours in his own time zone; "from" after "to" wraps midnight (22:00 to 07:00).
create table quiet_hours (
    person_id  uuid primary key references people (id),
    starts_at  time not null,
    ends_at    time not null,
    time_zone  text not null,
    check (starts_at <> ends_at)
);
