import { describe, expect, it } from 'vitest';
import { mayOpen, menuFor } from './menu';

const paths = (permissions: string[]) => menuFor(permissions).map((item) => item.path);

describe('the menu follows the permissions of /me', () => {
  it('shows a member his chats, announcements, his circle, circles to join, events and registrations, and nothing of running the organisation', () => {
    expect(paths(['circles.join', 'events.register'])).toEqual([
      '/', '/reach-out', '/chats', '/announcements', '/polls', '/documents', '/circle', '/circles', '/events', '/registrations', '/payments', '/outreach', '/profile', '/settings/notifications', '/tickets',
    ]);
  });

  it('opens his notifications and their settings to everyone signed in (mails link to the settings)', () => {
    expect(paths([])).toContain('/settings/notifications');
    expect(mayOpen('/settings/notifications', [])).toBe(true);
    expect(mayOpen('/notifications', [])).toBe(true);
  });

  it('opens Reach out, a reach-out he was told of and a must-reach message he sent to everyone signed in (the server says which he may read)', () => {
    expect(paths([])).toContain('/reach-out');
    expect(mayOpen('/reach-out', [])).toBe(true);
    expect(mayOpen('/reach-outs/123', [])).toBe(true);
    expect(mayOpen('/safety-messages/123', [])).toBe(true);
  });

  it('opens chats, and the chats of a circle or an event, to everyone signed in (the server says which he may read)', () => {
    expect(paths([])).toContain('/chats');
    expect(mayOpen('/chats/circle/123', [])).toBe(true);
    expect(mayOpen('/chats/event/42', [])).toBe(true);
  });

  it('opens announcements and each one to everyone signed in (the server says which he may read, the form whom he may post to)', () => {
    expect(paths([])).toContain('/announcements');
    expect(mayOpen('/announcements/123', [])).toBe(true);
    expect(mayOpen('/announcements/new', [])).toBe(true);
  });

  it('opens polls, each one and the form for a new one to everyone signed in (the server says which he may read, the form whom he may ask)', () => {
    expect(paths([])).toContain('/polls');
    expect(mayOpen('/polls/123', [])).toBe(true);
    expect(mayOpen('/polls/new', [])).toBe(true);
  });

  it('opens documents, each one and the form for sharing one to everyone signed in (the server says which he may read, the form whom he may share with)', () => {
    expect(paths([])).toContain('/documents');
    expect(mayOpen('/documents/123', [])).toBe(true);
    expect(mayOpen('/documents/new', [])).toBe(true);
  });

  it('opens Help, each of his requests and the form for a new one to everyone signed in (the server says which he may read)', () => {
    expect(paths([])).toContain('/tickets');
    expect(mayOpen('/tickets/123', [])).toBe(true);
    expect(mayOpen('/tickets/new', [])).toBe(true);
  });

  it('adds the help desk for support and for the care team, and its categories for admins alone, outside the menu', () => {
    expect(paths(['support.assist'])).toContain('/helpdesk');
    expect(paths(['care.handle'])).toContain('/helpdesk');
    expect(paths(['circles.join', 'reports.view'])).not.toContain('/helpdesk');
    expect(mayOpen('/helpdesk', ['circles.join'])).toBe(false);
    expect(mayOpen('/helpdesk/categories', ['support.assist'])).toBe(false);
    expect(mayOpen('/helpdesk/categories', ['organisation.manage'])).toBe(true);
    expect(paths(['organisation.manage', 'support.assist'])).not.toContain('/helpdesk/categories');
  });

  it('opens Bring a friend to everyone signed in, and campaigns, each one and the form for a new one to organisers alone', () => {
    expect(paths([])).toContain('/outreach');
    expect(paths(['circles.join'])).not.toContain('/outreach/campaigns');
    expect(paths(['announcements.post'])).toEqual(expect.arrayContaining(['/outreach', '/outreach/campaigns']));
    expect(mayOpen('/outreach', [])).toBe(true);
    for (const path of ['/outreach/campaigns', '/outreach/campaigns/new', '/outreach/campaigns/123']) {
      expect(mayOpen(path, ['circles.join', 'events.register'])).toBe(false);
      expect(mayOpen(path, ['announcements.post'])).toBe(true);
    }
  });

  it('adds facilitating for circles.manage and the events he runs for events.staff', () => {
    expect(paths(['circles.join', 'circles.manage'])).toContain('/facilitate');
    expect(paths(['events.staff'])).toContain('/staff');
    expect(paths(['events.manage'])).toContain('/staff');
  });

  it('gives leadership reports and the audit log but not member management', () => {
    const leadership = paths(['reports.view', 'audit.view', 'members.view', 'circles.view-all']);
    expect(leadership).toEqual(expect.arrayContaining(['/reports', '/admin/audit']));
    expect(leadership).not.toContain('/admin/members');
    expect(leadership).not.toContain('/admin/settings');
    expect(leadership).not.toContain('/admin/payments');
  });

  it('adds up the permissions of several roles', () => {
    expect(paths(['support.assist', 'members.view', 'events.staff'])).toEqual(expect.arrayContaining(['/support', '/staff']));
  });

  it('refuses a direct link to a screen the permissions do not open', () => {
    expect(mayOpen('/admin/members', ['circles.join'])).toBe(false);
    expect(mayOpen('/facilitate/123', ['circles.join'])).toBe(false);
    expect(mayOpen('/facilitate/123', ['circles.manage'])).toBe(true);
    expect(mayOpen('/events/42', [])).toBe(true);
  });

  it('opens member imports, each import and the export to admins (members.manage) only', () => {
    expect(paths(['members.manage'])).toEqual(expect.arrayContaining(['/admin/members', '/admin/imports']));
    expect(mayOpen('/admin/imports', ['members.manage'])).toBe(true);
    expect(mayOpen('/admin/imports/123', ['members.manage'])).toBe(true);
    for (const other of [['circles.join', 'events.register'], ['reports.view', 'audit.view', 'members.view', 'circles.view-all'], ['support.assist', 'members.view'],
      ['circles.create', 'circles.manage'], ['events.staff', 'events.manage'], ['care.handle']]) {
      expect(paths(other)).not.toContain('/admin/imports');
      expect(mayOpen('/admin/imports', other)).toBe(false);
      expect(mayOpen('/admin/imports/123', other)).toBe(false);
    }
  });

  it('opens single sign-on to admins alone (organisation.manage), in the menu', () => {
    expect(paths(['organisation.manage'])).toContain('/admin/sso');
    expect(mayOpen('/admin/sso', ['organisation.manage'])).toBe(true);
    for (const other of [['circles.join', 'events.register'], ['reports.view', 'audit.view', 'members.view', 'circles.view-all'], ['members.manage'], ['support.assist'], ['care.handle']]) {
      expect(paths(other)).not.toContain('/admin/sso');
      expect(mayOpen('/admin/sso', other)).toBe(false);
    }
  });

  it('opens a man\'s own page to whoever manages members, and to no one else', () => {
    expect(mayOpen('/admin/members/123', ['members.manage'])).toBe(true);
    expect(mayOpen('/admin/members/123', ['members.view', 'support.assist'])).toBe(false);
  });
});
