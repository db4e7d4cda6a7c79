-- Each STOP, START or HELP text acted on in this organisation, by the provider's message id: a text posted twice is
-- acted on once. Keeps no number and no words beyond the command.
create table text_commands (
    message_sid text        primary key,
    command     text        not null check (command in ('STOP', 'START', 'HELP')),
    received_at timestamptz not null
);
