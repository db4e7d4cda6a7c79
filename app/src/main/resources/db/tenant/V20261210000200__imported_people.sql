-- An invitation may be for a man an import created already (he exists, without a password, until he accepts it), and a
-- consent may be recorded from an import (the organisation's own record of what he agreed to).
alter table invitations add column person_id uuid references people (id);
alter table consents drop constraint consents_how_check;
alter table consents add constraint consents_how_check check (how in ('preferences', 'unsubscribe-link', 'sms-stop', 'sms-start', 'complaint', 'import'));
