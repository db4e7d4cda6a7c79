-- Circles: 2 to 10 men who meet regularly with their facilitators.
create table circles (
    id                 uuid primary key,
    name               text        not null,
    description        text        not null default '',
    capacity           integer     not null check (capacity between 2 and 10),
    open_to_join       boolean     not null default false,
    location           text,
    video_link         text,
    -- The meeting schedule: an RFC 5545 RRULE from a first local start time in an IANA time zone.
    schedule_rrule     text,
    schedule_start     timestamp,
    schedule_time_zone text,
    meeting_minutes    integer check (meeting_minutes between 15 and 1440),
    dues_amount_cents  bigint check (dues_amount_cents >= 0),
    dues_currency      text check (dues_currency ~ '^[A-Z]{3}$'),
    dues_interval      text check (dues_interval in ('WEEKLY', 'MONTHLY', 'QUARTERLY', 'YEARLY')),
    status             text        not null default 'ACTIVE' check (status in ('ACTIVE', 'ARCHIVED')),
    created_at         timestamptz not null default now(),
    updated_at         timestamptz not null default now(),
    archived_at        timestamptz
);
create index circles_status_name on circles (status, lower(name), id);
create index circles_open on circles (open_to_join, status);
create index circles_name_prefix on circles (lower(name) text_pattern_ops);

create table circle_facilitators (
    circle_id uuid not null references circles (id),
    person_id uuid not null references people (id),
    primary key (circle_id, person_id)
);
create index circle_facilitators_person on circle_facilitators (person_id);

-- Who was in which circle when. A man is in one circle at most at any time.
create table circle_memberships (
    id             uuid primary key,
    circle_id      uuid        not null references circles (id),
    person_id      uuid        not null references people (id),
    joined_at      timestamptz not null,
    left_at        timestamptz,
    leave_reason   text check (leave_reason in ('LEFT', 'MOVED', 'REMOVED')),
    payment_status text        not null default 'CURRENT' check (payment_status in ('CURRENT', 'PAST_DUE', 'EXEMPT', 'PAUSED')),
    check ((left_at is null) = (leave_reason is null))
);
create unique index circle_memberships_one_circle_at_a_time on circle_memberships (person_id) where left_at is null;
create index circle_memberships_current on circle_memberships (circle_id) where left_at is null;
create index circle_memberships_history on circle_memberships (circle_id, joined_at);
create index circle_memberships_person on circle_memberships (person_id, joined_at);

-- Requests to join. WAITLISTED ones wait in order of asking; OFFERED holds a freed seat for the first of them.
create table circle_join_requests (
    id         uuid primary key,
    circle_id  uuid        not null references circles (id),
    person_id  uuid        not null references people (id),
    status     text        not null check (status in ('PENDING', 'WAITLISTED', 'OFFERED', 'APPROVED', 'DECLINED', 'WITHDRAWN')),
    message    text        not null default '',
    created_at timestamptz not null default now(),
    decided_at timestamptz,
    decided_by uuid
);
create unique index circle_join_requests_open on circle_join_requests (circle_id, person_id)
    where status in ('PENDING', 'WAITLISTED', 'OFFERED');
create index circle_join_requests_queue on circle_join_requests (circle_id, status, created_at, id);

-- A move between circles: it happens once both circles' facilitators have approved.
create table circle_transfers (
    id             uuid primary key,
    person_id      uuid        not null references people (id),
    from_circle_id uuid        not null references circles (id),
    to_circle_id   uuid        not null references circles (id),
    status         text        not null check (status in ('PENDING', 'COMPLETED', 'DECLINED', 'WITHDRAWN')),
    from_approved_by uuid,
    to_approved_by   uuid,
    created_at     timestamptz not null default now(),
    decided_at     timestamptz,
    check (from_circle_id <> to_circle_id)
);
create unique index circle_transfers_open on circle_transfers (person_id) where status = 'PENDING';
create index circle_transfers_from on circle_transfers (from_circle_id, status);
create index circle_transfers_to on circle_transfers (to_circle_id, status);

-- Single occurrences of the schedule moved or cancelled (new_start null).
create table circle_schedule_exceptions (
    circle_id      uuid        not null references circles (id),
    original_start timestamptz not null,
    new_start      timestamptz,
    primary key (circle_id, original_start)
);

-- Meetings held, with attendance taken per man. Notes are the facilitators' alone.
create table circle_meetings (
    id          uuid primary key,
    circle_id   uuid        not null references circles (id),
    starts_at   timestamptz not null,
    notes       text        not null default '',
    recorded_by uuid        not null,
    recorded_at timestamptz not null default now(),
    unique (circle_id, starts_at)
);
create index circle_meetings_recent on circle_meetings (circle_id, starts_at desc);

create table circle_attendance (
    meeting_id uuid not null references circle_meetings (id),
    person_id  uuid not null references people (id),
    status     text not null check (status in ('PRESENT', 'ABSENT', 'EXCUSED')),
    primary key (meeting_id, person_id)
);
create index circle_attendance_person on circle_attendance (person_id);

-- Personal goals, private or shared with the man's circle, and the progress he records.
create table goals (
    id          uuid primary key,
    person_id   uuid        not null references people (id),
    title       text        not null,
    description text        not null default '',
    visibility  text        not null check (visibility in ('PRIVATE', 'CIRCLE')),
    status      text        not null default 'ACTIVE' check (status in ('ACTIVE', 'ACHIEVED', 'DROPPED')),
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);
create index goals_person on goals (person_id, created_at desc);

create table goal_progress (
    id          uuid primary key,
    goal_id     uuid        not null references goals (id),
    note        text        not null,
    percent     integer check (percent between 0 and 100),
    recorded_at timestamptz not null default now()
);
create index goal_progress_goal on goal_progress (goal_id, recorded_at);

-- Each person's secret calendar feed URL; only its hash is kept, and resetting it replaces it.
create table calendar_feeds (
    person_id  uuid primary key references people (id),
    token_hash text        not null unique,
    created_at timestamptz not null default now()
);
