import type { Campaign, Contact, Report, ReportLine } from './api/types';

// Contacts, campaigns and reports as the server answers them, for the tests: what a test does not name is a friend Mike brought, a draft, an empty report.

export const aContact = (more: Partial<Contact> = {}): Contact => ({
  id: 'k1', email: 'tom@example.org', firstName: 'Tom', lastName: 'Friend', source: 'Friend of a member', consentGivenAt: '2026-12-01T10:00:00Z',
  consentNote: 'Given to Mike Member, who added him', unsubscribedAt: null, invitedBy: 'me', invitedByName: 'Mike Member', createdAt: '2026-12-01T10:00:00Z', member: false,
  ...more,
});

export const aCampaign = (more: Partial<Campaign> = {}): Campaign => ({
  id: 'c1', title: 'Intro evening', subject: 'Come to our intro evening', body: 'Men meet, talk and listen.\nCome and see.', eventId: null, eventTitle: null,
  segmentSource: null, invitedOnly: false, status: 'DRAFT', createdAt: '2026-12-01T10:00:00Z', sentAt: null, segmentSize: 3, invited: 0, ...more,
});

export const aLine = (id: string, more: Partial<ReportLine> = {}): ReportLine => ({
  invitationId: id, contactId: 'k' + id, name: 'Tom Friend', invitedByName: 'Mike Member', rsvp: null, rsvpAt: null, cameAt: null, member: false, inCircle: false, ...more,
});

export const aReport = (more: Partial<Report> = {}): Report => ({
  campaignId: 'c1', sent: 0, yes: 0, maybe: 0, no: 0, unanswered: 0, came: 0, becameMembers: 0, joinedCircle: 0, unsubscribed: 0, invitations: [], ...more,
});
