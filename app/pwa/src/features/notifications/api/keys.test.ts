import { partialMatchKey } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { notificationKeys } from './keys';

const reaches = (invalidated: readonly unknown[], key: readonly unknown[]) => partialMatchKey(key, invalidated);

describe('the keys of notifications', () => {
  it('name both lists, the unread count, his levels and his quiet hours', () => {
    expect(notificationKeys.list(false)).toEqual(['notifications', 'list', 'all']);
    expect(notificationKeys.list(true)).toEqual(['notifications', 'list', 'unread']);
    expect(notificationKeys.count()).toEqual(['notifications', 'count']);
    expect(notificationKeys.preferences()).toEqual(['notification-settings', 'levels']);
    expect(notificationKeys.quietHours()).toEqual(['notification-settings', 'quiet-hours']);
  });

  it('let the notification centre be read again without his settings', () => {
    expect(reaches(notificationKeys.all, notificationKeys.list(true))).toBe(true);
    expect(reaches(notificationKeys.all, notificationKeys.count())).toBe(true);
    expect(reaches(notificationKeys.lists(), notificationKeys.count())).toBe(false);
    expect(reaches(notificationKeys.all, notificationKeys.preferences())).toBe(false);
  });
});
