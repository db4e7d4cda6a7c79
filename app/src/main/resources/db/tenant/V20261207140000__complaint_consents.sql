-- A complaint (his mail program reported our mail as spam) withdraws his consent to mail, recorded as such.
alter table consents drop constraint consents_how_check;
alter table consents add constraint consents_how_check check (how in ('preferences', 'unsubscribe-link', 'sms-stop', 'sms-start', 'complaint'));
