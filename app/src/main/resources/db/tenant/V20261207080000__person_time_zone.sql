-- A man's own time zone, kept on his profile; null follows the organisation's. His quiet hours and his digest are
-- read in it, so the zones they kept of their own move here (a man who set both keeps his quiet hours' zone).
alter table people add column time_zone text check (time_zone is null or length(time_zone) between 1 and 64);

update people p set time_zone = q.time_zone from quiet_hours q where q.person_id = p.id;
update people p set time_zone = s.time_zone from notification_schedules s where s.person_id = p.id and p.time_zone is null;

alter table quiet_hours drop column time_zone;
alter table notification_schedules drop column time_zone;
