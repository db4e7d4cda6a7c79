-- The organisation's Stripe connected account (one per organisation and mode) and where its onboarding stands.
-- state_at is the creation time of the newest Stripe event applied: an older one never overwrites it.
create table stripe_connection (
    account_id        text primary key,
    livemode          boolean     not null,
    status            text        not null check (status in ('PENDING', 'READY', 'RESTRICTED')),
    restricted_reason text,
    charges_enabled   boolean     not null default false,
    payouts_enabled   boolean     not null default false,
    details_submitted boolean     not null default false,
    state_at          timestamptz,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    unique (livemode)
);

-- Money a man pays the organisation through Stripe Checkout. The platform's fee is worked out on the price.
create table payments (
    id                    uuid primary key,
    kind                  text        not null check (kind in ('EVENT_FEE', 'OFFLINE', 'FUND_GIFT')),
    person_id             uuid        not null references people (id),
    registration_id       uuid references registrations (id),
    event_id              uuid references events (id),
    description           text        not null,
    amount_cents          bigint      not null check (amount_cents > 0),
    currency              text        not null check (currency ~ '^[A-Z]{3}$'),
    application_fee_cents bigint      not null check (application_fee_cents >= 0 and application_fee_cents <= amount_cents),
    status                text        not null check (status in ('OPEN', 'PAID', 'EXPIRED', 'REFUND_DUE', 'REFUNDED')),
    account_id            text,
    checkout_session_id   text unique,
    checkout_url          text,
    expires_at            timestamptz,
    payment_intent_id     text,
    seat                  text check (seat in ('CONFIRMED', 'REINSTATED', 'ALREADY_CONFIRMED', 'NO_SEAT')),
    refunded_cents        bigint      not null default 0 check (refunded_cents >= 0 and refunded_cents <= amount_cents),
    refund_reason         text,
    idempotency_key       text check (length(idempotency_key) <= 200),
    -- Paid in monthly instalments through a Stripe subscription that ends after the last one.
    instalments           integer     not null default 1 check (instalments between 1 and 12),
    instalments_paid      integer     not null default 0 check (instalments_paid >= 0),
    subscription_id       text unique,
    plan_status           text check (plan_status in ('ACTIVE', 'PAST_DUE', 'COMPLETED', 'LAPSED')),
    next_instalment_at    timestamptz,
    -- A card payment disputed at the bank (charge.dispute.*): Stripe's status of the dispute.
    dispute_status        text,
    disputed_cents        bigint,
    -- Money taken outside Stripe (cash, bank transfer), recorded by support: no card fee, no platform fee.
    method                text check (method in ('CARD', 'CASH', 'BANK_TRANSFER')),
    created_at            timestamptz not null default now(),
    paid_at               timestamptz,
    updated_at            timestamptz not null default now()
);
create unique index payments_one_open_per_registration on payments (registration_id) where status = 'OPEN';
create unique index payments_idempotency on payments (person_id, idempotency_key) where idempotency_key is not null;
create index payments_person on payments (person_id, created_at desc);
create index payments_due on payments (status, created_at) where status in ('OPEN', 'REFUND_DUE');

-- Each instalment's invoice at Stripe: paid or failed (Stripe retries a failed one by itself).
create table payment_instalments (
    invoice_id   text primary key,
    payment_id   uuid        not null references payments (id),
    amount_cents bigint      not null check (amount_cents >= 0),
    status       text        not null check (status in ('PAID', 'FAILED')),
    attempts     integer     not null default 1,
    payment_intent_id text,
    at           timestamptz not null default now()
);
create index payment_instalments_payment on payment_instalments (payment_id);

-- The organisation's rules for money: what a lapsed instalment plan does to the seat before the event's
-- cancellation cutoff (KEEP it, or RELEASE it to the waiting list). After the cutoff the seat is kept.
create table payment_policy (
    id          boolean primary key default true check (id),
    lapsed_plan text    not null default 'RELEASE' check (lapsed_plan in ('KEEP', 'RELEASE'))
);
insert into payment_policy (id) values (true);

-- Refunds of a payment, each its own Stripe refund (the row's id is the idempotency key). PENDING until Stripe
-- has it; requested_by is null when Hearth refunded by itself (paid when no seat was left).
create table payment_refunds (
    id                             uuid primary key,
    payment_id                     uuid        not null references payments (id),
    amount_cents                   bigint      not null check (amount_cents > 0),
    application_fee_refunded_cents bigint      not null check (application_fee_refunded_cents >= 0),
    reason                         text        not null,
    requested_by                   uuid,
    release_seat                   boolean     not null default false,
    -- What is refunded: the payment's own intent, or one instalment's.
    payment_intent_id              text,
    status                         text        not null check (status in ('PENDING', 'SUCCEEDED', 'FAILED')),
    stripe_refund_id               text unique,
    failure                        text,
    created_at                     timestamptz not null default now(),
    updated_at                     timestamptz not null default now()
);
create index payment_refunds_payment on payment_refunds (payment_id);
create index payment_refunds_pending on payment_refunds (created_at) where status = 'PENDING';

-- A circle's dues as a recurring price on the organisation's Stripe account; new dues make a new price.
create table dues_prices (
    circle_id    uuid        not null references circles (id),
    account_id   text        not null,
    amount_cents bigint      not null,
    currency     text        not null,
    dues_interval text       not null,
    price_id     text        not null,
    created_at   timestamptz not null default now(),
    primary key (circle_id, account_id, amount_cents, currency, dues_interval)
);

-- A man's dues for his circle as a Stripe subscription: its state drives his payment status (CURRENT, PAST_DUE);
-- leaving the circle ends it. OPEN until he has paid in Checkout.
create table dues_subscriptions (
    id                  uuid primary key,
    circle_id           uuid        not null references circles (id),
    person_id           uuid        not null references people (id),
    account_id          text        not null,
    amount_cents        bigint      not null check (amount_cents > 0),
    currency            text        not null,
    dues_interval       text        not null,
    status              text        not null check (status in ('OPEN', 'ACTIVE', 'PAST_DUE', 'PAUSED', 'CANCELED', 'EXPIRED')),
    checkout_session_id text unique,
    checkout_url        text,
    expires_at          timestamptz,
    subscription_id     text unique,
    customer_id         text,
    paid_invoices       integer     not null default 0,
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now(),
    ended_at            timestamptz
);
create unique index dues_one_live_per_member on dues_subscriptions (circle_id, person_id) where status in ('OPEN', 'ACTIVE', 'PAST_DUE', 'PAUSED');
create index dues_person on dues_subscriptions (person_id, created_at desc);

create table dues_invoices (
    invoice_id           text primary key,
    dues_subscription_id uuid        not null references dues_subscriptions (id),
    amount_cents         bigint      not null,
    status               text        not null check (status in ('PAID', 'FAILED')),
    at                   timestamptz not null default now()
);

-- What admins and support did about a payment that needed a person (the intervention queue): retry, pause, exempt,
-- cancel, an offline payment, or resolved with a note. Also the audit log's subject.
create table payment_interventions (
    id           uuid primary key,
    kind         text        not null,
    subject_id   text        not null,
    action       text        not null,
    note         text,
    amount_cents bigint,
    by           uuid        not null,
    at           timestamptz not null default now()
);
create index payment_interventions_subject on payment_interventions (kind, subject_id);

-- The scholarship fund: gifts members make (a paid FUND_GIFT payment each) and grants admins make from it towards a
-- man's event fee, returned when his seat is cancelled. Its balance per currency is gifts and returns less grants.
create table fund_movements (
    id              uuid primary key,
    kind            text        not null check (kind in ('GIFT', 'GRANT', 'RETURN')),
    amount_cents    bigint      not null check (amount_cents > 0),
    currency        text        not null check (currency ~ '^[A-Z]{3}$'),
    person_id       uuid        not null references people (id),
    payment_id      uuid unique references payments (id),
    registration_id uuid references registrations (id),
    -- A RETURN gives back a GRANT whose seat was cancelled: once per grant.
    returns_grant   uuid unique references fund_movements (id),
    note            text,
    by              uuid,
    at              timestamptz not null default now()
);
create index fund_movements_registration on fund_movements (registration_id) where registration_id is not null;

-- Every Stripe event acted on, kept for good and written in the transaction of its effect: a delivery again (Stripe
-- retries for days, and anyone can resend from the dashboard) changes nothing.
create table stripe_events (
    event_id    text primary key,
    type        text        not null,
    created     timestamptz not null,
    received_at timestamptz not null default now()
);
