import { describe, expect, it } from 'vitest';
import { attemptFor, audienceLabel, audiencesFor, circlesFor, commentCount, excerpt, fieldProblem, pinEnd, ROLES } from './announcements';
import type { Circle } from './api/types';

const aCircle = (id: string, facilitatorIds: string[]): Circle => ({
  id, name: 'Circle ' + id, description: '', capacity: 8, openToJoin: true, facilitators: facilitatorIds.map((f) => ({ id: f, firstName: 'F', lastName: f })),
  status: 'ACTIVE', memberCount: 4, openSeats: 4, createdAt: '2026-01-01T00:00:00Z',
} as Circle);

describe('whom an announcement is for, in words', () => {
  it('says "To everyone" for the organisation', () => {
    expect(audienceLabel({ audience: 'ORGANISATION', role: null, circleName: null })).toBe('To everyone');
  });

  it('names the holders of a role', () => {
    expect(audienceLabel({ audience: 'ROLE', role: 'PTM', circleName: null })).toBe('To the production team');
    expect(audienceLabel({ audience: 'ROLE', role: 'FACILITATOR', circleName: null })).toBe('To facilitators');
  });

  it('names the circle', () => {
    expect(audienceLabel({ audience: 'CIRCLE', role: null, circleName: 'Tuesday Circle' })).toBe('To Tuesday Circle');
  });

  it('still says something when the server names no role or circle', () => {
    expect(audienceLabel({ audience: 'ROLE', role: null, circleName: null })).toBe('To a role');
    expect(audienceLabel({ audience: 'CIRCLE', role: null, circleName: null })).toBe('To a circle');
  });

  it('has words for every role', () => {
    for (const role of ROLES) {
      expect(audienceLabel({ audience: 'ROLE', role, circleName: null })).not.toMatch(/announcements\./);
    }
  });
});

describe('an announcement in the feed', () => {
  it('counts its comments in words', () => {
    expect([0, 1, 4].map(commentCount)).toEqual(['No comments', '1 comment', '4 comments']);
  });

  it('shows the first lines of its body, skipping blank ones, and marks where it was cut', () => {
    expect(excerpt('Brothers,\n\nthe retreat is near.\nBring boots.\nAnd a torch.')).toBe('Brothers,\nthe retreat is near.\nBring boots.…');
    expect(excerpt('Short and whole.')).toBe('Short and whole.');
  });

  it('cuts a long first line at a word', () => {
    expect(excerpt('one two three four', 3, 10)).toBe('one two…');
  });
});

describe('who may post to whom', () => {
  it('offers everyone, a role and a circle to holders of announcements.post', () => {
    expect(audiencesFor(['announcements.post', 'reports.view'])).toEqual(['ORGANISATION', 'ROLE', 'CIRCLE']);
  });

  it('offers a facilitator his circles only', () => {
    expect(audiencesFor(['circles.join', 'circles.manage'])).toEqual(['CIRCLE']);
  });

  it('offers a member nothing', () => {
    expect(audiencesFor(['circles.join', 'events.register'])).toEqual([]);
  });

  it('lists every circle for announcements.post, and for a facilitator those he runs', () => {
    const circles = [aCircle('k1', ['me']), aCircle('k2', ['tom']), aCircle('k3', ['tom', 'me'])];

    expect(circlesFor(circles, 'me', ['announcements.post']).map((c) => c.id)).toEqual(['k1', 'k2', 'k3']);
    expect(circlesFor(circles, 'me', ['circles.manage']).map((c) => c.id)).toEqual(['k1', 'k3']);
    expect(circlesFor(circles, 'me', ['circles.join'])).toEqual([]);
  });
});

describe('the form to post one', () => {
  it('refuses a blank title and one over 200 bytes of UTF-8, as the server does', () => {
    expect(fieldProblem('  ', 200)).toBe('blank');
    expect(fieldProblem('é'.repeat(100), 200)).toBeNull();
    expect(fieldProblem('é'.repeat(101), 200)).toBe('tooLong');
  });

  it('pins through the chosen day: the pin ends at the local midnight after it', () => {
    expect(pinEnd('2026-12-12')).toBe(new Date(2026, 11, 13).toISOString());
    expect(pinEnd('2026-12-31')).toBe(new Date(2027, 0, 1).toISOString());
    expect(pinEnd('')).toBeNull();
  });
});

describe('sending a comment', () => {
  const keys = () => {
    let n = 0;
    return () => 'key-' + ++n;
  };

  it('makes a new Idempotency-Key for new text', () => {
    const next = keys();

    expect(attemptFor(null, 'see you there', next)).toEqual({ text: 'see you there', key: 'key-1' });
  });

  it('keeps the key when he sends the same text again after it did not go through', () => {
    const next = keys();
    const first = attemptFor(null, 'see you there', next);

    expect(attemptFor(first, 'see you there', next)).toBe(first);
  });

  it('makes a new key when he changed the text', () => {
    const next = keys();
    const first = attemptFor(null, 'see you there', next);

    expect(attemptFor(first, 'see you there!', next).key).toBe('key-2');
  });
});
