-- The HTML part of a queued mail, sent beside its plain-text body as multipart/alternative; null for a plain-text mail.
-- It holds what the body holds (links with tokens), so it is erased with the body once the mail is sent or given up.
alter table outgoing_mail add column html text;
