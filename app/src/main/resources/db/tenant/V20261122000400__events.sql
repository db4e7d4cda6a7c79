-- Event types: the four every organisation has, and its own.
create table event_types (
    code    text primary key check (code ~ '^[A-Z][A-Z0-9_]{1,39}$'),
    name    text    not null,
    builtin boolean not null default false
);
insert into event_types (code, name, builtin) values
    ('MOVIE_NIGHT', 'Movie night', true),
    ('WORKSHOP', 'Workshop', true),
    ('DAY_RETREAT', 'Day retreat', true),
    ('MULTI_DAY_RETREAT', 'Multi-day retreat', true);

create table events (
    id                        uuid primary key,
    type_code                 text        not null references event_types (code),
    title                     text        not null,
    description               text        not null default '',
    starts_at                 timestamptz not null,
    ends_at                   timestamptz not null,
    time_zone                 text        not null,
    venue                     text        not null default '',
    capacity                  integer     not null check (capacity between 1 and 10000),
    visibility                text        not null check (visibility in ('MEMBERS', 'PUBLIC')),
    registration_opens_at     timestamptz,
    registration_closes_at    timestamptz,
    -- Price options as JSON: [] is free; [{"code","name","amountCents","currency"}] one price or tiers.
    price_options             jsonb       not null default '[]',
    hold_minutes              integer     not null default 60 check (hold_minutes between 1 and 10080),
    offer_hours               integer     not null default 24 check (offer_hours between 1 and 720),
    cancellation_cutoff_hours integer     not null default 48 check (cancellation_cutoff_hours between 0 and 8760),
    participants_per_staff    integer check (participants_per_staff between 1 and 1000),
    sensitive_retention_days  integer     not null default 30 check (sensitive_retention_days between 0 and 3650),
    status                    text        not null default 'SCHEDULED' check (status in ('SCHEDULED', 'CANCELLED')),
    cancel_reason             text,
    created_by                uuid        not null,
    created_at                timestamptz not null default now(),
    updated_at                timestamptz not null default now(),
    check (ends_at > starts_at)
);
create index events_starts on events (starts_at, id);
create index events_type_starts on events (type_code, starts_at);
create index events_status_starts on events (status, starts_at);
create index events_visibility_starts on events (visibility, starts_at);

create table event_questions (
    id       uuid primary key,
    event_id uuid    not null references events (id),
    position integer not null,
    kind     text    not null check (kind in ('TEXT', 'CHOICE', 'YES_NO', 'DATE')),
    label    text    not null,
    required boolean not null default false,
    choices  text[]  not null default '{}',
    unique (event_id, position)
);

-- Waiver texts are versioned: a change adds a version, and acceptances point at the version accepted.
create table event_waivers (
    id         uuid primary key,
    event_id   uuid        not null references events (id),
    version    integer     not null,
    title      text        not null,
    body       text        not null,
    created_at timestamptz not null default now(),
    unique (event_id, version)
);

create sequence registration_arrival;

create table registrations (
    id                     uuid primary key,
    event_id               uuid        not null references events (id),
    person_id              uuid        not null references people (id),
    status                 text        not null check (status in ('CONFIRMED', 'PENDING_PAYMENT', 'WAITLISTED', 'OFFERED', 'CANCELLED', 'EXPIRED')),
    arrival                bigint      not null default nextval('registration_arrival'),
    price_option           text,
    sponsor_id             uuid references people (id),
    keep_with_sponsor      boolean     not null default false,
    hold_until             timestamptz,
    offer_until            timestamptz,
    created_at             timestamptz not null default now(),
    updated_at             timestamptz not null default now(),
    cancelled_at           timestamptz,
    cancelled_by           uuid,
    cancel_reason          text,
    checked_in_at          timestamptz,
    care_team_id           uuid,
    sealed_emergency_contact text,
    sealed_medical_notes   text,
    sensitive_erased_at    timestamptz
);
create unique index registrations_one_open_per_person on registrations (event_id, person_id) where status not in ('CANCELLED', 'EXPIRED');
create index registrations_queue on registrations (event_id, status, arrival);
create index registrations_person on registrations (person_id, status);
create index registrations_due on registrations (hold_until) where status = 'PENDING_PAYMENT';
create index registrations_offer_due on registrations (offer_until) where status = 'OFFERED';
create index registrations_sponsor on registrations (sponsor_id) where sponsor_id is not null;

create table registration_answers (
    registration_id uuid not null references registrations (id),
    question_id     uuid not null references event_questions (id),
    answer          text not null,
    primary key (registration_id, question_id)
);

create table waiver_acceptances (
    registration_id uuid        not null references registrations (id),
    waiver_id       uuid        not null references event_waivers (id),
    accepted_at     timestamptz not null,
    primary key (registration_id, waiver_id)
);

create table event_staff (
    event_id    uuid        not null references events (id),
    person_id   uuid        not null references people (id),
    role        text        not null check (role in ('LEAD', 'PTM', 'FACILITATOR', 'CARE_TEAM_LEAD', 'KITCHEN', 'CUSTOM')),
    custom_role text,
    assigned_at timestamptz not null default now(),
    primary key (event_id, person_id),
    check ((role = 'CUSTOM') = (custom_role is not null))
);
create index event_staff_person on event_staff (person_id);

create table care_teams (
    id        uuid primary key,
    event_id  uuid not null references events (id),
    name      text not null,
    staff_id  uuid not null references people (id),
    unique (event_id, staff_id)
);
create index care_teams_event on care_teams (event_id);
