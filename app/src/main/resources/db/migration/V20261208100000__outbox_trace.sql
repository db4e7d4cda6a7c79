-- The trace an event was written in (a W3C traceparent), so that its consumers' work joins that trace.
alter table outbox add column trace_parent text;
