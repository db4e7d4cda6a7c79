-- Each person's API limit: 300 requests a minute by default, not 100. Measured: an admin opening a dozen screens in a
-- minute (each reads four to six resources) spent 100 and was refused. Organisations still on the old default move.
alter table organisation_settings alter column api_requests_per_minute set default 300;
update organisation_settings set api_requests_per_minute = 300 where api_requests_per_minute = 100;
