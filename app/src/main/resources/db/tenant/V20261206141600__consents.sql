-- Consent given and withdrawn to be reached on a channel: one row per change, never updated, kept as the record of
-- what he agreed to, when and how (shown in his GDPR export). A null kind is every kind of notification on that channel.
create table consents (
    id        bigserial   primary key,
    person_id uuid        not null references people (id),
    channel   text        not null check (channel in ('IN_APP', 'EMAIL', 'SMS', 'PUSH')),
    kind      text,
    given     boolean     not null,
    at        timestamptz not null,
    how       text        not null check (how in ('preferences', 'unsubscribe-link', 'sms-stop', 'sms-start'))
);
create index consents_of on consents (person_id, at, id);
