-- The language an organisation writes to its men in, and the one a man chose for himself (null: the organisation's).
-- Which languages exist is the service's to say (messaging.Languages): a language it no longer has reads as English.
alter table organisation_settings add column language text not null default 'en' check (language ~ '^[a-z]{2,3}$');
alter table people add column language text check (language is null or language ~ '^[a-z]{2,3}$');
