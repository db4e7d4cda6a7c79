-- Each organisation's own texting number (the platform buys it from the SMS provider and an operator assigns it):
-- its texts come from it, and a STOP sent to it stops that organisation's texts only. None: the shared number.
alter table tenants add column sms_number text unique check (sms_number is null or sms_number ~ '^\+[1-9][0-9]{6,14}$');
