-- The organisation's own defaults per kind and channel: a man who never chose follows them, else the kind's default.
create table notification_defaults (
    kind    text not null,
    channel text not null check (channel in ('IN_APP', 'EMAIL', 'SMS', 'PUSH')),
    level   text not null check (level in ('ALL', 'DIRECT', 'DIGEST', 'OFF')),
    primary key (kind, channel)
);

-- Circles a man muted: their chat and announcements are not mailed, texted or pushed to him (still in the app).
create table circle_mutes (
    person_id uuid        not null references people (id),
    circle_id uuid        not null references circles (id),
    muted_at  timestamptz not null,
    primary key (person_id, circle_id)
);
