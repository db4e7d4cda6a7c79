-- A meeting outside the circle's schedule (or of a circle without one): arranged by its facilitators, for example by
-- closing a meeting-time poll. It shows among the schedule's occurrences and in calendar feeds.
create table circle_one_off_meetings (
    circle_id   uuid        not null references circles (id),
    starts_at   timestamptz not null,
    minutes     integer     not null check (minutes between 15 and 1440),
    arranged_by uuid        not null references people (id),
    arranged_at timestamptz not null,
    primary key (circle_id, starts_at)
);
