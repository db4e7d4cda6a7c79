import { describe, expect, it } from 'vitest';
import type { Message } from './api/types';
import { byDay, dayKey, dayLabel, lastMoved, lastOwn, merge, newestOfOthers, seenText, textProblem, type Outgoing } from './thread';

const ME = 'me';

const aMessage = (offset: number, more: Partial<Message> = {}): Message => ({
  id: 'm' + offset, conversationId: 'c1', offset, authorId: 'him', authorName: 'Tom Reed', text: 'message ' + offset, removed: false,
  sentAt: new Date(2026, 11, 5, 9, offset).toISOString(), editedAt: null, seenBy: null, ...more,
});

const anOutgoing = (key: string, state: Outgoing['state'] = 'sending'): Outgoing => ({ key, text: 'from me', writtenAt: new Date(2026, 11, 5, 10, 0).toISOString(), state });

const keys = (entries: ReturnType<typeof merge>) => entries.map((entry) => entry.key);

describe('a thread put together', () => {
  it('shows the listed messages oldest first, once each, though pages overlap while they are read again', () => {
    const newest = [aMessage(5), aMessage(4), aMessage(3)];
    const earlier = [aMessage(3), aMessage(2), aMessage(1)];

    const entries = merge([...newest, ...earlier], new Map(), []);

    expect(keys(entries)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);
  });

  it('shows what he wrote after the listed messages, while the server has not answered it', () => {
    const entries = merge([aMessage(1)], new Map(), [anOutgoing('K')]);

    expect(keys(entries)).toEqual(['m1', 'K']);
    expect(entries[1]).toEqual({ kind: 'outgoing', key: 'K', outgoing: anOutgoing('K') });
  });

  it('replaces a pending message by the message the server answered for its key, before the list holds it', () => {
    const became = aMessage(2, { authorId: ME, text: 'from me' });

    const entries = merge([aMessage(1)], new Map([['K', became]]), [anOutgoing('K')]);

    expect(keys(entries)).toEqual(['m1', 'm2']);
  });

  it('drops the pending message with key K once the list holds the message it became, and shows that message once', () => {
    const became = aMessage(2, { authorId: ME, text: 'from me' });
    const listed = [{ ...became, seenBy: 3 }, aMessage(1)];

    const entries = merge(listed, new Map([['K', became]]), []);

    expect(keys(entries)).toEqual(['m1', 'm2']);
    expect(entries[1]).toEqual({ kind: 'message', key: 'm2', message: { ...became, seenBy: 3 } });
  });

  it('keeps a refused message, and messages still waiting, in the order he wrote them', () => {
    const entries = merge([aMessage(1)], new Map(), [anOutgoing('A', 'refused'), anOutgoing('B', 'waiting')]);

    expect(keys(entries)).toEqual(['m1', 'A', 'B']);
  });
});

describe('day separators', () => {
  const now = new Date(2026, 11, 5, 12, 0);

  it('cut the thread into local days, in order', () => {
    const lateYesterday = aMessage(1, { sentAt: new Date(2026, 11, 4, 23, 59).toISOString() });
    const earlyToday = aMessage(2, { sentAt: new Date(2026, 11, 5, 0, 1).toISOString() });
    const laterToday = aMessage(3, { sentAt: new Date(2026, 11, 5, 8, 0).toISOString() });

    const days = byDay(merge([laterToday, earlyToday, lateYesterday], new Map(), [anOutgoing('K')]));

    expect(days.map((day) => day.key)).toEqual(['2026-12-04', '2026-12-05']);
    expect(days.map((day) => keys(day.entries))).toEqual([['m1'], ['m2', 'm3', 'K']]);
  });

  it('say Today, Yesterday, the date, and the year only when it is not this year', () => {
    expect(dayLabel('2026-12-05', now)).toBe('Today');
    expect(dayLabel('2026-12-04', now)).toBe('Yesterday');
    expect(dayLabel('2026-12-01', now)).toMatch(/December/);
    expect(dayLabel('2026-12-01', now)).not.toMatch(/2026/);
    expect(dayLabel('2025-12-31', now)).toMatch(/2025/);
  });

  it('know yesterday across the turn of a month and a year', () => {
    expect(dayLabel(dayKey(new Date(2026, 11, 31, 23, 0)), new Date(2027, 0, 1, 1, 0))).toBe('Yesterday');
    expect(dayLabel(dayKey(new Date(2026, 1, 28)), new Date(2026, 2, 1, 9, 0))).toBe('Yesterday');
  });

  it('show in his list the time of today, Yesterday, or a date', () => {
    expect(lastMoved(new Date(2026, 11, 5, 9, 30).toISOString(), now)).toMatch(/09.30|9.30/);
    expect(lastMoved(new Date(2026, 11, 4, 9, 30).toISOString(), now)).toBe('Yesterday');
    expect(lastMoved(new Date(2026, 10, 20, 9, 30).toISOString(), now)).toMatch(/Nov/);
  });
});

describe('seen by', () => {
  const group = { kind: 'CIRCLE' as const, participants: 6 };

  it('goes under his newest message still standing', () => {
    const entries = merge([aMessage(1, { authorId: ME }), aMessage(2, { authorId: ME }), aMessage(3, { authorId: ME, removed: true, text: null }), aMessage(4)], new Map(), []);

    expect(lastOwn(entries, ME)?.id).toBe('m2');
  });

  it('counts the others in a group chat, him left out', () => {
    expect(seenText(aMessage(1, { seenBy: 4 }), group)).toBe('Seen by 4 of 5');
    expect(seenText(aMessage(1, { seenBy: 0 }), group)).toBe('Seen by 0 of 5');
  });

  it('says nothing when the server gives no count, and "Seen" in a one-to-one that shows receipts', () => {
    expect(seenText(aMessage(1, { seenBy: null }), group)).toBeNull();
    expect(seenText(aMessage(1, { seenBy: 1 }), { kind: 'DIRECT', participants: 2 })).toBe('Seen');
    expect(seenText(aMessage(1, { seenBy: 0 }), { kind: 'DIRECT', participants: 2 })).toBeNull();
  });
});

describe('reading and writing', () => {
  it('marks read up to the newest message of others, not his own', () => {
    expect(newestOfOthers([aMessage(3, { authorId: ME }), aMessage(2), aMessage(1)], ME)).toBe(2);
    expect(newestOfOthers([aMessage(1, { authorId: ME })], ME)).toBeUndefined();
  });

  it('refuses a blank message and one over 8 KB of UTF-8, counted in bytes', () => {
    expect(textProblem('  \n ')).toBe('blank');
    expect(textProblem('a'.repeat(8192))).toBeNull();
    expect(textProblem('é'.repeat(4097))).toBe('tooLong');
  });
});
