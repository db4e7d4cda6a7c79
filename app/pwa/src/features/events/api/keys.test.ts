import { partialMatchKey } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { eventKeys } from './keys';

// What an invalidation reaches: every query whose key starts with the invalidated one.
const reaches = (invalidated: readonly unknown[], key: readonly unknown[]) => partialMatchKey(key, invalidated);

describe('the keys of events', () => {
  it('are the keys the screens had before they were defined once', () => {
    expect(eventKeys.coming(50)).toEqual(['events', 'coming', 50]);
    expect(eventKeys.staffed()).toEqual(['events', 'staffed']);
    expect(eventKeys.byId('a,b')).toEqual(['events', 'byId', 'a,b']);
    expect(eventKeys.month('2026-12-01T00:00:00.000Z')).toEqual(['events', 'month', '2026-12-01T00:00:00.000Z']);
    expect(eventKeys.detail('e1')).toEqual(['event', 'e1']);
    expect(eventKeys.roster('e1')).toEqual(['event', 'e1', 'roster']);
    expect(eventKeys.kept('e1')).toEqual(['kept', 'e1']);
    expect(eventKeys.types()).toEqual(['event-types']);
    expect(eventKeys.mine()).toEqual(['me', 'registrations']);
    expect(eventKeys.ticket('r1')).toEqual(['ticket', 'r1']);
  });

  it('let a saved event reach every list of events, and the event with all that staff see of it', () => {
    for (const list of [eventKeys.coming(5), eventKeys.staffed(), eventKeys.byId('e1'), eventKeys.month('2026-12-01T00:00:00.000Z')]) {
      expect(reaches(eventKeys.lists, list)).toBe(true);
    }
    for (const part of [eventKeys.roster('e1'), eventKeys.registrations('e1'), eventKeys.teams('e1'), eventKeys.staff('e1'), eventKeys.payments('e1'), eventKeys.attendance('e1')]) {
      expect(reaches(eventKeys.detail('e1'), part)).toBe(true);
      expect(reaches(eventKeys.detail('e2'), part)).toBe(false);
    }
  });

  it('keep a single event, what the device keeps and his registrations apart from the lists', () => {
    expect(reaches(eventKeys.lists, eventKeys.detail('e1'))).toBe(false);
    expect(reaches(eventKeys.detail('e1'), eventKeys.kept('e1'))).toBe(false);
    expect(reaches(eventKeys.lists, eventKeys.mine())).toBe(false);
  });
});
