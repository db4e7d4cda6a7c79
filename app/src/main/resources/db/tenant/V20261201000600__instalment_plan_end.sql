-- When Hearth has told Stripe how an instalment plan's subscription ends (cancel_at after the last instalment, or
-- cancelled when no seat was left). Null: not yet, and the reconciliation tries again.
alter table payments add column plan_end_at timestamptz;
create index payments_plan_end_due on payments (created_at) where instalments > 1 and subscription_id is not null and plan_end_at is null;
