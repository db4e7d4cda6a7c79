import type { Poll, PollOption } from './api/types';

// Polls and options as the server answers them, for the tests: what a test does not name is an open circle poll nobody answered.

export const aSlot = (id: string, startsAt: string, more: Partial<PollOption> = {}): PollOption => ({
  id, label: null, startsAt, endsAt: new Date(new Date(startsAt).getTime() + 90 * 60_000).toISOString(), capacity: null, full: false,
  yes: 0, ifNeedBe: 0, no: 0, chosen: 0, mine: null, facilitatorCan: null, meetsQuorum: null, voters: [], clashes: [], ...more,
});

export const aChoice = (id: string, label: string, more: Partial<PollOption> = {}): PollOption => ({
  ...aSlot(id, '2027-01-01T00:00:00Z'), startsAt: null, endsAt: null, label, ...more,
});

export const aPoll = (more: Partial<Poll> = {}): Poll => ({
  id: 'p1', scope: 'CIRCLE', circleId: 'c1', circleName: 'Oak circle', kind: 'MEETING_TIME', question: 'When do we meet in January?', description: null,
  multiple: false, anonymous: false, timeZone: null, quorum: null, deadline: null, replacesMeeting: null, status: 'OPEN', createdBy: 'tom', createdByName: 'Tom Reed',
  createdAt: '2026-12-01T09:00:00Z', closedAt: null, chosenOptionId: null, meetingStart: null, audience: 6, respondents: 0, answered: false, canAnswer: true, canClose: false,
  options: [], ...more,
});
