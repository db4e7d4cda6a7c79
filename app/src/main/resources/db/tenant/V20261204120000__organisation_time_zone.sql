-- The organisation's time zone (an IANA id, checked by identity.OrganisationSettings): where a new event starts. Existing organisations keep UTC until an admin sets theirs.
alter table organisation_settings add column time_zone text not null default 'UTC' check (length(time_zone) between 1 and 64);
