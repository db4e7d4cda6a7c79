import { describe, expect, it } from 'vitest';
import { aLevel, aTicket } from './fixtures';
import { duration, filterOf, handling, late, levelLines, mergeTargets, minutesOf, paramsOf, statusLabel } from './helpdesk';

const texts = (lines: { text: string; late: boolean }[]) => lines.map((l) => (l.late ? 'LATE ' : '') + l.text);

describe('a ticket seen by a handler or by the man who asked', () => {
  it('is handled by its handlers, but a handler\'s own request is his as any man\'s', () => {
    expect(handling(aTicket({ handler: true }), 'sam')).toBe(true);
    expect(handling(aTicket({ handler: true }), 'mike')).toBe(false);
    expect(handling(aTicket({ handler: false }), 'mike')).toBe(false);
  });

  it('names its status as support does, or as he reads it', () => {
    expect(statusLabel('WAITING_FOR_MEMBER', true)).toBe('Waiting for the member');
    expect(statusLabel('WAITING_FOR_MEMBER', false)).toBe('Waiting for your answer');
    expect(statusLabel('NEW', false)).toBe('Received');
  });
});

describe('a service level in lines', () => {
  it('says when the first answer and the solution are due', () => {
    expect(texts(levelLines(aLevel()))).toEqual([expect.stringMatching(/^First answer due .+/), expect.stringMatching(/^Solution due .+/)]);
  });

  it('marks as late what is overdue and what was met late, and not what was met in time', () => {
    const lines = texts(levelLines(aLevel({ firstResponseAt: '2027-01-05T11:00:00Z', firstResponseBreached: true, resolutionBreached: true })));

    expect(lines).toEqual([expect.stringMatching(/^LATE First answered .+: late \(due .+\)$/), expect.stringMatching(/^LATE Solution overdue since .+/)]);
    expect(texts(levelLines(aLevel({ firstResponseAt: '2027-01-05T09:30:00Z', solvedAt: '2027-01-05T12:00:00Z' }))))
      .toEqual([expect.stringMatching(/^First answered /), expect.stringMatching(/^Solved /)]);
  });

  it('says the clock is stopped while the ticket waits for the member, and when the category sets no levels', () => {
    expect(texts(levelLines(aLevel({ paused: true }))).at(-1)).toMatch(/^Clock stopped while waiting for the member/);
    expect(texts(levelLines(aLevel({ firstResponseDueAt: null, resolutionDueAt: null })))).toEqual(['No service levels in this category.']);
  });

  it('lets the queue mark a ticket that missed either level', () => {
    expect(late(aTicket({ serviceLevel: aLevel({ resolutionBreached: true }) }))).toBe(true);
    expect(late(aTicket({ serviceLevel: aLevel() }))).toBe(false);
    expect(late(aTicket())).toBe(false);
  });
});

describe('what a ticket may be merged into', () => {
  it('is another of the same man and the same kind, not merged already', () => {
    const ticket = aTicket({ id: 't1' });
    const queue = [
      ticket,
      aTicket({ id: 't2' }),
      aTicket({ id: 't3', requesterId: 'matt' }),
      aTicket({ id: 't4', care: true }),
      aTicket({ id: 't5', mergedIntoId: 't2' }),
    ];

    expect(mergeTargets(ticket, queue).map((t) => t.id)).toEqual(['t2']);
  });
});

describe('service-level minutes', () => {
  it('read in days, hours and minutes, or as no target', () => {
    expect([45, 60, 1440, 1590, null].map(duration)).toEqual(['45 min', '1 h', '1 d', '1 d 2 h 30 min', 'no target']);
  });

  it('are sent as whole numbers, or null when empty', () => {
    expect([' ', '90', '12.6'].map(minutesOf)).toEqual([null, 90, 13]);
  });
});

describe('the queue\'s filters in the address', () => {
  it('read back as they were written, and ignore what they do not know', () => {
    const filter = { status: 'OPEN' as const, who: 'mine' as const, categoryId: 'c1', page: 2 };

    expect(filterOf(new URLSearchParams(paramsOf(filter)))).toEqual(filter);
    expect(filterOf(new URLSearchParams('status=PENDING&who=everyone&page=-1'))).toEqual({ page: 0 });
    expect(paramsOf({ page: 0 })).toEqual({});
  });
});
