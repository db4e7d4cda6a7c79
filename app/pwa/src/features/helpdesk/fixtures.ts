import type { Category, Person, ServiceLevel, Ticket, TicketMessage } from './api/types';

// Tickets as the server answers them, for the tests: what a test does not name is Mike's new ordinary ticket, as he sees it.

export const aCategory = (more: Partial<Category> = {}): Category => ({
  id: 'general', name: 'General questions', care: false, firstResponseMinutes: 60, resolutionMinutes: 1440, ...more,
});

export const aMessage = (id: string, body: string, more: Partial<TicketMessage> = {}): TicketMessage => ({
  id, authorId: 'mike', authorName: 'Mike Member', byRequester: true, body, internal: false, via: 'APP', writtenAt: '2027-01-05T09:00:00Z', ...more,
});

export const aLevel = (more: Partial<ServiceLevel> = {}): ServiceLevel => ({
  firstResponseDueAt: '2027-01-05T10:00:00Z', firstResponseAt: null, firstResponseBreached: false, resolutionDueAt: '2027-01-06T09:00:00Z',
  solvedAt: null, resolutionBreached: false, paused: false, pausedSeconds: 0, ...more,
});

export const aTicket = (more: Partial<Ticket> = {}): Ticket => ({
  id: 't1', number: 7, subject: 'My card was charged twice', categoryId: 'general', categoryName: 'General questions', care: false, status: 'NEW',
  requesterId: 'mike', requesterName: 'Mike Member', assigneeId: null, assigneeName: null, createdAt: '2027-01-05T09:00:00Z',
  updatedAt: '2027-01-05T09:00:00Z', mergedIntoId: null, handler: false, serviceLevel: null,
  messages: [aMessage('m1', 'I was charged twice for the retreat.')], ...more,
});

/** The same ticket as support sees it: with its service level and internal notes. */
export const asHandler = (ticket: Ticket, more: Partial<Ticket> = {}): Ticket => ({ ...ticket, handler: true, serviceLevel: aLevel(), ...more });

/** A man as the members directory lists him, for the assignee picker. */
export const aPerson = (id: string, firstName: string, lastName: string): Person => ({
  id, email: id + '@demo.localhost', firstName, lastName, status: 'ACTIVE', roles: ['SUPPORT'], mfaEnabled: false, phoneVerified: false, emailVerified: true,
  createdAt: '2026-01-01T00:00:00Z',
});
