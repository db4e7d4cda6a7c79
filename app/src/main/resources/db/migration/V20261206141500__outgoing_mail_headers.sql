-- Headers a queued mail carries besides the usual ones (List-Unsubscribe and List-Unsubscribe-Post on notification
-- mail, RFC 8058), one "Name: value" a line; null for none. Erased with the body once the mail is sent or given up.
alter table outgoing_mail add column headers text;
