import { describe, expect, it } from 'vitest';
import { aPoll, aSlot } from './fixtures';
import { blankDraft, clashesOf, missing, openFirst, requestOf, share, slotAnswersOf, standing, toWhom, zoneOf, type Draft } from './polls';

const draft = (more: Partial<Draft>): Draft => ({ ...blankDraft(), ...more });

describe('the zone a poll shows its times in', () => {
  it('is the one its asker locked, else the man\'s own', () => {
    expect(zoneOf(aPoll({ timeZone: 'Europe/London' }), 'Europe/Berlin')).toBe('Europe/London');
    expect(zoneOf(aPoll({ timeZone: null }), 'Europe/Berlin')).toBe('Europe/Berlin');
  });
});

describe('where a poll stands', () => {
  it('says until when an open poll takes answers, when one ended, and when one closed', () => {
    expect(standing(aPoll({ deadline: '2027-01-05T18:00:00Z' }), 'UTC')).toMatch(/^Open · answers until .*Jan.*5.*6:00/);
    expect(standing(aPoll({ status: 'ENDED', deadline: '2027-01-05T18:00:00Z' }), 'UTC')).toMatch(/^Ended .*: waiting to be closed$/);
    expect(standing(aPoll({ status: 'CLOSED', closedAt: '2027-01-06T09:00:00Z' }), 'UTC')).toMatch(/^Closed .*Jan.*6/);
    expect(standing(aPoll(), 'UTC')).toBe('Open');
  });
});

describe('whom a poll asks', () => {
  it('is said as a line of its own: its circle by name, or everyone', () => {
    expect(toWhom(aPoll({ scope: 'CIRCLE', circleName: 'Tuesday Circle' }))).toBe('To Tuesday Circle');
    expect(toWhom(aPoll({ scope: 'ORGANISATION', circleId: null, circleName: null }))).toBe('To everyone');
  });
});

describe('the list of polls', () => {
  it('puts those not closed first and the closed ones after, each once', () => {
    const open = [aPoll({ id: 'a' }), aPoll({ id: 'b', status: 'ENDED' })];
    const all = [aPoll({ id: 'c', status: 'CLOSED' }), aPoll({ id: 'a' }), aPoll({ id: 'b', status: 'ENDED' }), aPoll({ id: 'd', status: 'CLOSED' })];

    const groups = openFirst(open, all);

    expect(groups.open.map((p) => p.id)).toEqual(['a', 'b']);
    expect(groups.closed.map((p) => p.id)).toEqual(['c', 'd']);
  });
});

describe('his answers', () => {
  it('are read from what the server holds for him, slot by slot', () => {
    const poll = aPoll({ options: [aSlot('s1', '2027-01-12T19:00:00Z', { mine: 'YES' }), aSlot('s2', '2027-01-13T19:00:00Z'), aSlot('s3', '2027-01-14T19:00:00Z', { mine: 'NO' })] });

    expect(slotAnswersOf(poll)).toEqual({ s1: 'YES', s3: 'NO' });
  });
});

describe('what clashes with a slot', () => {
  it('is named to him, and counted by man for the others', () => {
    const slot = aSlot('s1', '2027-01-12T19:00:00Z', {
      clashes: [
        { personId: 'me', name: 'Me', kind: 'CIRCLE_MEETING', what: 'Thursday circle' },
        { personId: 'sam', name: 'Sam', kind: 'CIRCLE_MEETING', what: null },
        { personId: 'sam', name: 'Sam', kind: 'EVENT', what: null },
        { personId: 'joe', name: 'Joe', kind: 'EVENT', what: null },
      ],
    });

    expect(clashesOf(slot, 'me')).toEqual({ mine: "Clashes with your other circle's meeting (Thursday circle)", others: 2 });
    expect(clashesOf(aSlot('s2', '2027-01-12T19:00:00Z', { clashes: [{ personId: 'me', name: 'Me', kind: 'EVENT', what: 'Winter retreat' }] }), 'me').mine)
      .toBe('Clashes with Winter retreat, which you are registered for');
  });
});

describe('the bar of an option', () => {
  it('is its share of those who answered, and empty before anyone did', () => {
    expect(share(2, 4)).toBe(50);
    expect(share(0, 0)).toBe(0);
    expect(share(3, 3)).toBe(100);
  });
});

describe('a new poll as it is sent', () => {
  it('sends a circle\'s slots as instants in his zone, with their length, places, the quorum and the locked zone', () => {
    const request = requestOf(draft({
      question: '  When do we meet in January? ', minutes: '120', quorum: '3', lockTimeZone: true, deadline: '2027-01-05T18:00',
      options: [{ key: 'a', startsAt: '2027-01-12T19:00', label: '', capacity: '' }, { key: 'b', startsAt: '2027-07-13T19:00', label: '', capacity: '6' }],
    }), 'c1', 'Europe/London');

    expect(request).toEqual({
      scope: 'CIRCLE', circleId: 'c1', kind: 'MEETING_TIME', question: 'When do we meet in January?',
      options: [{ startsAt: '2027-01-12T19:00:00.000Z', minutes: 120 }, { startsAt: '2027-07-13T18:00:00.000Z', minutes: 120, capacity: 6 }],
      lockTimeZone: true, deadline: '2027-01-05T18:00:00.000Z', quorum: 3,
    });
  });

  it('sends a question to everyone with its labels, and leaves out what belongs to a meeting time', () => {
    const request = requestOf(draft({
      kind: 'CHOICE', question: 'Which book next?', description: 'For the spring', multiple: true, anonymous: true, quorum: '3', lockTimeZone: true,
      options: [{ key: 'a', startsAt: '', label: ' Iron John ', capacity: '' }, { key: 'b', startsAt: '', label: 'King, Warrior, Magician, Lover', capacity: '' }],
    }), undefined, 'UTC');

    expect(request).toEqual({
      scope: 'ORGANISATION', kind: 'CHOICE', question: 'Which book next?', description: 'For the spring',
      options: [{ label: 'Iron John' }, { label: 'King, Warrior, Magician, Lover' }], multiple: true, anonymous: true,
    });
  });

  it('is not sent while the question or an option is empty', () => {
    expect(missing(draft({ question: ' ' }))).toEqual({ question: true, options: [true, true] });
    expect(missing(draft({ kind: 'CHOICE', question: 'Q', options: [{ key: 'a', startsAt: '', label: 'One', capacity: '' }] }))).toEqual({ question: false, options: [false] });
  });
});
