-- CARE: the men trained to answer care tickets ("I'm struggling"). Only they hold care.handle: not support, not admins
-- by default (an admin who is trained is granted CARE as well).
alter table role_grants drop constraint role_grants_role_check;
alter table role_grants add constraint role_grants_role_check
    check (role in ('MEMBER', 'FACILITATOR', 'PTM', 'ADMIN', 'LEADERSHIP', 'SUPPORT', 'CARE'));
alter table invitations drop constraint invitations_role_check;
alter table invitations add constraint invitations_role_check
    check (role in ('MEMBER', 'FACILITATOR', 'PTM', 'ADMIN', 'LEADERSHIP', 'SUPPORT', 'CARE'));
alter table announcements drop constraint announcements_audience_role_check;
alter table announcements add constraint announcements_audience_role_check
    check (audience_role in ('MEMBER', 'FACILITATOR', 'PTM', 'ADMIN', 'LEADERSHIP', 'SUPPORT', 'CARE'));
