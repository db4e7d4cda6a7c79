-- Documents: files an organisation shares with its men (the whole organisation, a circle, or an event's participants),
-- and waivers and guidelines a man acknowledges. A document has versions; the file of each is kept outside the
-- database (a local directory or an S3-compatible bucket) under file_key, with its SHA-256. An acknowledgement keeps
-- the version, the SHA-256 of what he acknowledged, the time, his IP and user agent. An event's waiver must be
-- acknowledged, in its current version, before he is checked in.
create table documents (
    id              uuid primary key,
    kind            text        not null check (kind in ('DOCUMENT', 'WAIVER', 'GUIDELINE')),
    title           text        not null check (length(title) between 1 and 200),
    audience        text        not null check (audience in ('ORGANISATION', 'CIRCLE', 'EVENT')),
    circle_id       uuid,
    event_id        uuid,
    current_version integer     not null check (current_version >= 1),
    created_by      uuid        not null references people (id),
    created_at      timestamptz not null,
    archived_at     timestamptz,
    idempotency_key text,
    check ((audience = 'CIRCLE') = (circle_id is not null)),
    check ((audience = 'EVENT') = (event_id is not null))
);
create index documents_circle on documents (circle_id) where circle_id is not null;
create index documents_event on documents (event_id) where event_id is not null;
create unique index documents_idempotency on documents (created_by, idempotency_key) where idempotency_key is not null;

create table document_versions (
    document_id  uuid        not null references documents (id),
    version      integer     not null check (version >= 1),
    file_key     text        not null,
    file_name    text        not null check (length(file_name) between 1 and 255),
    content_type text        not null,
    size_bytes   bigint      not null check (size_bytes > 0),
    sha256       text        not null check (sha256 ~ '^[0-9a-f]{64}$'),
    uploaded_by  uuid        not null references people (id),
    uploaded_at  timestamptz not null,
    primary key (document_id, version)
);

create table document_acknowledgements (
    id              uuid primary key,
    document_id     uuid        not null references documents (id),
    version         integer     not null,
    person_id       uuid        not null references people (id),
    sha256          text        not null,
    acknowledged_at timestamptz not null,
    ip              text        not null,
    user_agent      text        not null,
    unique (document_id, version, person_id),
    foreign key (document_id, version) references document_versions (document_id, version)
);
create index document_acknowledgements_of on document_acknowledgements (document_id, acknowledged_at);
