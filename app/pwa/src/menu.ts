/** The menu follows the permissions of GET /api/v1/me: each entry names the permission that opens it, or none for everyone. */
export interface MenuItem {
  path: string;
  label: string;
  needs?: string[];
  /** A screen reached from another one, not listed in the menu: its entry only says who may open it. */
  hidden?: boolean;
}

export const MENU: MenuItem[] = [
  { path: '/', label: 'menu.home' },
  { path: '/reach-out', label: 'menu.reachOut' },
  { path: '/chats', label: 'menu.chats' },
  { path: '/announcements', label: 'menu.announcements' },
  { path: '/polls', label: 'menu.polls' },
  { path: '/documents', label: 'menu.documents' },
  { path: '/circle', label: 'menu.circle', needs: ['circles.join'] },
  { path: '/circles', label: 'menu.circles', needs: ['circles.join'] },
  { path: '/events', label: 'menu.events' },
  { path: '/registrations', label: 'menu.registrations', needs: ['events.register'] },
  { path: '/payments', label: 'menu.payments', needs: ['events.register'] },
  { path: '/outreach', label: 'outreach.title' },
  { path: '/outreach/campaigns', label: 'outreach.campaigns.title', needs: ['announcements.post'] },
  { path: '/facilitate', label: 'menu.facilitate', needs: ['circles.manage'] },
  { path: '/staff', label: 'menu.staff', needs: ['events.staff', 'events.manage'] },
  { path: '/admin/members', label: 'menu.members', needs: ['members.manage'] },
  { path: '/admin/imports', label: 'menu.imports', needs: ['members.manage'] },
  { path: '/admin/settings', label: 'menu.settings', needs: ['organisation.manage'] },
  { path: '/admin/sso', label: 'menu.sso', needs: ['organisation.manage'] },
  { path: '/admin/payments', label: 'menu.adminPayments', needs: ['organisation.manage'] },
  { path: '/admin/audit', label: 'menu.audit', needs: ['audit.view'] },
  { path: '/reports', label: 'menu.reports', needs: ['reports.view'] },
  { path: '/support', label: 'menu.support', needs: ['support.assist'] },
  { path: '/helpdesk', label: 'menu.helpdesk', needs: ['support.assist', 'care.handle'] },
  { path: '/helpdesk/categories', label: 'helpdesk.categories.title', needs: ['organisation.manage'], hidden: true },
  { path: '/payment-issues', label: 'menu.paymentIssues', needs: ['support.assist'] },
  { path: '/profile', label: 'menu.profile' },
  { path: '/settings/notifications', label: 'menu.notificationSettings' },
  { path: '/tickets', label: 'menu.help' },
];

/** The entries a person with these permissions sees: any one of an entry's permissions opens it. */
export function menuFor(permissions: readonly string[]): MenuItem[] {
  const held = new Set(permissions);
  return MENU.filter((item) => !item.hidden && (!item.needs || item.needs.some((permission) => held.has(permission))));
}

/** Whether a screen at this path is open to these permissions (direct links to screens outside the menu are refused). */
export function mayOpen(path: string, permissions: readonly string[]): boolean {
  const item = [...MENU].sort((a, b) => b.path.length - a.path.length).find((entry) => entry.path !== '/' && (path === entry.path || path.startsWith(entry.path + '/')));
  return !item || !item.needs || item.needs.some((permission) => permissions.includes(permission));
}
