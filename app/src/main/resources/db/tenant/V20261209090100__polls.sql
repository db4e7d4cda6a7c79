-- Polls: a circle or the whole organisation chooses a meeting time (each slot answered yes, if need be, or no) or
-- answers a plain question (one or several choices, named or anonymous). An option may have a capacity; a poll may
-- have a deadline (those who have not answered are reminded once, a day before), and a circle's meeting-time poll a
-- quorum: a slot counts when a facilitator and at least that many men can come.
create table polls (
    id               uuid primary key,
    scope            text        not null check (scope in ('CIRCLE', 'ORGANISATION')),
    circle_id        uuid,
    kind             text        not null check (kind in ('MEETING_TIME', 'CHOICE')),
    question         text        not null check (length(question) between 1 and 300),
    description      text check (length(description) <= 2000),
    multiple         boolean     not null,
    anonymous        boolean     not null,
    time_zone        text,
    quorum           integer check (quorum between 1 and 100),
    deadline         timestamptz,
    replaces_meeting timestamptz,
    created_by       uuid        not null references people (id),
    created_at       timestamptz not null,
    reminded_at      timestamptz,
    closed_at        timestamptz,
    closed_by        uuid references people (id),
    chosen_option    uuid,
    meeting_start    timestamptz,
    idempotency_key  text,
    check ((scope = 'CIRCLE') = (circle_id is not null)),
    check (kind = 'CHOICE' or (not multiple and not anonymous)),
    check (kind = 'MEETING_TIME' or (quorum is null and replaces_meeting is null and time_zone is null)),
    check ((closed_at is null) = (closed_by is null))
);
create index polls_circle on polls (circle_id, created_at desc) where scope = 'CIRCLE';
create index polls_organisation on polls (created_at desc) where scope = 'ORGANISATION';
create index polls_reminder_due on polls (deadline) where closed_at is null and reminded_at is null and deadline is not null;
create unique index polls_idempotency on polls (created_by, idempotency_key) where idempotency_key is not null;

create table poll_options (
    id        uuid primary key,
    poll_id   uuid    not null references polls (id),
    position  integer not null,
    label     text check (length(label) between 1 and 200),
    starts_at timestamptz,
    minutes   integer check (minutes between 15 and 1440),
    capacity  integer check (capacity between 1 and 10000),
    unique (poll_id, position),
    check ((label is null) = (starts_at is not null)),
    check ((starts_at is null) = (minutes is null))
);

-- A man's answer to one option: YES, IF_NEED_BE or NO for a slot; CHOSEN for a choice. An anonymous poll keeps who
-- answered (one answer each, and reminders) but never shows it.
create table poll_answers (
    option_id   uuid        not null references poll_options (id),
    poll_id     uuid        not null references polls (id),
    person_id   uuid        not null references people (id),
    answer      text        not null check (answer in ('YES', 'IF_NEED_BE', 'NO', 'CHOSEN')),
    answered_at timestamptz not null,
    primary key (option_id, person_id)
);
create index poll_answers_of on poll_answers (poll_id, person_id);
