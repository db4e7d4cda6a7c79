import { describe, expect, it } from 'vitest';
import { ago, inAppPath, levelsFor } from './notices';

describe('where a notification points', () => {
  it('is followed only when it is a path of the app', () => {
    for (const path of ['/announcements/a1', '/events/42', '/chats/c1', '/facilitate/k1', '/circle', '/payments', '/events/42?tab=1']) {
      expect(inAppPath(path)).toBe(path);
    }
  });

  it('is not followed to another site, a scheme or nothing', () => {
    for (const link of ['https://evil.example/x', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)', 'events/42', '/a b', '', null, undefined]) {
      expect(inAppPath(link)).toBeNull();
    }
  });
});

describe('how long ago a notification came', () => {
  const now = Date.parse('2026-12-10T12:00:00Z');

  it('says just now, then minutes, hours and days', () => {
    expect(ago('2026-12-10T11:59:30Z', now)).toBe('just now');
    expect(ago('2026-12-10T11:55:00Z', now)).toBe('5 minutes ago');
    expect(ago('2026-12-10T09:00:00Z', now)).toBe('3 hours ago');
    expect(ago('2026-12-09T10:00:00Z', now)).toBe('yesterday');
    expect(ago('2026-12-06T12:00:00Z', now)).toBe('4 days ago');
  });

  it('gives the date after a week, and just now for a clock a little ahead', () => {
    expect(ago('2026-11-20T12:00:00Z', now)).toMatch(/20/);
    expect(ago('2026-12-10T12:00:30Z', now)).toBe('just now');
  });
});

describe('the levels offered on a channel', () => {
  it('offer the digest by email only', () => {
    expect(levelsFor('EMAIL')).toEqual(['ALL', 'DIRECT', 'DIGEST', 'OFF']);
    expect(levelsFor('IN_APP')).toEqual(['ALL', 'DIRECT', 'OFF']);
    expect(levelsFor('SMS')).not.toContain('DIGEST');
    expect(levelsFor('PUSH')).not.toContain('DIGEST');
  });
});
